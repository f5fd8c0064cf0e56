package com.jobswipe.edge;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
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
 * A real api node with {@code JOBSWIPE_OPS_PORT} and no ops token: metrics and detailed readiness live on the
 * operations listener only; the public port answers readiness as a bare UP/DOWN and has no metrics.
 */
@ExtendWith(VertxExtension.class)
class OpsPortTest {

  private static RunningNode node;
  private static int opsPort;

  @BeforeAll
  static void startNode() {
    opsPort = FreePorts.next();
    node = RunningNode.start(EnumSet.of(Role.API), Map.of(
        "JOBSWIPE_OPS_PORT", Integer.toString(opsPort), "JOBSWIPE_OPS_TOKEN", ""));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @Test
  void theOperationsListenerServesMetricsAndDetailedReadiness(Vertx vertx, VertxTestContext test) {
    WebClient http = WebClient.create(vertx);
    http.get(opsPort, "127.0.0.1", "/health/ready").send()
        .compose(ready -> {
          test.verify(() -> {
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.bodyAsJsonObject().getString("nodeId")).isEqualTo(node.app().node().nodeId());
            assertThat(ready.bodyAsJsonObject().getJsonArray("checks").stream().map(JsonObject.class::cast)
                .map(check -> check.getString("name"))).contains("database", "cluster", "role:api");
          });
          return http.get(opsPort, "127.0.0.1", "/metrics").send();
        })
        .onComplete(test.succeeding(metrics -> test.verify(() -> {
          assertThat(metrics.statusCode()).isEqualTo(200);
          assertThat(metrics.bodyAsString()).contains("vertx_http_server_requests_total", "jvm_memory_used_bytes");
          test.completeNow();
        })));
  }

  @Test
  void thePublicPortHasNoMetricsAndABareReadiness(Vertx vertx, VertxTestContext test) {
    WebClient http = WebClient.create(vertx);
    http.get(node.port(), "127.0.0.1", "/metrics").bearerTokenAuthentication("anything-at-all").send()
        .compose(metrics -> {
          test.verify(() -> {
            assertThat(metrics.statusCode()).isEqualTo(404);
            assertThat(metrics.getHeader("Content-Type")).isEqualTo("application/problem+json");
            assertThat(metrics.bodyAsJsonObject().getString("type")).isEqualTo(ProblemType.BASE + "not-found");
          });
          return http.get(node.port(), "127.0.0.1", "/health/ready").send();
        })
        .onComplete(test.succeeding(ready -> test.verify(() -> {
          assertThat(ready.statusCode()).isEqualTo(200);
          assertThat(ready.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
          test.completeNow();
        })));
  }
}
