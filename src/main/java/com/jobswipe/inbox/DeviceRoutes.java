package com.jobswipe.inbox;

import com.jobswipe.auth.Authn;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Replies;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;

import java.util.Optional;

/**
 * {@code /v1/devices}: the phones that get this user's pushes. Registering is an idempotent upsert by token; a
 * token registered by another account moves to it (the phone changed hands or users). The token itself is never
 * shown again (listings, export): it is a capability to push to that phone.
 */
final class DeviceRoutes {

  private final InboxStore store;

  DeviceRoutes(InboxStore store) {
    this.store = store;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    Handler<RoutingContext> users = Authn.usersOnly();
    router.post("/v1/devices").handler(signedIn).handler(userLimit).handler(users).handler(this::register);
    router.get("/v1/devices").handler(signedIn).handler(userLimit).handler(users).handler(this::list);
    router.delete("/v1/devices/:id").handler(signedIn).handler(userLimit).handler(users).handler(this::delete);
  }

  private void register(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    String timezone = body.getString("timezone");
    if (timezone != null && !NotificationRoutes.validZone(timezone)) {
      throw NotificationRoutes.invalid("timezone", "is not an IANA time zone");
    }
    store.upsertDevice(NotificationRoutes.userId(ctx), body.getString("platform"), body.getString("token"),
            body.getString("appVersion"), body.getString("locale"), timezone)
        .onSuccess(row -> Replies.json(ctx, row.getBoolean("inserted") ? 201 : 200, device(row)))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    store.devices(NotificationRoutes.userId(ctx)).onSuccess(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(device(row)));
      Replies.json(ctx, 200, new JsonObject().put("items", items));
    }).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    store.deleteDevice(NotificationRoutes.userId(ctx), Replies.uuidParam(ctx, "id"))
        .onSuccess(found -> NotificationRoutes.noContentOr404(ctx, found)).onFailure(ctx::fail);
  }

  private static JsonObject device(Row row) {
    return new JsonObject().put("id", row.getUUID("id").toString()).put("platform", row.getString("platform"))
        .put("appVersion", row.getString("app_version")).put("locale", row.getString("locale"))
        .put("timezone", row.getString("timezone"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("lastSeenAt", Optional.ofNullable(row.getOffsetDateTime("last_seen_at"))
            .map(t -> t.toInstant().toString()).orElse(null));
  }
}
