package com.jobswipe.auth;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestDatabase;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clustered api nodes, each with one memory of tokens, accounts and ended sessions shared by its api instances.
 * What ends through one node — an erased account, a signed-out or revoked session — is refused by the other as soon
 * as that node has taken the news in (the local event its memory raises), not when a cache entry or the access
 * token runs out; and the sockets that change let in are closed with a code the app can act on.
 */
class AccountClusterTest {

  private static final String PASSWORD = "correct battery horse staple 7";
  /** Requests per check: each of a node's api instances may serve the next one, so ask enough to reach them all. */
  private static final int ASKS = 8;

  private static Vertx vertx;
  private static WebSocketClient sockets;
  private static RunningNode nodeA;
  private static RunningNode nodeB;
  private static Api a;
  private static Api b;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    sockets = vertx.createWebSocketClient();
    String hazelcastA = Integer.toString(FreePorts.next());
    String hazelcastB = Integer.toString(FreePorts.next());
    String members = "127.0.0.1:" + hazelcastA + ",127.0.0.1:" + hazelcastB;
    TestDatabase shared = TestDatabase.create();
    nodeA = RunningNode.startOn(shared, EnumSet.of(Role.API, Role.NOTIFICATION), Map.of(
        "JOBSWIPE_CLUSTER_MEMBERS", members, "JOBSWIPE_CLUSTER_PORT", hazelcastA,
        "JOBSWIPE_EMAIL_VERIFICATION", "off"));
    nodeB = RunningNode.startOn(shared, EnumSet.of(Role.API), Map.of(
        "JOBSWIPE_CLUSTER_MEMBERS", members, "JOBSWIPE_CLUSTER_PORT", hazelcastB,
        "JOBSWIPE_EMAIL_VERIFICATION", "off"));
    a = new Api(vertx, nodeA.port());
    b = new Api(vertx, nodeB.port());
  }

  @AfterAll
  static void stop() {
    nodeB.app().stop();
    nodeA.close();
    vertx.close().await();
  }

  private static JsonObject register() {
    return a.post("/v1/auth/register", new JsonObject().put("email", "u" + UUID.randomUUID() + "@example.com")
        .put("password", PASSWORD)).bodyAsJsonObject();
  }

  private static int refusals(Api api, String token) {
    int refused = 0;
    for (int i = 0; i < ASKS; i++) {
      // A route that reads nothing of the account itself, so only authentication can refuse it.
      refused += api.get("/v1/applications", token).statusCode() == 401 ? 1 : 0;
    }
    return refused;
  }

  /** Completes when node's memory raises {@code address} once. Registered before the change is made. */
  private static Future<Void> heardOn(RunningNode node, String address) {
    Promise<Void> heard = Promise.promise();
    node.app().vertx().eventBus().localConsumer(address, message -> heard.tryComplete()).completion().await();
    return heard.future().timeout(10, TimeUnit.SECONDS);
  }

  /** An open socket on node B; the close handler is set before connecting, so no close passes unseen. */
  private record Live(ClientWebSocket ws, List<JsonObject> received, Map<String, Promise<JsonObject>> firsts,
                      Future<Short> closed) {
    /** The first message of this type, when it arrives. */
    Future<JsonObject> first(String type) {
      return firsts.computeIfAbsent(type, t -> Promise.promise()).future().timeout(10, TimeUnit.SECONDS);
    }
  }

  private static Live socketOnB(String token) {
    List<JsonObject> received = new CopyOnWriteArrayList<>();
    Map<String, Promise<JsonObject>> firsts = new ConcurrentHashMap<>();
    Promise<Short> closed = Promise.promise();
    ClientWebSocket ws = sockets.webSocket();
    ws.textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      received.add(message);
      firsts.computeIfAbsent(message.getString("type"), t -> Promise.promise()).tryComplete(message);
    });
    ws.closeHandler(v -> closed.tryComplete(ws.closeStatusCode()));
    ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(nodeB.port()).setURI("/v1/ws")
        .addHeader("Authorization", "Bearer " + token)).await();
    return new Live(ws, received, firsts, closed.future());
  }

  @Test
  void anAccountErasedThroughOneNodeIsRefusedByTheOtherAtOnceAndItsSocketsClose() {
    String token = register().getString("accessToken");
    assertThat(refusals(b, token)).as("every instance of B now remembers the account").isZero();
    Live live = socketOnB(token);
    Future<Void> forgotten = heardOn(nodeB, AuthMemory.FORGOTTEN);

    assertThat(a.request(HttpMethod.DELETE, "/v1/me").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("confirm", true)).await().statusCode()).isEqualTo(204);
    forgotten.await();

    // Only node B's one memory raises FORGOTTEN, and only on hearing the change: without the publish the wait
    // above times out, so the refusals below are the eviction's doing, not the 10 s expiry's.
    assertThat(refusals(b, token)).as("node B refuses the erased account's token on every instance").isEqualTo(ASKS);
    assertThat(live.closed().timeout(10, TimeUnit.SECONDS).await()).isEqualTo((short) 4002);
  }

  @Test
  void aSignOutThroughOneNodeEndsTheSessionsAccessTokensAndSocketsOnBoth() {
    JsonObject session = register();
    String token = session.getString("accessToken");
    assertThat(refusals(b, token)).isZero();
    Live live = socketOnB(token);
    Future<Void> ended = heardOn(nodeB, AuthMemory.SESSIONS_ENDED);

    assertThat(a.post("/v1/auth/logout", new JsonObject().put("refreshToken", session.getString("refreshToken")))
        .statusCode()).isEqualTo(204);

    assertThat(refusals(a, token)).as("the node that signed out refuses at once, before any message").isEqualTo(ASKS);
    ended.await();
    assertThat(refusals(b, token)).as("the other node, once it has heard").isEqualTo(ASKS);
    assertThat(live.closed().timeout(10, TimeUnit.SECONDS).await()).isEqualTo((short) 4001);
  }

  @Test
  void revokingOneSessionEndsItsTokensAndLeavesTheOthers() {
    String email = "two.phones." + UUID.randomUUID() + "@example.com";
    JsonObject first = a.post("/v1/auth/register", new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject();
    JsonObject second = a.post("/v1/auth/login", new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject();
    String firstSession = JwtForge.claimsOf(first.getString("accessToken")).getString("sid");
    Future<Void> ended = heardOn(nodeB, AuthMemory.SESSIONS_ENDED);

    assertThat(a.delete("/v1/auth/sessions/" + firstSession, second.getString("accessToken")).statusCode())
        .isEqualTo(204);
    ended.await();

    assertThat(refusals(b, first.getString("accessToken"))).isEqualTo(ASKS);
    assertThat(refusals(b, second.getString("accessToken"))).as("the other phone stays signed in").isZero();
  }

  @Test
  void aReusedRefreshTokenEndsItsSessionsAccessTokens() {
    JsonObject session = register();
    String stolen = session.getString("refreshToken");
    JsonObject rotated = a.post("/v1/auth/refresh", new JsonObject().put("refreshToken", stolen)).bodyAsJsonObject();
    Future<Void> ended = heardOn(nodeB, AuthMemory.SESSIONS_ENDED);

    assertThat(a.post("/v1/auth/refresh", new JsonObject().put("refreshToken", stolen)).statusCode())
        .as("the old token again: two parties hold it").isEqualTo(401);
    ended.await();

    assertThat(refusals(b, rotated.getString("accessToken"))).isEqualTo(ASKS);
    assertThat(refusals(b, session.getString("accessToken"))).isEqualTo(ASKS);
  }

  @Test
  void aSocketClosesWhenItsAccessTokenExpires() {
    JsonObject claims = JwtForge.claimsOf(register().getString("accessToken"));
    long now = Instant.now().getEpochSecond();
    JsonObject signing = JwtKeys.parse(TestNodes.JWT_KEYS).signing();
    String shortLived = JwtForge.es256(new JsonObject().put("alg", "ES256").put("kid", signing.getString("kid"))
        .put("typ", "JWT"), claims.copy().put("iat", now).put("exp", now + 3), signing);

    Live live = socketOnB(shortLived);

    assertThat(live.closed().timeout(30, TimeUnit.SECONDS).await()).isEqualTo((short) 4003);
  }

  @Test
  void aSocketThatSendsAFreshTokenLivesUntilThatTokensExpiry() {
    JsonObject session = register();
    Live live = socketOnB(session.getString("accessToken"));
    JsonObject refreshed = a.post("/v1/auth/refresh", new JsonObject()
        .put("refreshToken", session.getString("refreshToken"))).bodyAsJsonObject();
    String fresh = refreshed.getString("accessToken");

    live.ws().writeTextMessage(new JsonObject().put("type", "auth").put("accessToken", "not a token").encode()).await();
    live.ws().writeTextMessage(new JsonObject().put("type", "auth").put("accessToken", fresh).encode()).await();

    live.first("auth-failed").await();
    JsonObject ok = live.first("auth-ok").await();
    assertThat(Instant.parse(ok.getString("expiresAt")))
        .isEqualTo(Instant.ofEpochSecond(JwtForge.claimsOf(fresh).getLong("exp")));
    assertThat(live.closed().isComplete()).isFalse();
  }
}
