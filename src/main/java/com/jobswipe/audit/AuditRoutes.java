package com.jobswipe.audit;

import com.jobswipe.auth.Authn;
import com.jobswipe.edge.QueryParams;
import com.jobswipe.edge.Replies;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code GET /v1/admin/audit}: the trail, newest first, in cursor pages, filtered by actor, target and action. */
final class AuditRoutes {

  private static final int DEFAULT_PAGE = 50;
  private static final int MAX_PAGE = 200;
  private static final Pattern ACTION = Pattern.compile("[a-z-]{1,40}\\.[a-z-]{1,40}");
  private static final Pattern TARGET = Pattern.compile("[A-Za-z0-9._:-]{1,253}");

  private final AuditStore store;

  AuditRoutes(AuditStore store) {
    this.store = store;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    router.get("/v1/admin/audit").handler(signedIn).handler(userLimit).handler(Authn.admin()).handler(this::page);
  }

  private void page(RoutingContext ctx) {
    int limit = QueryParams.pageSize(ctx, DEFAULT_PAGE, MAX_PAGE);
    long before = QueryParams.wholeNumber(ctx, "cursor").orElse(Long.MAX_VALUE);
    Optional<UUID> actor = QueryParams.single(ctx, "actor").map(value -> {
      try {
        return UUID.fromString(value);
      } catch (IllegalArgumentException e) {
        throw QueryParams.invalid("actor", "must be the id of a user or an API key");
      }
    });
    Optional<String> target = QueryParams.single(ctx, "target").map(value -> {
      if (!TARGET.matcher(value).matches()) {
        throw QueryParams.invalid("target", "must be the id of a user, source or API key, or a domain name");
      }
      return value.toLowerCase(java.util.Locale.ROOT);
    });
    Optional<String> action = QueryParams.single(ctx, "action").map(value -> {
      if (!ACTION.matcher(value).matches()) {
        throw QueryParams.invalid("action", "must be an action such as user.export or source.delete");
      }
      return value;
    });
    store.page(new AuditStore.Filter(actor, target, action, before, limit)).onSuccess(rows -> {
      List<JsonObject> items = rows.size() > limit ? rows.subList(0, limit) : rows;
      JsonObject page = new JsonObject().put("items", new JsonArray(items));
      if (rows.size() > limit) {
        page.put("nextCursor", items.get(items.size() - 1).getString("id"));
      }
      Replies.json(ctx, 200, page);
    }).onFailure(ctx::fail);
  }
}
