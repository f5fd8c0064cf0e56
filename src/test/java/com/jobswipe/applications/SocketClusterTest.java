package com.jobswipe.applications;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clustered api nodes on one database: a socket ticket issued by one is good on either, once; a foreign
 * {@code Origin} is refused before the upgrade; and a user's sockets are counted across both nodes.
 */
class SocketClusterTest {

  private static final String PASSWORD = "correct battery horse staple 7";
  private static final String APP_ORIGIN = "https://app.jobswipe.example";
  private static final int CAP = 3;

  private static Vertx vertx;
  /** Held for the whole class: Vert.x closes a client, and its sockets, once nothing references it any more. */
  private static WebSocketClient sockets;
  private static RunningNode nodeA;
  private static RunningNode nodeB;
  private static Api a;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    sockets = vertx.createWebSocketClient();
    String hazelcastA = Integer.toString(FreePorts.next());
    String hazelcastB = Integer.toString(FreePorts.next());
    String members = "127.0.0.1:" + hazelcastA + ",127.0.0.1:" + hazelcastB;
    TestDatabase shared = TestDatabase.create();
    Map<String, String> common = Map.of("JOBSWIPE_CLUSTER_MEMBERS", members, "JOBSWIPE_EMAIL_VERIFICATION", "off",
        "JOBSWIPE_CORS_ORIGINS", APP_ORIGIN, "JOBSWIPE_WS_MAX_PER_USER", Integer.toString(CAP));
    nodeA = RunningNode.startOn(shared, EnumSet.of(Role.API), with(common, "JOBSWIPE_CLUSTER_PORT", hazelcastA));
    nodeB = RunningNode.startOn(shared, EnumSet.of(Role.API), with(common, "JOBSWIPE_CLUSTER_PORT", hazelcastB));
    a = new Api(vertx, nodeA.port());
  }

  private static Map<String, String> with(Map<String, String> env, String name, String value) {
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put(name, value);
    return all;
  }

  @AfterAll
  static void stop() {
    nodeB.app().stop();
    nodeA.close();
    vertx.close().await();
  }

  private static String register() {
    return a.post("/v1/auth/register", new JsonObject().put("email", "s" + UUID.randomUUID() + "@example.com")
        .put("password", PASSWORD)).bodyAsJsonObject().getString("accessToken");
  }

  private static String ticket(String token) {
    HttpResponse<Buffer> issued = a.post("/v1/ws/ticket", new JsonObject(), token);
    assertThat(issued.statusCode()).isEqualTo(201);
    return issued.bodyAsJsonObject().getString("ticket");
  }

  /** A socket that has been greeted (so the server holds it), or the status its handshake was refused with. */
  private static Future<ClientWebSocket> open(RunningNode node, String uri, Map<String, String> headers) {
    Promise<ClientWebSocket> greeted = Promise.promise();
    ClientWebSocket ws = sockets.webSocket();
    ws.textMessageHandler(text -> {
      if ("hello".equals(new JsonObject(text).getString("type"))) {
        greeted.tryComplete(ws);
      }
    });
    // Like the mobile app, the client sends no Origin unless the test gives one, as a browser would.
    WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
        .setURI(uri).setAllowOriginHeader(headers.containsKey("Origin"));
    headers.forEach(options::addHeader);
    ws.connect(options).onFailure(greeted::tryFail);
    return greeted.future().timeout(20, TimeUnit.SECONDS);
  }

  private static int status(Future<ClientWebSocket> socket) {
    return socket.map(ws -> 101)
        .otherwise(e -> e instanceof UpgradeRejectedException rejected ? rejected.getStatus() : -1)
        .await();
  }

  private static Future<ClientWebSocket> withToken(RunningNode node, String token) {
    return open(node, "/v1/ws", Map.of("Authorization", "Bearer " + token));
  }

  @Test
  void aTicketFromOneNodeOpensOneSocketOnEitherNodeOnce() {
    String token = register();
    String ticket = ticket(token);

    assertThat(status(open(nodeB, "/v1/ws?ticket=" + ticket, Map.of()))).isEqualTo(101);
    assertThat(status(open(nodeA, "/v1/ws?ticket=" + ticket, Map.of()))).as("spent").isEqualTo(401);
    assertThat(status(open(nodeB, "/v1/ws?ticket=" + ticket, Map.of()))).as("spent").isEqualTo(401);
  }

  @Test
  void aTicketRedeemedOnBothNodesAtOnceLetsInOneSocket() {
    String token = register();
    for (int round = 0; round < 5; round++) {
      String ticket = ticket(token);
      Future<ClientWebSocket> onA = open(nodeA, "/v1/ws?ticket=" + ticket, Map.of());
      Future<ClientWebSocket> onB = open(nodeB, "/v1/ws?ticket=" + ticket, Map.of());
      List<Integer> statuses = List.of(status(onA), status(onB));
      assertThat(statuses).containsExactlyInAnyOrder(101, 401);
      (onA.succeeded() ? onA : onB).result().close().await();
    }
  }

  @Test
  void aTicketPastItsThirtySecondsIsRefused() throws SQLException {
    String token = register();
    HttpResponse<Buffer> issued = a.post("/v1/ws/ticket", new JsonObject(), token);
    Instant expiresAt = Instant.parse(issued.bodyAsJsonObject().getString("expiresAt"));
    assertThat(Duration.between(Instant.now(), expiresAt)).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(31));

    // The clock is moved by moving the ticket's expiry into the past, as 30 s would.
    update("UPDATE ws_tickets SET expires_at = now() - interval '1 second'");

    assertThat(status(open(nodeA, "/v1/ws?ticket=" + issued.bodyAsJsonObject().getString("ticket"), Map.of())))
        .isEqualTo(401);
  }

  @Test
  void ticketsAreForSignedInUsersAndMadeUpOnesOpenNothing() {
    assertThat(a.post("/v1/ws/ticket", new JsonObject()).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> refused = a.post("/v1/ws/ticket", new JsonObject(), "not-a-token");
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(status(open(nodeA, "/v1/ws?ticket=wst_madeup", Map.of()))).isEqualTo(401);
    assertThat(status(open(nodeA, "/v1/ws?ticket=" + "x".repeat(500), Map.of()))).isEqualTo(401);
  }

  @Test
  void aForeignOriginIsRefusedBeforeTheUpgradeAndListedOnesAreLetIn() {
    String token = register();
    String ticket = ticket(token);

    assertThat(status(open(nodeA, "/v1/ws?ticket=" + ticket, Map.of("Origin", "https://evil.example"))))
        .isEqualTo(403);
    assertThat(status(withTokenFrom(nodeA, token, "https://evil.example"))).isEqualTo(403);
    assertThat(status(open(nodeA, "/v1/ws?ticket=" + ticket, Map.of("Origin", APP_ORIGIN))))
        .as("the refused handshake did not spend the ticket").isEqualTo(101);
    assertThat(status(withTokenFrom(nodeB, token, "http://127.0.0.1:" + nodeB.port())))
        .as("the API's own origin").isEqualTo(101);
    assertThat(status(withToken(nodeB, token))).as("no Origin: not a browser (the mobile app)").isEqualTo(101);
  }

  private static Future<ClientWebSocket> withTokenFrom(RunningNode node, String token, String origin) {
    return open(node, "/v1/ws?access_token=" + token, Map.of("Origin", origin));
  }

  @Test
  void aUsersSocketsAreCappedAcrossBothNodesAndAClosedOneFreesItsSlot() {
    String token = register();
    String other = register();
    ClientWebSocket first = withToken(nodeA, token).await();
    withToken(nodeA, token).await();
    withToken(nodeB, token).await();

    assertThat(status(withToken(nodeB, token))).isEqualTo(429);
    assertThat(status(withToken(nodeA, token))).isEqualTo(429);
    assertThat(status(withToken(nodeB, other))).as("another user's slots are their own").isEqualTo(101);

    String userId = a.get("/v1/me", token).bodyAsJsonObject().getString("id");
    Promise<Void> freed = Promise.promise();
    nodeA.app().vertx().eventBus().<String>localConsumer(LiveEvents.SLOT_FREED, message -> {
      if (userId.equals(message.body())) {
        freed.tryComplete();
      }
    }).completion().await();
    first.close().await();
    freed.future().timeout(20, TimeUnit.SECONDS).await();

    assertThat(status(withToken(nodeB, token))).isEqualTo(101);
    assertThat(status(withToken(nodeA, token))).isEqualTo(429);
  }

  private static void update(String sql) throws SQLException {
    try (Connection c = nodeA.database().connect(); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}
