package com.jobswipe.feed;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.MatchingMessages.FeedFilters;
import com.jobswipe.bus.MatchingMessages.FeedPage;
import com.jobswipe.bus.MatchingMessages.FeedQuery;
import com.jobswipe.bus.MatchingMessages.MatchProfile;
import com.jobswipe.bus.Role;
import com.jobswipe.bus.SourceMessages.SourceRef;
import com.jobswipe.bus.SourceMessages.SourceSpec;
import com.jobswipe.bus.SourceMessages.SyncReport;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clustered nodes, each with its own matching index: node A ingests (a local Greenhouse board), node B
 * only matches. Both indexes follow the same jobs.* events, so a posting the board drops leaves the feed
 * served by either node.
 */
class FeedClusterTest {

  private static Vertx vertx;
  /** Held for the whole class: Vert.x closes a client, and its sockets, once nothing references it any more. */
  private static io.vertx.core.http.WebSocketClient sockets;
  private static HttpServer board;
  private static final AtomicReference<Buffer> served = new AtomicReference<>();
  private static RunningNode nodeA;
  private static RunningNode nodeB;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    sockets = vertx.createWebSocketClient();
    board = vertx.createHttpServer().requestHandler(request -> request.response()
        .putHeader("Content-Type", "application/json").end(served.get())).listen(0, "127.0.0.1").await();
    try (InputStream in = FeedClusterTest.class.getResourceAsStream("/fixtures/sources/greenhouse-jobs.json")) {
      served.set(Buffer.buffer(in.readAllBytes()));
    }
    String hazelcastA = Integer.toString(FreePorts.next());
    String hazelcastB = Integer.toString(FreePorts.next());
    String members = "127.0.0.1:" + hazelcastA + ",127.0.0.1:" + hazelcastB;
    TestDatabase shared = TestDatabase.create();
    nodeA = RunningNode.startOn(shared, EnumSet.of(Role.API, Role.INGESTION, Role.MATCHING), Map.of(
        "JOBSWIPE_CLUSTER_MEMBERS", members, "JOBSWIPE_CLUSTER_PORT", hazelcastA,
        "JOBSWIPE_FETCH_ALLOW_PRIVATE", "true", "JOBSWIPE_FETCH_HOST_DELAY_MS", "0",
        "JOBSWIPE_INGESTION_SCHEDULER", "false"));
    nodeB = RunningNode.startOn(shared, EnumSet.of(Role.MATCHING), Map.of(
        "JOBSWIPE_CLUSTER_MEMBERS", members, "JOBSWIPE_CLUSTER_PORT", hazelcastB));
  }

  @AfterAll
  static void stop() {
    nodeB.app().stop();
    nodeA.close();
    vertx.close().await();
  }

  @Test
  void anEventPublishedOnNodeBReachesTheOwnersSocketOnNodeA() {
    JsonObject session = new Api(vertx, nodeA.port()).post("/v1/auth/register", new JsonObject()
            .put("email", "socket." + UUID.randomUUID().toString().substring(0, 8) + "@example.com")
            .put("password", "correct battery horse staple 7")).bodyAsJsonObject();
    String userId = session.getJsonObject("user").getString("id");
    java.util.List<JsonObject> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.vertx.core.Promise<Void> delivered = io.vertx.core.Promise.promise();
    // The handler is set before connecting: the server's first frame (hello) cannot arrive unseen.
    sockets.webSocket().textMessageHandler(text -> {
          JsonObject message = new JsonObject(text);
          received.add(message);
          if ("hello".equals(message.getString("type"))) {
            // The socket is registered on node A: now the event is published on node B.
            Bus.APPLICATION_EVENTS.publish(nodeB.app().vertx().eventBus(),
                new com.jobswipe.bus.ApplicationMessages.ApplicationEvent(42, UUID.randomUUID().toString(), userId,
                    "FILLING", "fill", "ok", java.time.Instant.now().toString(), new JsonObject()));
          } else {
            delivered.tryComplete();
          }
        })
        .connect(new io.vertx.core.http.WebSocketConnectOptions().setHost("127.0.0.1")
            .setPort(nodeA.port()).setURI("/v1/ws")
            .addHeader("Authorization", "Bearer " + session.getString("accessToken")))
        .await();

    delivered.future().timeout(20, java.util.concurrent.TimeUnit.SECONDS).await();

    assertThat(received).anyMatch(m -> "application".equals(m.getString("type")) && m.getLong("eventId") == 42);
  }

  @Test
  void aJobClosedByIngestionLeavesTheFeedOnBothNodes() throws Exception {
    var busA = nodeA.app().vertx().eventBus();
    String userId = new Api(vertx, nodeA.port()).post("/v1/auth/register", new JsonObject()
            .put("email", "cluster." + UUID.randomUUID().toString().substring(0, 8) + "@example.com")
            .put("password", "correct battery horse staple 7"))
        .bodyAsJsonObject().getJsonObject("user").getString("id");
    String source = Bus.SOURCE_CREATE.request(busA, new SourceSpec("greenhouse",
            "http://127.0.0.1:" + board.actualPort() + "/v1/boards/zephyr/jobs", "Zephyr", "PT1H", new JsonObject()))
        .await().source().getString("id");
    SyncReport first = Bus.SOURCE_SYNC.request(busA, new SourceRef(source)).await();
    int total = first.created();
    assertThat(total).isGreaterThan(1);
    FeedFixtures.awaitIndexed(nodeA, total);
    FeedFixtures.awaitIndexed(nodeB, total);

    JsonObject boardJson = new JsonObject(served.get().toString());
    JsonArray jobs = boardJson.getJsonArray("jobs");
    String droppedUrl = jobs.getJsonObject(0).getString("absolute_url");
    jobs.remove(0);
    served.set(Buffer.buffer(boardJson.encode()));
    assertThat(Bus.SOURCE_SYNC.request(busA, new SourceRef(source)).await().closed()).isEqualTo(1);

    FeedFixtures.awaitIndexed(nodeA, total - 1);
    FeedFixtures.awaitIndexed(nodeB, total - 1);
    for (RunningNode node : List.of(nodeA, nodeB)) {
      FeedPage page = Bus.FEED.requestLocal(node.app().vertx().eventBus(), new FeedQuery(userId,
          MatchProfile.empty(), FeedFilters.none(), 50, Optional.empty())).await();
      assertThat(page.items()).hasSize(total - 1);
      assertThat(page.items()).noneMatch(card -> card.job().getString("applyUrl").equals(droppedUrl));
    }
  }
}
