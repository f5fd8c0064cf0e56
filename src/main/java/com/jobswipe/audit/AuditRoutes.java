package com.jobswipe.audit;

import com.jobswipe.auth.Authn;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Parameters;
import com.jobswipe.edge.Replies;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code GET /v1/admin/audit}: the trail, newest first, in cursor pages, filtered by actor, target and action. */
final class AuditRoutes {

  private final AuditStore store;

  AuditRoutes(AuditStore store) {
    this.store = store;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    router.get("/v1/admin/audit").handler(signedIn).handler(userLimit).handler(Authn.admin()).handler(this::page);
  }

  private void page(RoutingContext ctx) {
    Parameters parameters = Contract.parameters(ctx);
    int limit = parameters.pageSize();
    long before = parameters.whole("cursor").orElse(Long.MAX_VALUE);
    Optional<UUID> actor = parameters.uuid("actor");
    Optional<String> target = parameters.text("target").map(value -> value.toLowerCase(java.util.Locale.ROOT));
    Optional<String> action = parameters.text("action");
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
