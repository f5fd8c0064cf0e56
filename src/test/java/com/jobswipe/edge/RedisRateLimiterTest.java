package com.jobswipe.edge;

import com.jobswipe.testing.FreePorts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** GCRA in the real Redis at 127.0.0.1:6379; every test has its own key prefix so runs never collide. */
@ExtendWith(VertxExtension.class)
class RedisRateLimiterTest {

  static final String REDIS = "redis://127.0.0.1:6379";

  private final List<RateLimiter> limiters = new ArrayList<>();
  private String prefix;
  private Redis admin;

  @BeforeEach
  void setUp(Vertx vertx) {
    prefix = "test-" + UUID.randomUUID();
    admin = Redis.createClient(vertx, REDIS);
  }

  @AfterEach
  void tearDown() {
    limiters.forEach(RateLimiter::close);
    admin.close();
  }

  private RedisRateLimiter limiter(Vertx vertx) {
    RedisRateLimiter limiter = RedisRateLimiter.create(vertx, REDIS, prefix);
    limiters.add(limiter);
    return limiter;
  }

  /** {@code n} checks one after another, as one client's consecutive requests. */
  static Future<List<RateLimit.Decision>> inSequence(RateLimiter limiter, String key, RateLimit limit, int n) {
    Future<List<RateLimit.Decision>> chain = Future.succeededFuture(new ArrayList<>());
    for (int i = 0; i < n; i++) {
      chain = chain.compose(decisions -> limiter.check(key, limit).map(decision -> {
        decisions.add(decision);
        return decisions;
      }));
    }
    return chain;
  }

  /**
   * Checks until the first denial (at most {@code max} checks) and answers it. For sub-second windows on a real
   * clock: however slowly a busy machine runs the checks, the bucket empties at some point, and the test goes on
   * from there instead of assuming the first {@code quota + 1} checks fit in one window.
   */
  static Future<RateLimit.Decision> untilDenied(RateLimiter limiter, String key, RateLimit limit, int max) {
    return limiter.check(key, limit).compose(decision -> {
      if (!decision.allowed()) {
        return Future.succeededFuture(decision);
      }
      if (max <= 1) {
        return Future.failedFuture(new AssertionError("never denied"));
      }
      return untilDenied(limiter, key, limit, max - 1);
    });
  }

  @Test
  void quotaIsHonouredThenDeniedUntilAUnitComesBack(Vertx vertx, VertxTestContext test) {
    RateLimit limit = new RateLimit("api", 3, Duration.ofMinutes(1));
    inSequence(limiter(vertx), "203.0.113.7", limit, 4).onComplete(test.succeeding(decisions -> test.verify(() -> {
      // One unit comes back every 20 s, so each allowed answer says "the next unit within 20 s".
      assertThat(decisions.subList(0, 3)).extracting(RateLimit.Decision::allowed).containsOnly(true);
      assertThat(decisions.subList(0, 3)).extracting(RateLimit.Decision::remaining).containsExactly(2L, 1L, 0L);
      assertThat(decisions.subList(0, 3)).extracting(RateLimit.Decision::resetSeconds).containsOnly(20L);
      assertThat(decisions.subList(0, 3)).extracting(RateLimit.Decision::retryAfterSeconds).containsOnly(0L);
      RateLimit.Decision denied = decisions.get(3);
      assertThat(denied.allowed()).isFalse();
      assertThat(denied.remaining()).isZero();
      assertThat(denied.retryAfterSeconds()).isEqualTo(20);
      assertThat(denied.resetSeconds()).isEqualTo(denied.retryAfterSeconds());
      test.completeNow();
    })));
  }

  @Test
  void deniedChecksSpendNothing(Vertx vertx, VertxTestContext test) {
    RateLimit limit = new RateLimit("api", 1, Duration.ofMinutes(1));
    inSequence(limiter(vertx), "client", limit, 5).onComplete(test.succeeding(decisions -> test.verify(() -> {
      assertThat(decisions).extracting(RateLimit.Decision::allowed).containsExactly(true, false, false, false, false);
      // Hammering a closed bucket does not push its opening further out.
      assertThat(decisions.subList(1, 5)).extracting(RateLimit.Decision::retryAfterSeconds).containsOnly(60L);
      test.completeNow();
    })));
  }

  @Test
  void twoInstancesShareOneBudget(Vertx vertx, VertxTestContext test) {
    RateLimit limit = new RateLimit("auth-ip", 3, Duration.ofMinutes(1));
    RedisRateLimiter first = limiter(vertx);
    RedisRateLimiter second = limiter(vertx);
    first.check("198.51.100.1", limit)
        .compose(a -> second.check("198.51.100.1", limit))
        .compose(b -> first.check("198.51.100.1", limit))
        .compose(c -> {
          test.verify(() -> assertThat(c.remaining()).isZero());
          return Future.all(second.check("198.51.100.1", limit), first.check("198.51.100.1", limit));
        })
        .onComplete(test.succeeding(both -> test.verify(() -> {
          assertThat(both.<RateLimit.Decision>resultAt(0).allowed()).isFalse();
          assertThat(both.<RateLimit.Decision>resultAt(1).allowed()).isFalse();
          test.completeNow();
        })));
  }

  @Test
  void policiesAndKeysHaveSeparateBudgets(Vertx vertx, VertxTestContext test) {
    RateLimit ip = new RateLimit("auth-ip", 1, Duration.ofMinutes(1));
    RateLimit account = new RateLimit("auth-account", 1, Duration.ofMinutes(1));
    RedisRateLimiter limiter = limiter(vertx);
    limiter.check("a", ip)
        .compose(x -> Future.all(limiter.check("a", account), limiter.check("b", ip), limiter.check("a", ip)))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertThat(all.<RateLimit.Decision>resultAt(0).allowed()).isTrue();
          assertThat(all.<RateLimit.Decision>resultAt(1).allowed()).isTrue();
          assertThat(all.<RateLimit.Decision>resultAt(2).allowed()).isFalse();
          test.completeNow();
        })));
  }

  @Test
  void refillsAfterTheRetryAfterDelay(Vertx vertx, VertxTestContext test) {
    RateLimit limit = new RateLimit("burst", 2, Duration.ofSeconds(1));
    RedisRateLimiter limiter = limiter(vertx);
    untilDenied(limiter, "client", limit, 100)
        .compose(denied -> {
          test.verify(() -> assertThat(denied.retryAfterSeconds()).isEqualTo(1));
          // Waits out exactly what the answer asked for: after it a unit is back, however busy the machine.
          return vertx.timer(denied.retryAfterSeconds() * 1_000);
        })
        .compose(waited -> limiter.check("client", limit))
        .onComplete(test.succeeding(later -> test.verify(() -> {
          assertThat(later.allowed()).isTrue();
          test.completeNow();
        })));
  }

  @Test
  void recoversWhenTheScriptCacheIsFlushed(Vertx vertx, VertxTestContext test) {
    RateLimit limit = new RateLimit("api", 5, Duration.ofMinutes(1));
    RedisRateLimiter limiter = limiter(vertx);
    limiter.check("client", limit)
        .compose(first -> admin.send(Request.cmd(Command.SCRIPT).arg("FLUSH")))
        .compose(flushed -> limiter.check("client", limit))
        .compose(afterFlush -> {
          test.verify(() -> {
            assertThat(afterFlush.allowed()).isTrue();
            assertThat(afterFlush.remaining()).as("the bucket survives a script flush").isEqualTo(3);
          });
          return admin.send(Request.cmd(Command.SCRIPT).arg("EXISTS").arg(RedisRateLimiter.SCRIPT_SHA1));
        })
        .onComplete(test.succeeding(exists -> test.verify(() -> {
          assertThat(exists.get(0).toInteger()).as("EVAL reloaded the script").isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void unreachableRedisFailsWithinTheTimeout(Vertx vertx, VertxTestContext test) {
    RedisRateLimiter limiter = RedisRateLimiter.create(vertx, "redis://127.0.0.1:" + FreePorts.next(), prefix);
    limiters.add(limiter);
    long started = System.nanoTime();
    limiter.check("client", RateLimit.perMinute("api", 10)).onComplete(test.failing(failure -> test.verify(() -> {
      // The check's budget is 1 s; the bound only tells "failed" from "hung" on a busy machine.
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(10_000);
      test.completeNow();
    })));
  }

  @Test
  void hostileKeysAreBoundedAndKeptApart(Vertx vertx, VertxTestContext test) {
    RateLimit limit = new RateLimit("auth-account", 2, Duration.ofMinutes(1));
    RedisRateLimiter limiter = limiter(vertx);
    String huge = "x".repeat(100_000) + "\r\n\u0000é";
    String other = "x".repeat(100_000) + "\r\n\u0000è";
    String hashLike = RateLimit.boundedKey(huge);
    String redisKey = limiter.redisKey("auth-account", huge);
    assertThat(redisKey).hasSizeLessThan(200).startsWith(prefix + ":rl:auth-account:#");
    assertThat(limiter.redisKey("auth-account", "203.0.113.7")).isEqualTo(prefix + ":rl:auth-account:203.0.113.7");
    limiter.check(huge, limit)
        .compose(a -> limiter.check(huge, limit))
        .compose(b -> Future.all(limiter.check(huge, limit), limiter.check(other, limit), limiter.check(hashLike, limit)))
        .compose(all -> {
          test.verify(() -> {
            assertThat(all.<RateLimit.Decision>resultAt(0).allowed()).isFalse();
            assertThat(all.<RateLimit.Decision>resultAt(1).allowed()).as("a different long key").isTrue();
            assertThat(all.<RateLimit.Decision>resultAt(2).allowed()).as("a raw key spelling another's hash").isTrue();
          });
          return admin.send(Request.cmd(Command.EXISTS).arg(redisKey));
        })
        .onComplete(test.succeeding(exists -> test.verify(() -> {
          assertThat(exists.toInteger()).isEqualTo(1);
          test.completeNow();
        })));
  }
}
