package com.jobswipe;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.bus.Ping;
import com.jobswipe.bus.Role;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestDatabase;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clustered nodes on loopback joined over TCP-IP: node A runs only the api role, node B only
 * ingestion. A request sent on A must be answered by B's verticle.
 */
@ExtendWith(VertxExtension.class)
class ClusterTest {

  private static RunningNode nodeA;
  private static RunningNode nodeB;

  @BeforeAll
  static void startCluster() {
    String hazelcastA = Integer.toString(FreePorts.next());
    String hazelcastB = Integer.toString(FreePorts.next());
    String members = "127.0.0.1:" + hazelcastA + ",127.0.0.1:" + hazelcastB;
    TestDatabase shared = TestDatabase.create();
    nodeA = RunningNode.startOn(shared, EnumSet.of(Role.API), Map.of(
        "JOBSWIPE_CLUSTER_MEMBERS", members, "JOBSWIPE_CLUSTER_PORT", hazelcastA));
    nodeB = RunningNode.startOn(shared, EnumSet.of(Role.INGESTION), Map.of(
        "JOBSWIPE_CLUSTER_MEMBERS", members, "JOBSWIPE_CLUSTER_PORT", hazelcastB));
  }

  @AfterAll
  static void stopCluster() {
    nodeB.app().stop();
    nodeA.close();
  }

  @Test
  void aRequestOnNodeAIsAnsweredByTheVerticleOnNodeB(VertxTestContext test) {
    String nodeBId = nodeB.app().node().nodeId();

    Bus.ping(Role.INGESTION).request(nodeA.app().vertx().eventBus(), new Ping("test"))
        .onComplete(test.succeeding(pong -> test.verify(() -> {
          assertThat(nodeA.app().node().roles()).doesNotContain(Role.INGESTION);
          assertThat(pong.role()).isEqualTo("ingestion");
          assertThat(pong.nodeId()).isEqualTo(nodeBId).isNotEqualTo(nodeA.app().node().nodeId());
          test.completeNow();
        })));
  }

  @Test
  void readinessAsksOnlyAboutLocalRoles(VertxTestContext test) {
    Bus.ping(Role.INGESTION).requestLocal(nodeA.app().vertx().eventBus(), new Ping("test"))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(((BusFailure) failure).code()).isEqualTo(FailureCode.NO_HANDLER);
          test.completeNow();
        })));
  }

  @Test
  void bothNodesSeeATwoMemberCluster(io.vertx.core.Vertx vertx, VertxTestContext test) {
    WebClient http = WebClient.create(vertx);
    http.get(nodeB.port(), "127.0.0.1", "/health/ready").bearerTokenAuthentication(TestNodes.OPS_TOKEN).send()
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          JsonObject cluster = response.bodyAsJsonObject().getJsonArray("checks").stream()
              .map(JsonObject.class::cast).filter(c -> c.getString("name").equals("cluster"))
              .findFirst().orElseThrow();
          assertThat(cluster.getJsonObject("details").getBoolean("clustered")).isTrue();
          assertThat(cluster.getJsonObject("details").getInteger("members")).isEqualTo(2);
          test.completeNow();
        })));
  }
}
