package com.jobswipe.edge;

import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP edge of a real node (all roles, real PostgreSQL): operations endpoints and error shapes. */
@ExtendWith(VertxExtension.class)
class HttpEdgeTest {

  private static RunningNode node;
  private WebClient http;

  @BeforeAll
  static void startNode() {
    node = RunningNode.start(Set.of(com.jobswipe.bus.Role.values()), Map.of("JOBSWIPE_HTTP_BODY_LIMIT_BYTES", "2048",
        "JOBSWIPE_CORS_ORIGINS", "https://app.jobswipe.example"));
  }

  @AfterAll
  static void stopNode() {
    node.close();
  }

  @BeforeEach
  void client(Vertx vertx) {
    http = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.port()));
  }

  @Test
  void signedInRequestsWorkOverHttp2(Vertx vertx, VertxTestContext test) {
    // JDK and mobile HTTP clients upgrade to HTTP/2 where they can; a request may then be read to its end before
    // its credential is checked, and the check must not try to hold a body that is already there.
    WebClient h2c = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(node.port()).setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(true));
    http.post("/v1/auth/register").sendJsonObject(new JsonObject().put("email", "h2." + java.util.UUID.randomUUID()
            + "@example.com").put("password", "a long enough password 9"))
        .compose(registered -> h2c.get("/v1/me")
            .bearerTokenAuthentication(registered.bodyAsJsonObject().getString("accessToken")).send())
        .onComplete(test.succeeding(me -> test.verify(() -> {
          assertThat(me.version()).isEqualTo(HttpVersion.HTTP_2);
          assertThat(me.statusCode()).as(me.bodyAsString()).isEqualTo(200);
          test.completeNow();
        })));
  }

  @Test
  void liveAnswersUp(VertxTestContext test) {
    http.get("/health/live").send().onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.bodyAsJsonObject().getString("status")).isEqualTo("UP");
      test.completeNow();
    })));
  }

  @Test
  void readyListsDatabaseClusterAndEveryRole(VertxTestContext test) {
    http.get("/health/ready").bearerTokenAuthentication(TestNodes.OPS_TOKEN).send()
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          JsonObject body = response.bodyAsJsonObject();
          assertThat(body.getString("status")).isEqualTo("UP");
          assertThat(checkNames(body.getJsonArray("checks"))).containsExactlyInAnyOrder(
              "database", "cluster", "role:api", "role:ingestion", "role:embedding", "role:matching",
              "role:automation", "role:notification");
          JsonObject automation = check(body, "role:automation");
          assertThat(automation.getJsonObject("details").getString("browser")).isEqualTo("/usr/bin/chromium");
          assertThat(automation.getJsonObject("details").containsKey("browserAvailable")).isTrue();
          test.completeNow();
        })));
  }

  @Test
  void unknownRouteIsProblemJson(VertxTestContext test) {
    http.get("/v1/nothing-here").send().onComplete(test.succeeding(response -> test.verify(() -> {
      assertProblem(response, 404, "not-found");
      assertThat(response.bodyAsJsonObject().getString("instance")).isEqualTo("/v1/nothing-here");
      test.completeNow();
    })));
  }

  @Test
  void wrongMethodIsProblemJson(VertxTestContext test) {
    http.delete("/health/ready").send().onComplete(test.succeeding(response -> test.verify(() -> {
      assertProblem(response, 405, "method-not-allowed");
      test.completeNow();
    })));
  }

  @Test
  void bodyOverTheLimitIsProblemJson(VertxTestContext test) {
    Buffer big = Buffer.buffer("x".repeat(4096));
    http.post("/v1/anything").putHeader("Content-Type", "application/json").sendBuffer(big)
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertProblem(response, 413, "payload-too-large");
          test.completeNow();
        })));
  }

  @Test
  void aSaneRequestIdIsEchoedAndAHostileOneReplaced(VertxTestContext test) {
    http.get("/health/live").putHeader("X-Request-Id", "client-42.retry:1").send()
        .compose(first -> {
          test.verify(() -> assertThat(first.getHeader("X-Request-Id")).isEqualTo("client-42.retry:1"));
          return http.get("/health/live").putHeader("X-Request-Id", "evil\" injected {json}").send();
        })
        .onComplete(test.succeeding(second -> test.verify(() -> {
          assertThat(second.getHeader("X-Request-Id")).matches("[0-9a-f-]{36}");
          test.completeNow();
        })));
  }

  @Test
  void everyResponseCarriesARequestIdEvenErrors(VertxTestContext test) {
    http.get("/nope").send().onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(response.getHeader("X-Request-Id")).isNotBlank();
      test.completeNow();
    })));
  }

  @Test
  void metricsExposeHttpEventBusPoolAndJvm(VertxTestContext test) {
    http.get("/health/ready").send()
        .compose(warm -> http.get("/metrics").bearerTokenAuthentication(TestNodes.OPS_TOKEN).send())
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          String text = response.bodyAsString();
          assertThat(text).contains("vertx_http_server_requests_total", "vertx_eventbus_handlers",
              "vertx_pool_", "jvm_memory_used_bytes", "process_uptime_seconds");
          test.completeNow();
        })));
  }

  @Test
  void withoutTheOpsTokenReadinessSaysOnlyUpAndMetricsAreRefused(VertxTestContext test) {
    http.get("/health/ready").send()
        .compose(ready -> {
          test.verify(() -> {
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.bodyAsJsonObject()).isEqualTo(new JsonObject().put("status", "UP"));
          });
          return http.get("/health/ready").bearerTokenAuthentication("not-" + TestNodes.OPS_TOKEN).send();
        })
        .compose(wrongToken -> {
          test.verify(() -> assertThat(wrongToken.bodyAsJsonObject().fieldNames()).containsExactly("status"));
          return http.get("/metrics").send();
        })
        .compose(noToken -> {
          test.verify(() -> {
            assertProblem(noToken, 401, "unauthorized");
            assertThat(noToken.getHeader("WWW-Authenticate")).startsWith("Bearer");
          });
          return http.get("/metrics").bearerTokenAuthentication(TestNodes.OPS_TOKEN + "x").send();
        })
        .onComplete(test.succeeding(wrongToken -> test.verify(() -> {
          assertProblem(wrongToken, 401, "unauthorized");
          assertThat(wrongToken.bodyAsString()).doesNotContain("jvm_");
          test.completeNow();
        })));
  }

  @Test
  void openApiDocumentIsServed(VertxTestContext test) {
    http.get("/openapi.yaml").send().onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/yaml");
      assertThat(response.bodyAsString()).startsWith("openapi: 3.1.0").contains("/health/ready:");
      test.completeNow();
    })));
  }

  @Test
  void garbageOnTheWireGetsA400AndTheServerStaysHealthy(Vertx vertx, VertxTestContext test) {
    NetClient raw = vertx.createNetClient();
    raw.connect(node.port(), "127.0.0.1").compose(socket -> {
      Buffer reply = Buffer.buffer();
      Promise<String> closed = Promise.promise();
      socket.handler(reply::appendBuffer);
      socket.closeHandler(done -> closed.complete(reply.toString()));
      return socket.write("NONSENSE \u0001\u0002 HTTP/9\r\n\r\n").compose(written -> closed.future());
    }).compose(reply -> {
      test.verify(() -> {
        assertThat(reply).startsWith("HTTP/1.0 400").contains("application/problem+json");
        assertThat(reply).contains(ProblemType.BASE + "bad-request");
      });
      return http.get("/health/live").send();
    }).onComplete(test.succeeding(after -> test.verify(() -> {
      assertThat(after.statusCode()).isEqualTo(200);
      test.completeNow();
    })));
  }

  @Test
  void anEndlessHeaderGetsA431(VertxTestContext test) {
    http.get("/health/live").putHeader("X-Padding", "p".repeat(20_000)).send()
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertProblem(response, 431, "headers-too-large");
          test.completeNow();
        })));
  }

  @Test
  void corsAllowsOnlyTheConfiguredOrigins(VertxTestContext test) {
    http.request(io.vertx.core.http.HttpMethod.OPTIONS, "/v1/me")
        .putHeader("Origin", "https://app.jobswipe.example")
        .putHeader("Access-Control-Request-Method", "GET")
        .putHeader("Access-Control-Request-Headers", "Authorization")
        .send()
        .compose(allowed -> {
          test.verify(() -> {
            assertThat(allowed.getHeader("Access-Control-Allow-Origin")).isEqualTo("https://app.jobswipe.example");
            assertThat(allowed.getHeader("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
          });
          return http.get("/health/live").putHeader("Origin", "https://evil.example").send();
        })
        .onComplete(test.succeeding(refused -> test.verify(() -> {
          assertThat(refused.getHeader("Access-Control-Allow-Origin")).isNull();
          test.completeNow();
        })));
  }

  private static void assertProblem(HttpResponse<Buffer> response, int status, String kind) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).isEqualTo(ProblemType.BASE + kind);
    assertThat(problem.getInteger("status")).isEqualTo(status);
    assertThat(problem.getString("title")).isNotBlank();
  }

  private static Set<String> checkNames(JsonArray checks) {
    return checks.stream().map(c -> ((JsonObject) c).getString("name")).collect(Collectors.toSet());
  }

  private static JsonObject check(JsonObject readiness, String name) {
    return readiness.getJsonArray("checks").stream().map(JsonObject.class::cast)
        .filter(c -> c.getString("name").equals(name)).findFirst().orElseThrow();
  }
}
