package com.jobswipe;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Ping;
import com.jobswipe.bus.Role;
import com.jobswipe.config.ClusterConfig;
import com.jobswipe.config.ConfigLoader;
import com.jobswipe.testing.ClusterCertificates;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two real nodes whose event bus runs mutual TLS under one cluster CA (node A given the PEM text, node B PEM
 * files), and two intruders that join Hazelcast (it has no TLS, so they can) but hold a certificate from
 * another CA, or none: their messages never reach a handler on the cluster's nodes.
 */
@ExtendWith(VertxExtension.class)
class ClusterTlsTest {

  private static final String TARGET = "test.cluster-tls.target";
  private static final long INTRUDER_TIMEOUT_MS = 5_000;

  private static RunningNode nodeA;
  private static RunningNode nodeB;
  private static Vertx strangerCaIntruder;
  private static Vertx plainIntruder;
  private static final List<String> received = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void startCluster() {
    ClusterCertificates clusterCa = ClusterCertificates.authority("JobSwipe Test Cluster CA");
    ClusterCertificates strangerCa = ClusterCertificates.authority("Stranger CA");
    List<String> ports = List.of(port(), port(), port(), port());
    String members = String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    TestDatabase shared = TestDatabase.create();
    nodeA = RunningNode.startOn(shared, EnumSet.of(Role.API), env(members, ports.get(0), clusterCa.nodeEnv("node-a")));
    nodeB = RunningNode.startOn(shared, EnumSet.of(Role.INGESTION), env(members, ports.get(1),
        clusterCa.nodeFiles("node-b", Path.of("target", "test-data", "cluster-tls-" + UUID.randomUUID()))));
    MessageConsumer<String> target = nodeB.app().vertx().eventBus().consumer(TARGET, message -> {
      received.add(message.body());
      message.reply("seen");
    });
    target.completion().await();
    strangerCaIntruder = intruder(members, ports.get(2), strangerCa.nodeEnv("intruder"));
    plainIntruder = intruder(members, ports.get(3), Map.of());
  }

  @AfterAll
  static void stopCluster() {
    for (Vertx intruder : new Vertx[] {strangerCaIntruder, plainIntruder}) {
      if (intruder != null) {
        intruder.close().await();
      }
    }
    if (nodeB != null) {
      nodeB.app().stop();
    }
    if (nodeA != null) {
      nodeA.close();
    }
  }

  @Test
  void membersWithCertificatesFromTheClusterCaExchangeRequestAndReply(VertxTestContext test) {
    Bus.ping(Role.INGESTION).request(nodeA.app().vertx().eventBus(), new Ping("tls"))
        .onComplete(test.succeeding(pong -> test.verify(() -> {
          assertThat(pong.nodeId()).isEqualTo(nodeB.app().node().nodeId());
          test.completeNow();
        })));
  }

  @Test
  void aNodeWithACertificateFromAnotherCaCannotDeliver(VertxTestContext test) {
    refusedThenMemberDelivers(strangerCaIntruder, test);
  }

  @Test
  void aNodeWithoutTlsCannotDeliver(VertxTestContext test) {
    refusedThenMemberDelivers(plainIntruder, test);
  }

  /**
   * The intruder's request times out (its connection never completes a handshake); then a member's request to
   * the same handler is answered, and the handler has seen the member's message and never the intruder's.
   */
  private static void refusedThenMemberDelivers(Vertx intruder, VertxTestContext test) {
    String fromIntruder = "intruder-" + UUID.randomUUID();
    String fromMember = "member-" + UUID.randomUUID();
    intruder.eventBus().<String>request(TARGET, fromIntruder, new DeliveryOptions().setSendTimeout(INTRUDER_TIMEOUT_MS))
        .transform(attempt -> {
          // A timeout, not "no handlers": the intruder saw the handler's registration in Hazelcast and sent, but
          // its connection to the member never completed a handshake, so nothing arrived and nothing answered.
          test.verify(() -> assertThat(attempt.cause()).as("the intruder's request was answered")
              .isInstanceOfSatisfying(ReplyException.class,
                  failure -> assertThat(failure.failureType()).isEqualTo(ReplyFailure.TIMEOUT)));
          return nodeA.app().vertx().eventBus().<String>request(TARGET, fromMember);
        })
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.body()).isEqualTo("seen");
          assertThat(received).contains(fromMember).doesNotContain(fromIntruder);
          test.completeNow();
        })));
  }

  private static Map<String, String> env(String members, String hazelcastPort, Map<String, String> tls) {
    Map<String, String> env = new HashMap<>(tls);
    env.put("JOBSWIPE_CLUSTER_MEMBERS", members);
    env.put("JOBSWIPE_CLUSTER_PORT", hazelcastPort);
    return env;
  }

  /** A bare clustered Vert.x configured the way a node is, with the given (foreign or no) TLS material. */
  private static Vertx intruder(String members, String hazelcastPort, Map<String, String> tls) {
    ClusterConfig config = ConfigLoader.load(env(members, hazelcastPort, tls)).cluster();
    assertThat(config.tls().isPresent()).isEqualTo(!tls.isEmpty());
    HazelcastClusterManager clusterManager = Cluster.clusterManager(config);
    VertxOptions options = new VertxOptions();
    Cluster.configureEventBus(options, config);
    return Vertx.builder().with(options).withClusterManager(clusterManager).buildClustered().await();
  }

  private static String port() {
    return Integer.toString(FreePorts.next());
  }
}
