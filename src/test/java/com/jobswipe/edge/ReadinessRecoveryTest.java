package com.jobswipe.edge;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.TestNodes;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TcpProxy;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import io.vertx.junit5.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node reaches PostgreSQL through a relay the test can cut: readiness goes red while the database is
 * unreachable and green again once it is back, with no restart.
 */
@ExtendWith(VertxExtension.class)
class ReadinessRecoveryTest {

  private static final int MAX_POLLS = 100;

  private RunningNode node;

  @AfterEach
  void stopNode() {
    if (node != null) {
      node.close();
    }
  }

  @Test
  @Timeout(value = 60, timeUnit = TimeUnit.SECONDS)
  void readyFollowsTheDatabaseWithoutARestart(Vertx vertx, VertxTestContext test) {
    TestDatabase database = TestDatabase.create();
    TcpProxy proxy = new TcpProxy(vertx, database.host(), database.port());
    proxy.restore().await();
    node = RunningNode.startOn(database, EnumSet.of(Role.API),
        Map.of("DATABASE_URL", database.urlVia(proxy.port()).toString()));
    WebClient http = WebClient.create(vertx);

    readyStatus(http, node).compose(first -> {
          test.verify(() -> assertThat(first).isEqualTo(200));
          return proxy.cut();
        })
        .compose(cut -> pollUntil(vertx, http, node, 503))
        .compose(down -> {
          test.verify(() -> assertThat(databaseCheck(down).getString("status")).isEqualTo("DOWN"));
          return proxy.restore();
        })
        .compose(restored -> pollUntil(vertx, http, node, 200))
        .onComplete(test.succeeding(up -> test.verify(() -> {
          assertThat(databaseCheck(up).getString("status")).isEqualTo("UP");
          test.completeNow();
        })));
  }

  private static Future<Integer> readyStatus(WebClient http, RunningNode node) {
    return http.get(node.port(), "127.0.0.1", "/health/ready").send().map(r -> r.statusCode());
  }

  /** Asks every 100 ms until readiness answers {@code status}; gives up after {@link #MAX_POLLS}. */
  private static Future<JsonObject> pollUntil(Vertx vertx, WebClient http, RunningNode node, int status) {
    Promise<JsonObject> done = Promise.promise();
    poll(vertx, http, node, status, MAX_POLLS, done);
    return done.future();
  }

  private static void poll(Vertx vertx, WebClient http, RunningNode node, int status, int left,
                           Promise<JsonObject> done) {
    http.get(node.port(), "127.0.0.1", "/health/ready").bearerTokenAuthentication(TestNodes.OPS_TOKEN).send()
        .onComplete(result -> {
          if (result.succeeded() && result.result().statusCode() == status) {
            done.complete(result.result().bodyAsJsonObject());
          } else if (left == 0) {
            done.fail("readiness never answered " + status);
          } else {
            vertx.setTimer(100, tick -> poll(vertx, http, node, status, left - 1, done));
          }
        });
  }

  private static JsonObject databaseCheck(JsonObject readiness) {
    return readiness.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("name").equals("database")).findFirst().orElseThrow();
  }
}
