package com.jobswipe.auth;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two clustered api nodes remember the accounts behind the tokens they see for up to 10 s; an account erased
 * through one node is refused by the other at once (it forgot on hearing {@code accounts.user-changed}), not 10 s
 * later.
 */
class AccountClusterTest {

  private static Vertx vertx;
  private static RunningNode nodeA;
  private static RunningNode nodeB;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
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
  }

  @AfterAll
  static void stop() {
    nodeB.app().stop();
    nodeA.close();
    vertx.close().await();
  }

  @Test
  void anAccountErasedThroughOneNodeIsRefusedByTheOtherAtOnce() {
    Api a = new Api(vertx, nodeA.port());
    Api b = new Api(vertx, nodeB.port());
    String token = a.post("/v1/auth/register", new JsonObject().put("email", "leaving@example.com")
        .put("password", "correct battery horse staple 7")).bodyAsJsonObject().getString("accessToken");
    // A route that reads nothing of the account itself (so only authentication can refuse it). Each of B's
    // instances may serve the next request: ask enough times that they all remember the account.
    for (int i = 0; i < 8; i++) {
      assertThat(b.get("/v1/applications", token).statusCode()).isEqualTo(200);
    }
    // The event itself: node B has forgotten the account (its one memory, shared by all its api instances).
    Promise<Void> forgotten = Promise.promise();
    nodeB.app().vertx().eventBus().<String>localConsumer(AuthMemory.FORGOTTEN, message -> forgotten.tryComplete())
        .completion().await();

    assertThat(a.request(HttpMethod.DELETE, "/v1/me").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("confirm", true)).await().statusCode()).isEqualTo(204);
    forgotten.future().timeout(5, TimeUnit.SECONDS).await();

    int refused = 0;
    for (int i = 0; i < 8; i++) {
      refused += b.get("/v1/applications", token).statusCode() == 401 ? 1 : 0;
    }
    // Only node B's one memory says FORGOTTEN, and only on hearing the change: without the publish the wait above
    // times out, so the refusals below are the eviction's doing, not the 10 s expiry's.
    assertThat(refused).as("node B refuses the erased account's token on every instance").isEqualTo(8);
  }
}
