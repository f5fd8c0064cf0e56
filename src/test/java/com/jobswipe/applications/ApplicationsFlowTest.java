package com.jobswipe.applications;

import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applications as their owner reads them (list, trail, screenshots) and the live WebSocket: events reach the
 * owner's sockets only, and a reconnect with the last event id replays what it missed.
 */
class ApplicationsFlowTest {

  private static final String PASSWORD = "correct battery horse staple 7";

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static WebSocketClient sockets;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of("JOBSWIPE_EMAIL_VERIFICATION", "off"));
    api = new Api(vertx, node.port());
    sockets = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  /** A user with {@code count} right swipes: answers the token, user id and application ids, newest first. */
  private record User(String token, String id, List<String> applications) {
  }

  private static User userWithApplications(int count) throws Exception {
    String email = "apps." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    JsonObject session = api.post("/v1/auth/register", new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject();
    String token = session.getString("accessToken");
    List<String> applications = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String jobId = insertJob("Role " + i);
      HttpResponse<Buffer> swipe = api.post("/v1/swipes", new JsonObject().put("jobId", jobId).put("direction", "right")
          .put("clientId", UUID.randomUUID().toString()), token);
      assertThat(swipe.statusCode()).as(swipe.bodyAsString()).isEqualTo(201);
      applications.add(0, swipe.bodyAsJsonObject().getString("applicationId"));
    }
    return new User(token, session.getJsonObject("user").getString("id"), applications);
  }

  private static String insertJob(String title) throws Exception {
    try (Connection db = node.database().connect();
         PreparedStatement insert = db.prepareStatement("INSERT INTO jobs (title, company, company_key, apply_url)"
             + " VALUES (?, 'Acme', 'acme', 'https://boards.greenhouse.io/acme/jobs/1') RETURNING id")) {
      insert.setString(1, title);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static long audit(String applicationId, String step, String status) throws Exception {
    try (Connection db = node.database().connect();
         PreparedStatement insert = db.prepareStatement("INSERT INTO application_audit_log (application_id, step,"
             + " outcome, duration_ms, fields, detail) VALUES (?, ?, 'ok', 12, ?, ?::jsonb) RETURNING id")) {
      insert.setObject(1, UUID.fromString(applicationId));
      insert.setString(2, step);
      insert.setArray(3, db.createArrayOf("text", new String[] {"first_name", "email"}));
      insert.setString(4, new JsonObject().put("status", status).encode());
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void applicationsPageNewestFirstWithoutRepeatsOrGaps() throws Exception {
    User user = userWithApplications(5);

    List<String> seen = new ArrayList<>();
    String query = "/v1/applications?limit=2";
    while (query != null) {
      JsonObject page = api.get(query, user.token()).bodyAsJsonObject();
      page.getJsonArray("items").forEach(item -> seen.add(((JsonObject) item).getString("id")));
      String next = page.getString("nextCursor");
      query = next == null ? null : "/v1/applications?limit=2&cursor=" + next;
    }

    assertThat(seen).containsExactlyElementsOf(user.applications());
    JsonObject first = api.get("/v1/applications?limit=1", user.token()).bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0);
    assertThat(first.getString("status")).isEqualTo("QUEUED");
    assertThat(first.getJsonObject("job").getString("company")).isEqualTo("Acme");
    User other = userWithApplications(0);
    assertThat(api.get("/v1/applications", other.token()).bodyAsJsonObject().getJsonArray("items")).isEmpty();
    assertThat(api.get("/v1/applications?cursor=abc", user.token()).statusCode()).isEqualTo(400);
    assertThat(api.get("/v1/applications?limit=101", user.token()).statusCode()).isEqualTo(400);
  }

  @Test
  void anApplicationShowsItsTrailWithFieldNamesAndOnlyToItsOwner() throws Exception {
    User user = userWithApplications(1);
    String id = user.applications().get(0);
    audit(id, "open", "RUNNING");
    audit(id, "fill", "FILLING");

    JsonObject application = api.get("/v1/applications/" + id, user.token()).bodyAsJsonObject();

    assertThat(application.getString("status")).isEqualTo("QUEUED");
    JsonArray steps = application.getJsonArray("steps");
    assertThat(steps).hasSize(2);
    assertThat(steps.getJsonObject(1).getString("step")).isEqualTo("fill");
    assertThat(steps.getJsonObject(1).getJsonArray("fields")).containsExactly("first_name", "email");
    User stranger = userWithApplications(0);
    assertThat(api.get("/v1/applications/" + id, stranger.token()).statusCode()).isEqualTo(404);
    assertThat(api.get("/v1/applications/not-a-uuid", user.token()).statusCode()).isEqualTo(404);
  }

  @Test
  void aScreenshotIsDecryptedForItsOwnerOnly() throws Exception {
    User user = userWithApplications(1);
    String id = user.applications().get(0);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};
    UUID shotId = UUID.randomUUID();
    DataKeyRing keys = DataKeyRing.parse(TestNodes.DATA_KEYS);
    try (Connection db = node.database().connect();
         PreparedStatement insert = db.prepareStatement("INSERT INTO application_screenshots (id, application_id, seq,"
             + " content_type, data_enc, key_id) VALUES (?, ?, 0, 'image/png', ?, ?)")) {
      insert.setObject(1, shotId);
      insert.setObject(2, UUID.fromString(id));
      insert.setBytes(3, keys.encrypt(png, EncryptedColumn.SCREENSHOT.context(shotId)));
      insert.setString(4, keys.currentKeyId());
      insert.executeUpdate();
    }

    HttpResponse<Buffer> image = api.get("/v1/applications/" + id + "/screenshots/0", user.token());

    assertThat(image.statusCode()).isEqualTo(200);
    assertThat(image.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(image.body().getBytes()).isEqualTo(png);
    assertThat(api.get("/v1/applications/" + id + "/screenshots/1", user.token()).statusCode()).isEqualTo(404);
    assertThat(api.get("/v1/applications/" + id + "/screenshots/x", user.token()).statusCode()).isEqualTo(404);
    User stranger = userWithApplications(0);
    assertThat(api.get("/v1/applications/" + id + "/screenshots/0", stranger.token()).statusCode()).isEqualTo(404);
  }

  private static Future<WebSocket> connect(String token, String query) {
    return sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
        .setURI("/v1/ws" + query).addHeader("Authorization", "Bearer " + token));
  }

  /** An open socket and what it received; the handler is set before connecting, so no frame passes unseen. */
  private record Live(WebSocket ws, List<JsonObject> received) {
  }

  private static Live open(String token, String query) {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    WebSocket ws = sockets.webSocket().textMessageHandler(text -> received.add(new JsonObject(text)))
        .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
            .setURI("/v1/ws" + query).addHeader("Authorization", "Bearer " + token)).await();
    return new Live(ws, received);
  }

  private static List<JsonObject> await(List<JsonObject> received, String type, int count) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)) {
      List<JsonObject> ofType = received.stream().filter(m -> type.equals(m.getString("type"))).toList();
      if (ofType.size() >= count) {
        return ofType;
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    throw new AssertionError("expected " + count + " " + type + " messages, got " + received);
  }

  @Test
  void eventsReachTheOwnersSocketsOnly() throws Exception {
    User owner = userWithApplications(1);
    User other = userWithApplications(1);
    Live mineSocket = open(owner.token(), "");
    List<JsonObject> mineReceived = mineSocket.received();
    Live theirSocket = open(other.token(), "");
    List<JsonObject> theirsReceived = theirSocket.received();
    await(mineReceived, "hello", 1);
    await(theirsReceived, "hello", 1);
    var bus = node.app().vertx().eventBus();

    long id = audit(owner.applications().get(0), "fill", "FILLING");
    Bus.APPLICATION_EVENTS.publish(bus, new ApplicationEvent(id, owner.applications().get(0), owner.id(), "FILLING",
        "fill", "ok", Instant.now().toString(), new JsonObject()));
    long otherId = audit(other.applications().get(0), "open", "RUNNING");
    Bus.APPLICATION_EVENTS.publish(bus, new ApplicationEvent(otherId, other.applications().get(0), other.id(),
        "RUNNING", "open", "ok", Instant.now().toString(), new JsonObject()));

    List<JsonObject> events = await(mineReceived, "application", 1);
    await(theirsReceived, "application", 1);
    assertThat(events.get(0).getLong("eventId")).isEqualTo(id);
    assertThat(events.get(0).getString("status")).isEqualTo("FILLING");
    assertThat(events.get(0).containsKey("userId")).isFalse();
    assertThat(theirsReceived).noneMatch(m -> owner.applications().get(0).equals(m.getString("applicationId")));
    assertThat(mineReceived).noneMatch(m -> other.applications().get(0).equals(m.getString("applicationId")));
    mineSocket.ws().close().await();
    theirSocket.ws().close().await();
  }

  @Test
  void aReconnectWithTheLastEventIdReplaysWhatWasMissed() throws Exception {
    User owner = userWithApplications(2);
    long seen = audit(owner.applications().get(0), "open", "RUNNING");
    long missed1 = audit(owner.applications().get(0), "fill", "FILLING");
    long missed2 = audit(owner.applications().get(1), "open", "RUNNING");

    Live live = open(owner.token(), "?lastEventId=" + seen);
    List<JsonObject> replayed = await(live.received(), "application", 2);

    assertThat(replayed).extracting(m -> m.getLong("eventId")).containsExactly(missed1, missed2);
    assertThat(replayed.get(0).getString("status")).isEqualTo("FILLING");
    assertThat(new HashSet<>(replayed.stream().map(m -> m.getLong("eventId")).toList())).hasSize(2);
    live.ws().close().await();
  }

  @Test
  void aSocketNeedsAValidToken() {
    Future<WebSocket> refused = connect("not-a-token", "");
    assertThat(refused.map(ws -> 101).otherwise(e -> e instanceof io.vertx.core.http.UpgradeRejectedException rejected
        ? rejected.getStatus() : -1).await()).isEqualTo(401);
    assertThat(api.get("/v1/ws", null).statusCode()).isEqualTo(401);
  }
}
