package com.jobswipe.audit;

import com.jobswipe.auth.Authn;
import com.jobswipe.auth.Principal;
import com.jobswipe.edge.RequestIds;
import com.jobswipe.edge.Requests;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Which acts the audit trail records, in one list, and the observers that record them. An observer is mounted
 * in front of the route that does the act and records it once that route has answered with success (2xx): an act
 * refused or failed leaves no record. The record is written after the answer — the act itself may have run on
 * another role over the bus, so no transaction spans both; a record that cannot be written is logged at ERROR
 * with the act and its request id, never dropped silently.
 *
 * <p>Reads and changes of one user's data by someone else (an admin, or an API key with the admin scope) are
 * recorded as such: the observer looks up the owner before the route runs (only for admin callers) and records
 * nothing when the caller is the owner.
 */
final class AuditedActs {

  /** Local-only: the request id of an act whose record was just written (tests wait for it). */
  static final String RECORDED = "audit.recorded.local";
  /** Where a route that creates something notes the new thing's id (see {@link Audit#created}). */
  static final String CREATED = "audit.created";
  private static final String OWNER = "audit.owner";
  private static final Logger LOG = LoggerFactory.getLogger(AuditedActs.class);

  /** How an act names what it was done to. */
  private sealed interface Target {
  }

  /** The caller's own account (export, erasure). */
  private record Self() implements Target {
  }

  /** An object named by a path parameter. */
  private record FromPath(String kind, String param) implements Target {
  }

  /** An object the route created, named by the route through {@link Audit#created}. */
  private record Created(String kind) implements Target {
  }

  /** Another user's data: the owner of the row that a path parameter names, found with {@code ownerSql}. */
  private record OwnedBy(String ownerSql, String param, String detailKey) implements Target {
  }

  private record Act(HttpMethod method, String path, String action, Target target) {
  }

  private static final String RESUME_OWNER = "SELECT user_id FROM resumes WHERE id = $1";
  private static final String COVER_LETTER_OWNER = "SELECT user_id FROM cover_letter_templates WHERE id = $1";
  private static final String SESSION_OWNER = "SELECT user_id FROM refresh_tokens WHERE family_id = $1 LIMIT 1";

  private static final List<Act> ACTS = List.of(
      new Act(HttpMethod.GET, "/v1/me/export", "user.export", new Self()),
      new Act(HttpMethod.DELETE, "/v1/me", "user.erase", new Self()),
      new Act(HttpMethod.GET, "/v1/profile/resumes/:id", "user-data.read", new OwnedBy(RESUME_OWNER, "id", "resume")),
      new Act(HttpMethod.GET, "/v1/profile/resumes/:id/file", "user-data.read",
          new OwnedBy(RESUME_OWNER, "id", "resumeFile")),
      new Act(HttpMethod.GET, "/v1/cover-letters/:id", "user-data.read",
          new OwnedBy(COVER_LETTER_OWNER, "id", "coverLetter")),
      new Act(HttpMethod.POST, "/v1/cover-letters/:id/render", "user-data.read",
          new OwnedBy(COVER_LETTER_OWNER, "id", "coverLetter")),
      new Act(HttpMethod.PUT, "/v1/cover-letters/:id", "user-data.change",
          new OwnedBy(COVER_LETTER_OWNER, "id", "coverLetter")),
      new Act(HttpMethod.DELETE, "/v1/cover-letters/:id", "user-data.change",
          new OwnedBy(COVER_LETTER_OWNER, "id", "coverLetter")),
      new Act(HttpMethod.DELETE, "/v1/auth/sessions/:id", "user.session-revoke",
          new OwnedBy(SESSION_OWNER, "id", "session")),
      new Act(HttpMethod.POST, "/v1/admin/sources", "source.create", new Created("source")),
      new Act(HttpMethod.DELETE, "/v1/admin/sources/:id", "source.delete", new FromPath("source", "id")),
      new Act(HttpMethod.PUT, "/v1/admin/domains/:domain", "domain.update", new FromPath("domain", "domain")),
      new Act(HttpMethod.POST, "/v1/admin/api-keys", "api-key.create", new Created("api-key")),
      new Act(HttpMethod.POST, "/v1/admin/api-keys/:id/rotate", "api-key.rotate", new FromPath("api-key", "id")),
      new Act(HttpMethod.DELETE, "/v1/admin/api-keys/:id", "api-key.revoke", new FromPath("api-key", "id")));

  private final Vertx vertx;
  private final AuditStore store;

  AuditedActs(Vertx vertx, AuditStore store) {
    this.vertx = vertx;
    this.store = store;
  }

  /** Mounts the observers; must come before the routes that do the acts, after authentication's identify step. */
  void observe(Router router) {
    for (Act act : ACTS) {
      router.route(act.method(), act.path()).handler(ctx -> before(ctx, act));
    }
  }

  private void before(RoutingContext ctx, Act act) {
    ctx.addEndHandler(ended -> {
      int status = ctx.response().getStatusCode();
      if (ended.succeeded() && status >= 200 && status < 300) {
        after(ctx, act);
      }
    });
    Optional<Principal> caller = Authn.principalOf(ctx);
    if (act.target() instanceof OwnedBy owned && caller.map(Principal::isAdmin).orElse(false)) {
      Requests.pause(ctx);
      store.owner(owned.ownerSql(), ctx.pathParam(owned.param())).onComplete(owner -> {
        if (owner.succeeded()) {
          owner.result().ifPresent(id -> ctx.put(OWNER, id));
        } else {
          LOG.error("[{}] audit: finding the owner for {} failed: {}", RequestIds.of(ctx), act.action(),
              owner.cause().toString());
        }
        Requests.resume(ctx);
        ctx.next();
      });
      return;
    }
    ctx.next();
  }

  private void after(RoutingContext ctx, Act act) {
    Optional<Principal> caller = Authn.principalOf(ctx);
    if (caller.isEmpty()) {
      return;
    }
    Principal actor = caller.get();
    String requestId = RequestIds.of(ctx);
    JsonObject detail = new JsonObject();
    String targetKind;
    String targetId;
    Target target = act.target();
    if (target instanceof Self) {
      targetKind = "user";
      targetId = actor.requireUser().toString();
    } else if (target instanceof FromPath path) {
      targetKind = path.kind();
      targetId = ctx.pathParam(path.param()).toLowerCase(Locale.ROOT);
      Optional.ofNullable(ctx.<String>get(CREATED)).ifPresent(created -> detail.put("created", created));
    } else if (target instanceof Created created) {
      targetKind = created.kind();
      targetId = Optional.ofNullable(ctx.<String>get(CREATED)).orElse("unknown");
    } else {
      OwnedBy owned = (OwnedBy) target;
      UUID owner = ctx.get(OWNER);
      if (owner == null || actor.userId().map(owner::equals).orElse(false)) {
        return;
      }
      targetKind = "user";
      targetId = owner.toString();
      detail.put(owned.detailKey(), ctx.pathParam(owned.param()));
    }
    AuditRecord record = AuditRecord.by(actor, act.action(), targetKind, targetId, requestId, detail);
    store.append(record)
        .onSuccess(done -> vertx.eventBus().publish(RECORDED, requestId, new DeliveryOptions().setLocalOnly(true)))
        .onFailure(e -> LOG.error("[{}] audit record of {} by {} {} on {} {} could not be written: {}", requestId,
            record.action(), record.actorKind(), record.actorId(), record.targetKind(), record.targetId(),
            e.toString()));
  }
}
