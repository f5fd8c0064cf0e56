package com.jobswipe.edge;

import com.jobswipe.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler in a tiny router: header fields per draft-ietf-httpapi-ratelimit-headers-11, 429, 503. */
@ExtendWith(VertxExtension.class)
class RateLimitHandlerTest {

  private static final RateLimit API = new RateLimit("api", 3, Duration.ofMinutes(1));
  private static final RateLimit ACCOUNT = new RateLimit("account", 5, Duration.ofMinutes(5));
  private static final List<RateLimitHandler.Rule> RULES = List.of(
      RateLimitHandler.Rule.perClientIp(API, Optional.empty()),
      new RateLimitHandler.Rule(ACCOUNT, ctx -> Optional.ofNullable(ctx.request().getHeader("X-Account"))));

  private final List<RateLimiter> limiters = new ArrayList<>();
  private HttpServer server;

  @AfterEach
  void tearDown() {
    limiters.forEach(RateLimiter::close);
    if (server != null) {
      server.close();
    }
  }

  private RateLimiter redis(Vertx vertx) {
    return track(RedisRateLimiter.create(vertx, RedisRateLimiterTest.REDIS, "test-" + UUID.randomUUID()));
  }

  private RateLimiter unreachableRedis(Vertx vertx) {
    return track(RedisRateLimiter.create(vertx, "redis://127.0.0.1:" + FreePorts.next(), "test"));
  }

  private RateLimiter track(RateLimiter limiter) {
    limiters.add(limiter);
    return limiter;
  }

  /** GET /ok answers 200; GET /missing fails later in the route with a 404 problem; /ip echoes the client IP. */
  private Future<WebClient> serve(Vertx vertx, RateLimitHandler handler) {
    Router router = Router.router(vertx);
    router.get("/ok").handler(handler).handler(ctx -> ctx.response().end("ok"));
    router.get("/missing").handler(handler).handler(ctx -> ctx.fail(new Problem(ProblemType.NOT_FOUND, "no such thing")));
    router.get("/ip").handler(ctx -> ctx.response().end(RateLimitHandler.clientIp(ctx, Optional.of("Fly-Client-IP"))));
    router.route().failureHandler(Problems::handleFailure);
    return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(listening -> {
      server = listening;
      return WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(listening.actualPort()));
    });
  }

  private static Future<List<HttpResponse<Buffer>>> getInSequence(WebClient http, String path, int n) {
    Future<List<HttpResponse<Buffer>>> chain = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < n; i++) {
      chain = chain.compose(responses -> http.get(path).send().map(response -> {
        responses.add(response);
        return responses;
      }));
    }
    return chain;
  }

  @Test
  void responsesCarryEveryAppliedPolicy(Vertx vertx, VertxTestContext test) {
    serve(vertx, RateLimitHandler.create(redis(vertx), false, RULES))
        .compose(http -> http.get("/ok").putHeader("X-Account", "ada@example.com").send()
            .compose(withAccount -> {
              test.verify(() -> {
                assertThat(withAccount.statusCode()).isEqualTo(200);
                assertThat(withAccount.getHeader("RateLimit-Policy")).isEqualTo("\"api\";q=3;w=60, \"account\";q=5;w=300");
                assertThat(withAccount.getHeader("RateLimit")).isEqualTo("\"api\";r=2;t=20, \"account\";r=4;t=60");
                assertThat(withAccount.getHeader("Retry-After")).isNull();
              });
              return http.get("/ok").send();
            }))
        .onComplete(test.succeeding(withoutAccount -> test.verify(() -> {
          // No account in this request: the per-account rule is skipped and not reported.
          assertThat(withoutAccount.getHeader("RateLimit-Policy")).isEqualTo("\"api\";q=3;w=60");
          assertThat(withoutAccount.getHeader("RateLimit")).isEqualTo("\"api\";r=1;t=20");
          test.completeNow();
        })));
  }

  @Test
  void requestOverTheQuotaGets429ProblemWithRetryAfter(Vertx vertx, VertxTestContext test) {
    serve(vertx, RateLimitHandler.create(redis(vertx), true, RULES))
        .compose(http -> getInSequence(http, "/ok", 4))
        .onComplete(test.succeeding(responses -> test.verify(() -> {
          assertThat(responses.subList(0, 3)).extracting(HttpResponse::statusCode).containsOnly(200);
          assertThat(responses.subList(0, 3)).extracting(r -> r.getHeader("RateLimit"))
              .containsExactly("\"api\";r=2;t=20", "\"api\";r=1;t=20", "\"api\";r=0;t=20");
          HttpResponse<Buffer> throttled = responses.get(3);
          assertThat(throttled.statusCode()).isEqualTo(429);
          assertThat(throttled.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
          assertThat(throttled.getHeader("Retry-After")).isEqualTo("20");
          assertThat(throttled.getHeader("RateLimit-Policy")).isEqualTo("\"api\";q=3;w=60");
          assertThat(throttled.getHeader("RateLimit")).isEqualTo("\"api\";r=0;t=20");
          JsonObject problem = throttled.bodyAsJsonObject();
          assertThat(problem.getString("type")).isEqualTo(ProblemType.BASE + "rate-limited");
          assertThat(problem.getInteger("status")).isEqualTo(429);
          assertThat(problem.getJsonArray("violated-policies")).isEqualTo(new JsonArray().add("api"));
          test.completeNow();
        })));
  }

  @Test
  void retryAfterIsTheLongestWaitAmongThrottledPolicies(Vertx vertx, VertxTestContext test) {
    List<RateLimitHandler.Rule> rules = List.of(
        RateLimitHandler.Rule.perClientIp(new RateLimit("short", 1, Duration.ofSeconds(10)), Optional.empty()),
        RateLimitHandler.Rule.perClientIp(new RateLimit("long", 1, Duration.ofSeconds(30)), Optional.empty()));
    serve(vertx, RateLimitHandler.create(new LocalRateLimiter(), false, rules))
        .compose(http -> getInSequence(http, "/ok", 2))
        .onComplete(test.succeeding(responses -> test.verify(() -> {
          HttpResponse<Buffer> throttled = responses.get(1);
          assertThat(throttled.statusCode()).isEqualTo(429);
          assertThat(throttled.getHeader("Retry-After")).isEqualTo("30");
          assertThat(throttled.getHeader("RateLimit")).isEqualTo("\"short\";r=0;t=10, \"long\";r=0;t=30");
          assertThat(throttled.bodyAsJsonObject().getJsonArray("violated-policies"))
              .isEqualTo(new JsonArray().add("short").add("long"));
          test.completeNow();
        })));
  }

  @Test
  void fieldsSurviveAnErrorLaterInTheRoute(Vertx vertx, VertxTestContext test) {
    serve(vertx, RateLimitHandler.create(redis(vertx), true, RULES))
        .compose(http -> http.get("/missing").send())
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(404);
          assertThat(response.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
          assertThat(response.getHeader("RateLimit-Policy")).isEqualTo("\"api\";q=3;w=60");
          assertThat(response.getHeader("RateLimit")).isEqualTo("\"api\";r=2;t=20");
          test.completeNow();
        })));
  }

  @Test
  void failClosedAnswers503WhenRedisIsUnreachable(Vertx vertx, VertxTestContext test) {
    serve(vertx, RateLimitHandler.create(unreachableRedis(vertx), true, RULES))
        .compose(http -> http.get("/ok").send())
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(503);
          assertThat(response.getHeader("Content-Type")).isEqualTo(Problem.CONTENT_TYPE);
          assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo(ProblemType.BASE + "unavailable");
          assertThat(response.bodyAsJsonObject().getString("detail")).isEqualTo("rate limiting is unavailable");
          assertThat(response.getHeader("RateLimit")).isNull();
          test.completeNow();
        })));
  }

  @Test
  void failOpenServesWithoutFieldsWhenRedisIsUnreachable(Vertx vertx, VertxTestContext test) {
    serve(vertx, RateLimitHandler.create(unreachableRedis(vertx), false, RULES))
        .compose(http -> getInSequence(http, "/ok", 2))
        .onComplete(test.succeeding(responses -> test.verify(() -> {
          assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
          assertThat(responses).extracting(r -> r.getHeader("RateLimit-Policy")).containsOnlyNulls();
          assertThat(responses).extracting(r -> r.getHeader("RateLimit")).containsOnlyNulls();
          test.completeNow();
        })));
  }

  @Test
  void aCheckThatHangsCountsAsAFailure(Vertx vertx, VertxTestContext test) {
    RateLimiter hanging = new RateLimiter() {
      @Override
      public Future<RateLimit.Decision> check(String key, RateLimit limit) {
        return Promise.<RateLimit.Decision>promise().future();
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    };
    long started = System.nanoTime();
    serve(vertx, RateLimitHandler.create(hanging, true, RULES, Duration.ofMillis(300)))
        .compose(http -> http.get("/ok").send())
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(503);
          // Not before the budget ran out; that it answered at all (rather than hanging) is the point.
          assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300L);
          test.completeNow();
        })));
  }

  @Test
  void clientIpTrustsOnlyAValidFirstEntryOfTheConfiguredHeader(Vertx vertx, VertxTestContext test) {
    serve(vertx, RateLimitHandler.create(new LocalRateLimiter(), false, RULES))
        .compose(http -> Future.all(List.of(
            http.get("/ip").putHeader("Fly-Client-IP", " 203.0.113.9 , 10.0.0.1").send(),
            http.get("/ip").putHeader("Fly-Client-IP", "2001:DB8:0:0::1").send(),
            http.get("/ip").putHeader("Fly-Client-IP", "evil.example.com").send(),
            http.get("/ip").send())))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertThat(all.<HttpResponse<Buffer>>resultAt(0).bodyAsString()).isEqualTo("203.0.113.9");
          assertThat(all.<HttpResponse<Buffer>>resultAt(1).bodyAsString()).isEqualTo("2001:db8::1");
          assertThat(all.<HttpResponse<Buffer>>resultAt(2).bodyAsString()).isEqualTo("127.0.0.1");
          assertThat(all.<HttpResponse<Buffer>>resultAt(3).bodyAsString()).isEqualTo("127.0.0.1");
          test.completeNow();
        })));
  }
}
