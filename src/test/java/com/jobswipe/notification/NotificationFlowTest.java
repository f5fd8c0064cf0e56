package com.jobswipe.notification;

import com.jobswipe.notification.push.PushChannels;
import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.notification.push.PushOutcome;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification role on a real node and database, with push providers that speak the push contract: events
 * become one inbox row and one delivery per device, retries, dead tokens, quiet hours, preferences changed and
 * accounts erased while a push waits; the inbox, device and preference routes; notifications on the socket.
 */
class NotificationFlowTest {

  private static final String PASSWORD = "correct battery horse staple 7";
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final AtomicLong EVENT_IDS = new AtomicLong(1_000);

  private static final ScriptedPush APNS = new ScriptedPush("apns");
  private static final ScriptedPush FCM = new ScriptedPush("fcm");

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static DeliveryWatch watch;
  private static WebSocketClient sockets;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API), Map.of(
        "JOBSWIPE_DATA_DIR", Path.of("target", "test-data", "flow-" + UUID.randomUUID()).toString(),
        "JOBSWIPE_NOTIFY_BACKOFF_SECONDS", "1",
        "JOBSWIPE_NOTIFY_BACKOFF_MAX_SECONDS", "1",
        "JOBSWIPE_NOTIFY_MAX_ATTEMPTS", "3"));
    watch = DeliveryWatch.on(node.database());
    node.app().vertx().deployVerticle(new NotificationVerticle(node.app().node(),
        NotificationVerticle.Setup.with(vx -> new PushChannels(Optional.of(APNS), Optional.of(FCM))))).await();
    api = new Api(vertx, node.port());
    sockets = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() throws Exception {
    watch.close();
    node.close();
    vertx.close().await();
  }

  // ---------------------------------------------------------------- push

  @Test
  void anApplicationNeedingTheUserReachesEachPhoneOnItsProviderRetryingWhenAsked() throws Exception {
    User user = newUser();
    String iphone = token();
    String android = token();
    assertThat(registerDevice(user, "ios", iphone).statusCode()).isEqualTo(201);
    assertThat(registerDevice(user, "ios", iphone).statusCode()).as("idempotent").isEqualTo(200);
    assertThat(registerDevice(user, "android", android).statusCode()).isEqualTo(201);
    APNS.answer(iphone, new PushOutcome.Retry(Duration.ofMillis(100), "429 TooManyRequests"));

    String applicationId = UUID.randomUUID().toString();
    publish(user, applicationId, "NEEDS_HUMAN", new JsonObject());

    DeliveryWatch.Outcome apns = watch.await(o -> o.channel().equals("apns") && o.status().equals("sent"), WAIT);
    assertThat(apns.attempts()).isEqualTo(2);
    assertThat(APNS.sentTo(iphone)).hasSize(2);
    watch.await(o -> o.channel().equals("fcm") && o.status().equals("sent"), WAIT);
    assertThat(FCM.sentTo(android)).hasSize(1);

    var message = FCM.sentTo(android).get(0).message();
    JsonObject inbox = api.get("/v1/notifications", user.access()).bodyAsJsonObject();
    JsonObject entry = inbox.getJsonArray("items").getJsonObject(0);
    assertThat(entry.getString("kind")).isEqualTo("application.needs-human");
    assertThat(message.collapseId()).isEqualTo(entry.getString("id"));
    assertThat(APNS.sentTo(iphone).get(1).message().collapseId()).as("a resend replaces").isEqualTo(message.collapseId());
    assertThat(message.deepLink()).isEqualTo("jobswipe://applications/" + applicationId);
    assertThat(message.urgent()).isTrue();
    assertThat(message.data()).containsEntry("applicationId", applicationId);
  }

  @Test
  void aDeadTokenRemovesTheDeviceAndATokenMovesToTheNewestAccount() throws Exception {
    User alice = newUser();
    User bob = newUser();
    String phone = token();
    registerDevice(bob, "android", phone);
    registerDevice(alice, "android", phone);
    assertThat(devices(bob)).isEmpty();
    assertThat(devices(alice)).hasSize(1);

    FCM.answer(phone, new PushOutcome.Gone("UNREGISTERED"));
    publish(alice, UUID.randomUUID().toString(), "SUBMITTED", new JsonObject());
    DeliveryWatch.Outcome gone = watch.await(o -> o.channel().equals("fcm") && o.error().contains("UNREGISTERED"), WAIT);
    assertThat(gone.status()).isEqualTo("failed");
    assertThat(devices(alice)).isEmpty();
  }

  @Test
  void aProviderThatKeepsRefusingEndsFailedWithItsReason() throws Exception {
    User user = newUser();
    String phone = token();
    registerDevice(user, "ios", phone);
    APNS.answer(phone, new PushOutcome.Retry(Duration.ZERO, "503 ServiceUnavailable"),
        new PushOutcome.Retry(Duration.ZERO, "503 ServiceUnavailable"),
        new PushOutcome.Retry(Duration.ZERO, "503 ServiceUnavailable"));
    publish(user, UUID.randomUUID().toString(), "FAILED", new JsonObject());
    DeliveryWatch.Outcome failed = watch.await(o -> o.channel().equals("apns") && o.status().equals("failed"), WAIT);
    assertThat(failed.attempts()).isEqualTo(3);
    assertThat(failed.error()).isEqualTo("gave up after 3 attempts: 503 ServiceUnavailable");
  }

  @Test
  void quietHoursHoldAPushAndAChannelTurnedOffMeanwhileSendsNothing() throws Exception {
    User user = newUser();
    String phone = token();
    registerDevice(user, "ios", phone);
    putPreferences(user, new JsonObject().put("quietHours", quietNow()));

    publish(user, UUID.randomUUID().toString(), "SUBMITTED", new JsonObject());
    String held = awaitDelivery(user);
    assertThat(scalar("SELECT (next_attempt_at > now() + interval '30 minutes')::text FROM notification_deliveries"
        + " WHERE id = ?::uuid", held)).isEqualTo("true");

    putPreferences(user, new JsonObject().put("kinds", new JsonArray().add(new JsonObject()
        .put("kind", "application.submitted").put("push", false))));
    update("UPDATE notification_deliveries SET next_attempt_at = now() WHERE id = ?::uuid", held);
    DeliveryWatch.Outcome skipped = watch.await(o -> o.deliveryId().equals(held), WAIT);
    assertThat(skipped.status()).isEqualTo("skipped");
    assertThat(skipped.error()).isEqualTo("turned off by the user");
    assertThat(APNS.sentTo(phone)).isEmpty();
  }

  @Test
  void urgentKindsPassQuietHoursWhenTheUserAllows() throws Exception {
    User user = newUser();
    String phone = token();
    registerDevice(user, "android", phone);
    putPreferences(user, new JsonObject().put("quietHours", quietNow().put("allowUrgent", true)));
    publish(user, UUID.randomUUID().toString(), "NEEDS_HUMAN", new JsonObject());
    watch.await(o -> o.channel().equals("fcm") && o.status().equals("sent") && !FCM.sentTo(phone).isEmpty(), WAIT);
  }

  @Test
  void nothingIsSentForAnAccountErasedWhileItsPushWaits() throws Exception {
    User user = newUser();
    String phone = token();
    registerDevice(user, "ios", phone);
    putPreferences(user, new JsonObject().put("quietHours", quietNow()));
    publish(user, UUID.randomUUID().toString(), "UNKNOWN", new JsonObject());
    String held = awaitDelivery(user);

    HttpResponse<Buffer> erased = api.request(HttpMethod.DELETE, "/v1/me").putHeader("Authorization",
        "Bearer " + user.access()).sendJsonObject(new JsonObject().put("confirm", true)).await();
    assertThat(erased.statusCode()).isEqualTo(204);
    assertThat(scalar("SELECT count(*)::text FROM notification_deliveries WHERE id = ?::uuid", held)).isEqualTo("0");
    assertThat(scalar("SELECT count(*)::text FROM device_tokens WHERE user_id = ?::uuid", user.id())).isEqualTo("0");
    assertThat(APNS.sentTo(phone)).isEmpty();
  }

  @Test
  void aDeliveryClaimedByANodeThatDiedIsSentOnceItsLeaseEnds() throws Exception {
    User user = newUser();
    String phone = token();
    String deviceId = registerDevice(user, "ios", phone).bodyAsJsonObject().getString("id");
    String notificationId = UUID.randomUUID().toString();
    String deliveryId = UUID.randomUUID().toString();
    update("INSERT INTO notifications (id, user_id, kind, title, body) VALUES (?::uuid, ?::uuid,"
        + " 'application.submitted', 'Application sent', 'Your application was submitted.')", notificationId, user.id());
    // Claimed a moment ago by a node that was then killed: leased for two more seconds, one attempt spent.
    update("INSERT INTO notification_deliveries (id, notification_id, channel, device_token_id, attempts, leased_by,"
        + " lease_until, next_attempt_at) VALUES (?::uuid, ?::uuid, 'apns', ?::uuid, 1, 'killed-node',"
        + " now() + interval '2 seconds', now() + interval '2 seconds')", deliveryId, notificationId, deviceId);

    DeliveryWatch.Outcome sent = watch.await(o -> o.deliveryId().equals(deliveryId), WAIT);
    assertThat(sent.status()).isEqualTo("sent");
    assertThat(sent.attempts()).isEqualTo(2);
    assertThat(APNS.sentTo(phone)).hasSize(1);
    assertThat(APNS.sentTo(phone).get(0).message().collapseId()).isEqualTo(notificationId);
  }

  // ---------------------------------------------------------------- inbox, devices, preferences

  @Test
  void theInboxPagesNewestFirstCountsUnreadAndIsTheOwnersOnly() throws Exception {
    User user = newUser();
    User other = newUser();
    for (int i = 0; i < 3; i++) {
      publish(user, UUID.randomUUID().toString(), "SUBMITTED", new JsonObject());
    }
    awaitCount(user, 4);

    JsonObject first = api.get("/v1/notifications?limit=2", user.access()).bodyAsJsonObject();
    assertThat(first.getJsonArray("items")).hasSize(2);
    assertThat(first.getLong("unreadCount")).isEqualTo(4);
    JsonObject second = api.get("/v1/notifications?limit=2&cursor=" + first.getString("nextCursor"), user.access())
        .bodyAsJsonObject();
    assertThat(second.getJsonArray("items")).hasSize(2);
    assertThat(second.getString("nextCursor")).isNull();
    assertThat(second.getJsonArray("items").getJsonObject(1).getString("kind")).isEqualTo("account.verify-email");
    assertThat(first.getJsonArray("items").getJsonObject(0).getLong("seq"))
        .isGreaterThan(second.getJsonArray("items").getJsonObject(0).getLong("seq"));

    String id = first.getJsonArray("items").getJsonObject(0).getString("id");
    assertThat(api.post("/v1/notifications/" + id + "/read", new JsonObject(), other.access()).statusCode()).isEqualTo(404);
    assertThat(api.delete("/v1/notifications/" + id, other.access()).statusCode()).isEqualTo(404);
    assertThat(api.post("/v1/notifications/" + id + "/read", new JsonObject(), user.access()).statusCode()).isEqualTo(204);
    assertThat(api.get("/v1/notifications", user.access()).bodyAsJsonObject().getLong("unreadCount")).isEqualTo(3);
    assertThat(api.post("/v1/notifications/read-all", new JsonObject(), user.access()).bodyAsJsonObject()
        .getInteger("marked")).isEqualTo(3);
    assertThat(api.delete("/v1/notifications/" + id, user.access()).statusCode()).isEqualTo(204);
    assertThat(api.delete("/v1/notifications/" + id, user.access()).statusCode()).isEqualTo(404);
    assertThat(api.get("/v1/notifications", user.access()).bodyAsJsonObject().getJsonArray("items")).hasSize(3);

    assertThat(api.get("/v1/notifications?cursor=abc", user.access()).statusCode()).isEqualTo(400);
    assertThat(api.get("/v1/notifications?limit=0", user.access()).statusCode()).isEqualTo(400);
    assertThat(api.post("/v1/notifications/not-a-uuid/read", new JsonObject(), user.access()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void securityMailCannotBeTurnedOffAndBadPreferencesAreFieldErrors() {
    User user = newUser();
    JsonObject defaults = api.get("/v1/notifications/preferences", user.access()).bodyAsJsonObject();
    JsonObject reset = kind(defaults, "account.reset-password");
    assertThat(reset.getBoolean("email")).isTrue();
    assertThat(reset.getBoolean("emailAdjustable")).isFalse();
    assertThat(reset.getBoolean("push")).isFalse();
    assertThat(kind(defaults, "application.needs-human").getBoolean("push")).isTrue();

    HttpResponse<Buffer> refused = api.request(HttpMethod.PUT, "/v1/notifications/preferences")
        .putHeader("Authorization", "Bearer " + user.access())
        .sendJsonObject(new JsonObject().put("kinds", new JsonArray()
            .add(new JsonObject().put("kind", "account.new-sign-in").put("email", false))
            .add(new JsonObject().put("kind", "no.such-kind")))
            .put("quietHours", new JsonObject().put("enabled", true).put("start", "25:00").put("end", "07:00")))
        .await();
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/validation");

    HttpResponse<Buffer> zone = api.request(HttpMethod.PUT, "/v1/notifications/preferences")
        .putHeader("Authorization", "Bearer " + user.access())
        .sendJsonObject(new JsonObject().put("quietHours", new JsonObject().put("enabled", true).put("start", "22:00")
            .put("end", "07:00").put("timezone", "Mars/Olympus")))
        .await();
    assertThat(zone.statusCode()).isEqualTo(400);
    assertThat(zone.bodyAsString()).contains("quietHours.timezone");

    JsonObject saved = putPreferences(user, new JsonObject()
        .put("kinds", new JsonArray().add(new JsonObject().put("kind", "application.submitted").put("email", false)))
        .put("quietHours", new JsonObject().put("enabled", true).put("start", "22:00").put("end", "07:00")
            .put("timezone", "Europe/Berlin").put("allowUrgent", false))
        .put("digest", new JsonObject().put("enabled", false)));
    assertThat(kind(saved, "application.submitted").getBoolean("email")).isFalse();
    assertThat(saved.getJsonObject("quietHours").getString("start")).isEqualTo("22:00");
    assertThat(saved.getJsonObject("quietHours").getString("timezone")).isEqualTo("Europe/Berlin");
    assertThat(saved.getJsonObject("digest").getBoolean("enabled")).isFalse();
  }

  @Test
  void badDeviceRegistrationsAreRefusedAndOnlyTheOwnerDeletesADevice() {
    User user = newUser();
    User other = newUser();
    assertThat(registerDevice(user, "windows", token()).statusCode()).isEqualTo(400);
    assertThat(registerDevice(user, "ios", "short").statusCode()).isEqualTo(400);
    assertThat(api.post("/v1/devices", new JsonObject().put("platform", "ios").put("token", token())
        .put("timezone", "Nowhere/Else"), user.access()).statusCode()).isEqualTo(400);
    String id = registerDevice(user, "ios", token()).bodyAsJsonObject().getString("id");
    assertThat(api.delete("/v1/devices/" + id, other.access()).statusCode()).isEqualTo(404);
    assertThat(api.delete("/v1/devices/" + id, user.access()).statusCode()).isEqualTo(204);
    assertThat(devices(user)).isEmpty();
  }

  // ---------------------------------------------------------------- WebSocket

  @Test
  void aReconnectingSocketGetsTheNotificationsItMissedThenLiveOnes() throws Exception {
    User user = newUser();
    publish(user, UUID.randomUUID().toString(), "SUBMITTED", new JsonObject());
    awaitCount(user, 2);
    JsonArray items = api.get("/v1/notifications", user.access()).bodyAsJsonObject().getJsonArray("items");
    long older = items.getJsonObject(1).getLong("seq");
    long newer = items.getJsonObject(0).getLong("seq");

    List<JsonObject> received = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> live = new CompletableFuture<>();
    ClientWebSocket ws = sockets.webSocket();
    ws.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      if ("notification".equals(message.getString("type"))) {
        received.add(message);
        if (received.size() == 2) {
          live.complete(null);
        }
      }
    });
    ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
        .setURI("/v1/ws?lastNotificationId=" + older).addHeader("Authorization", "Bearer " + user.access())).await();
    String applicationId = UUID.randomUUID().toString();
    publish(user, applicationId, "NEEDS_HUMAN", new JsonObject());

    live.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(received.get(0).getLong("seq")).as("the missed one first").isEqualTo(newer);
    assertThat(received.get(1).getString("kind")).isEqualTo("application.needs-human");
    assertThat(received.get(1).getJsonObject("data").getString("deepLink"))
        .isEqualTo("jobswipe://applications/" + applicationId);
    assertThat(received.get(1).containsKey("userId")).isFalse();
    ws.close().await();
  }

  // ---------------------------------------------------------------- helpers

  private record User(String id, String access) {
  }

  private static User newUser() {
    String email = "n" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
    HttpResponse<Buffer> response = api.post("/v1/auth/register",
        new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject session = response.bodyAsJsonObject();
    return new User(session.getJsonObject("user").getString("id"), session.getString("accessToken"));
  }

  private static String token() {
    return UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
  }

  private static HttpResponse<Buffer> registerDevice(User user, String platform, String token) {
    return api.post("/v1/devices", new JsonObject().put("platform", platform).put("token", token)
        .put("appVersion", "1.4.2").put("locale", "en-GB").put("timezone", "Europe/London"), user.access());
  }

  private static JsonArray devices(User user) {
    return api.get("/v1/devices", user.access()).bodyAsJsonObject().getJsonArray("items");
  }

  private static void publish(User user, String applicationId, String status, JsonObject detail) {
    Bus.APPLICATION_EVENTS.publish(node.app().vertx().eventBus(), new ApplicationEvent(EVENT_IDS.incrementAndGet(),
        applicationId, user.id(), status, "step", "ok", Instant.now().toString(), detail));
  }

  private static JsonObject putPreferences(User user, JsonObject body) {
    HttpResponse<Buffer> response = api.request(HttpMethod.PUT, "/v1/notifications/preferences")
        .putHeader("Authorization", "Bearer " + user.access()).sendJsonObject(body).await();
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** Quiet hours around the present moment, in UTC, that do not let urgent kinds through. */
  private static JsonObject quietNow() {
    var now = Instant.now().atOffset(ZoneOffset.UTC).toLocalTime();
    return new JsonObject().put("enabled", true).put("timezone", "UTC").put("allowUrgent", false)
        .put("start", String.format("%02d:00", now.minusHours(1).getHour()))
        .put("end", String.format("%02d:00", now.plusHours(2).getHour()));
  }

  private static JsonObject kind(JsonObject preferences, String kind) {
    return preferences.getJsonArray("kinds").stream().map(JsonObject.class::cast)
        .filter(k -> k.getString("kind").equals(kind)).findFirst().orElseThrow();
  }

  /** The push delivery queued for the user's newest notification, once the event has been handled. */
  private static String awaitDelivery(User user) throws Exception {
    awaitCount(user, 2);
    return scalar("SELECT d.id::text FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id"
        + " WHERE n.user_id = ?::uuid AND d.channel IN ('apns', 'fcm')", user.id());
  }

  /** Waits, on the user's socket, until the inbox holds {@code count} notifications. */
  private static void awaitCount(User user, int count) throws Exception {
    CompletableFuture<Void> reached = new CompletableFuture<>();
    ClientWebSocket ws = sockets.webSocket();
    ws.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      if ("notification".equals(message.getString("type")) || "hello".equals(message.getString("type"))) {
        if (inboxSize(user) >= count) {
          reached.complete(null);
        }
      }
    });
    ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
        .setURI("/v1/ws?lastNotificationId=0").addHeader("Authorization", "Bearer " + user.access())).await();
    try {
      reached.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      ws.close();
    }
  }

  private static int inboxSize(User user) {
    try {
      return Integer.parseInt(scalar("SELECT count(*)::text FROM notifications WHERE user_id = ?::uuid", user.id()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String scalar(String sql, String... params) throws Exception {
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static void update(String sql, String... params) throws Exception {
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      s.executeUpdate();
    }
  }
}
