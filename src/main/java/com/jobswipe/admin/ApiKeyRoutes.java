package com.jobswipe.admin;

import com.jobswipe.audit.Audit;
import com.jobswipe.auth.ApiKeyService;
import com.jobswipe.auth.Authn;
import com.jobswipe.auth.RequestInfo;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.edge.Replies;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /v1/admin/api-keys}: keys for services, each with its scopes and an optional expiry. Creating and rotating
 * hand out a secret, so they ask for a recent sign-in; the accounts feature owns the keys themselves.
 */
final class ApiKeyRoutes {

  private final ApiKeyService apiKeys;
  private final Function<RoutingContext, RequestInfo> info;

  ApiKeyRoutes(ApiKeyService apiKeys, Function<RoutingContext, RequestInfo> info) {
    this.apiKeys = apiKeys;
    this.info = info;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    Handler<RoutingContext> recent = Authn.recentlyAuthenticated();
    router.post("/v1/admin/api-keys").handler(signedIn).handler(userLimit).handler(Authn.admin())
        .handler(recent).handler(this::create);
    router.get("/v1/admin/api-keys").handler(signedIn).handler(userLimit).handler(Authn.admin())
        .handler(this::list);
    router.post("/v1/admin/api-keys/:id/rotate").handler(signedIn).handler(userLimit).handler(Authn.admin())
        .handler(recent).handler(this::rotate);
    router.delete("/v1/admin/api-keys/:id").handler(signedIn).handler(userLimit).handler(Authn.admin())
        .handler(this::revoke);
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    // The contract holds scopes to one or more known names; duplicates are dropped here.
    List<String> scopes = body.getJsonArray("scopes").stream().map(String.class::cast).distinct().toList();
    Optional<Instant> expiresAt = Optional.ofNullable(body.getString("expiresAt")).map(ApiKeyRoutes::futureInstant);
    Replies.json(ctx, 201, apiKeys.create(body.getString("name"), scopes, expiresAt, Authn.principal(ctx),
        info.apply(ctx)).map(key -> Audit.created(ctx, key.getString("id"), key)));
  }

  private static Instant futureInstant(String text) {
    Instant at;
    try {
      at = OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      at = null;
    }
    if (at == null || !at.isAfter(Instant.now())) {
      throw new Problem(ProblemType.VALIDATION, "expiresAt must be a valid instant in the future",
          new JsonObject().put("errors", new JsonArray().add(new JsonObject()
              .put("field", "expiresAt").put("message", "must be a valid instant in the future"))));
    }
    return at;
  }

  private void list(RoutingContext ctx) {
    Replies.json(ctx, 200, apiKeys.list().map(list -> new JsonObject().put("items", list)));
  }

  private void rotate(RoutingContext ctx) {
    Replies.json(ctx, 201, apiKeys.rotate(Replies.uuidParam(ctx, "id"), Authn.principal(ctx), info.apply(ctx))
        .map(key -> Audit.created(ctx, key.getString("id"), key)));
  }

  private void revoke(RoutingContext ctx) {
    Replies.noContent(ctx, apiKeys.revoke(Replies.uuidParam(ctx, "id"), Authn.principal(ctx), info.apply(ctx)));
  }
}
