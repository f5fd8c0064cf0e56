package com.jobswipe.inbox;

import com.jobswipe.auth.Authn;
import com.jobswipe.bus.NotificationKind;
import com.jobswipe.bus.NotificationKind.Channel;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.edge.Parameters;
import com.jobswipe.edge.Replies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /v1/notifications}: the inbox (newest first, cursor pages, unread count), marking read, deleting, and
 * {@code /v1/notifications/preferences}: which kinds reach which channel, quiet hours and the digest.
 */
final class NotificationRoutes {

  private final InboxStore store;

  NotificationRoutes(InboxStore store) {
    this.store = store;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    Handler<RoutingContext> users = Authn.usersOnly();
    router.get("/v1/notifications/preferences").handler(signedIn).handler(userLimit).handler(users)
        .handler(this::preferences);
    router.put("/v1/notifications/preferences").handler(signedIn).handler(userLimit).handler(users)
        .handler(this::savePreferences);
    router.get("/v1/notifications").handler(signedIn).handler(userLimit).handler(users).handler(this::list);
    router.post("/v1/notifications/read-all").handler(signedIn).handler(userLimit).handler(users)
        .handler(this::readAll);
    router.post("/v1/notifications/:id/read").handler(signedIn).handler(userLimit).handler(users)
        .handler(this::read);
    router.delete("/v1/notifications/:id").handler(signedIn).handler(userLimit).handler(users)
        .handler(this::delete);
  }

  static UUID userId(RoutingContext ctx) {
    return Authn.principal(ctx).userId().orElseThrow();
  }

  private void list(RoutingContext ctx) {
    UUID userId = userId(ctx);
    Parameters parameters = Contract.parameters(ctx);
    int limit = parameters.pageSize();
    long before = parameters.whole("cursor").orElse(Long.MAX_VALUE);
    Future.all(store.page(userId, before, limit + 1), store.unread(userId)).onSuccess(both -> {
      List<Row> rows = both.resultAt(0);
      JsonArray items = new JsonArray();
      rows.stream().limit(limit).forEach(row -> items.add(item(row)));
      JsonObject page = new JsonObject().put("items", items).put("unreadCount", both.<Long>resultAt(1))
          .putNull("nextCursor");
      if (rows.size() > limit) {
        page.put("nextCursor", Long.toString(rows.get(limit - 1).getLong("seq")));
      }
      Replies.json(ctx, 200, page);
    }).onFailure(ctx::fail);
  }

  /** One inbox entry as clients see it ({@code seq} is also the WebSocket's {@code lastNotificationId}). */
  static JsonObject item(Row row) {
    return new JsonObject().put("id", row.getUUID("id").toString()).put("seq", row.getLong("seq"))
        .put("kind", row.getString("kind")).put("priority", row.getString("priority"))
        .put("title", row.getString("title")).put("body", row.getString("body"))
        .put("data", Optional.ofNullable(row.getJsonObject("data")).orElseGet(JsonObject::new))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("readAt", Optional.ofNullable(row.getOffsetDateTime("read_at")).map(t -> t.toInstant().toString())
            .orElse(null));
  }

  private void read(RoutingContext ctx) {
    store.read(userId(ctx), Replies.uuidParam(ctx, "id")).onSuccess(found -> noContentOr404(ctx, found)).onFailure(ctx::fail);
  }

  private void readAll(RoutingContext ctx) {
    store.readAll(userId(ctx)).onSuccess(n -> Replies.json(ctx, 200, new JsonObject().put("marked", n)))
        .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    store.delete(userId(ctx), Replies.uuidParam(ctx, "id")).onSuccess(found -> noContentOr404(ctx, found)).onFailure(ctx::fail);
  }

  private void preferences(RoutingContext ctx) {
    UUID userId = userId(ctx);
    Future.all(store.preferences(userId), store.settings(userId)).onSuccess(both -> {
      List<Row> stored = both.resultAt(0);
      Optional<Row> settings = both.resultAt(1);
      Replies.json(ctx, 200, preferencesJson(stored, settings.map(NotificationSettings::of)
          .orElseGet(NotificationSettings::defaults)));
    }).onFailure(ctx::fail);
  }

  private static JsonObject preferencesJson(List<Row> stored, NotificationSettings settings) {
    Map<String, Boolean> choices = new HashMap<>();
    stored.forEach(row -> choices.put(row.getString("kind") + "|" + row.getString("channel"), row.getBoolean("enabled")));
    JsonArray kinds = new JsonArray();
    for (NotificationKind kind : NotificationKind.values()) {
      JsonObject entry = new JsonObject().put("kind", kind.wire()).put("urgent", kind.urgent());
      for (Channel channel : Channel.values()) {
        entry.put(channel.wire(), kind.enabled(channel, Optional.ofNullable(choices.get(kind.wire() + "|" + channel.wire()))));
        entry.put(channel.wire() + "Adjustable", kind.adjustable(channel));
      }
      kinds.add(entry);
    }
    return new JsonObject().put("kinds", kinds).put("quietHours", settings.quietHoursJson())
        .put("digest", new JsonObject().put("enabled", settings.digestEnabled()).put("hour", settings.digestHour()));
  }

  private void savePreferences(RoutingContext ctx) {
    UUID userId = userId(ctx);
    JsonObject body = Contract.body(ctx);
    List<JsonObject> errors = new ArrayList<>();
    List<Object[]> changes = new ArrayList<>();
    JsonArray kinds = body.getJsonArray("kinds", new JsonArray());
    for (int i = 0; i < kinds.size(); i++) {
      JsonObject entry = kinds.getJsonObject(i);
      NotificationKind kind = NotificationKind.of(entry.getString("kind")).orElseThrow();
      for (Channel channel : Channel.values()) {
        Boolean wanted = entry.getBoolean(channel.wire());
        if (wanted == null) {
          continue;
        }
        if (!kind.adjustable(channel) && wanted != kind.enabledByDefault(channel)) {
          errors.add(new JsonObject().put("field", "kinds[" + i + "]." + channel.wire()).put("message",
              kind.security() ? "account security mail cannot be turned off" : "this kind never goes to phones"));
          continue;
        }
        changes.add(new Object[] {kind.wire(), channel.wire(), wanted});
      }
    }
    JsonObject quiet = body.getJsonObject("quietHours");
    if (quiet != null) {
      if (quiet.getBoolean("enabled") && (quiet.getString("start") == null || quiet.getString("end") == null)) {
        errors.add(new JsonObject().put("field", "quietHours").put("message", "start and end are required when enabled"));
      }
      if (quiet.getString("timezone") != null && !validZone(quiet.getString("timezone"))) {
        errors.add(new JsonObject().put("field", "quietHours.timezone").put("message", "is not an IANA time zone"));
      }
    }
    if (!errors.isEmpty()) {
      throw new Problem(ProblemType.VALIDATION, errors.size() + " field(s) are invalid",
          new JsonObject().put("errors", new JsonArray(errors)));
    }
    store.settings(userId).compose(found -> {
      NotificationSettings now = merge(found.map(NotificationSettings::of).orElseGet(NotificationSettings::defaults),
          quiet, body.getJsonObject("digest"));
      return store.pool().withTransaction(tx -> {
        Future<Void> chain = store.saveSettings(tx, userId, now);
        for (Object[] change : changes) {
          chain = chain.compose(v -> store.savePreference(tx, userId, (String) change[0], (String) change[1],
              (Boolean) change[2]));
        }
        return chain;
      });
    }).onSuccess(done -> preferences(ctx)).onFailure(ctx::fail);
  }

  private static NotificationSettings merge(NotificationSettings current, JsonObject quiet, JsonObject digest) {
    String timezone = current.timezone();
    Optional<Integer> start = current.quietStartMinute();
    Optional<Integer> end = current.quietEndMinute();
    boolean urgent = current.urgentInQuiet();
    if (quiet != null) {
      timezone = Optional.ofNullable(quiet.getString("timezone")).orElse(timezone);
      urgent = quiet.getBoolean("allowUrgent", urgent);
      if (quiet.getBoolean("enabled")) {
        start = Optional.of(NotificationSettings.minute(quiet.getString("start")));
        end = Optional.of(NotificationSettings.minute(quiet.getString("end")));
      } else {
        start = Optional.empty();
        end = Optional.empty();
      }
    }
    boolean digestOn = current.digestEnabled();
    int hour = current.digestHour();
    if (digest != null) {
      digestOn = digest.getBoolean("enabled", digestOn);
      hour = digest.getInteger("hour", hour);
    }
    return new NotificationSettings(timezone, start, end, urgent, digestOn, hour);
  }

  static boolean validZone(String zone) {
    try {
      ZoneId.of(zone);
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  static void noContentOr404(RoutingContext ctx, boolean found) {
    if (found) {
      ctx.response().setStatusCode(204).end();
    } else {
      ctx.fail(new Problem(ProblemType.NOT_FOUND, "No such resource"));
    }
  }

  static Problem invalid(String field, String message) {
    return new Problem(ProblemType.VALIDATION, "The request has an invalid field", new JsonObject().put("errors",
        new JsonArray().add(new JsonObject().put("field", field).put("message", message))));
  }
}
