package com.jobswipe.edge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static com.jobswipe.edge.RedisRateLimiterTest.inSequence;
import static com.jobswipe.edge.RedisRateLimiterTest.untilDenied;
import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory GCRA gives the same answers as the Redis one; a fake clock makes time exact. */
@ExtendWith(VertxExtension.class)
class LocalRateLimiterTest {

  private final AtomicLong micros = new AtomicLong(1_000_000_000L);

  private LocalRateLimiter limiter(int maxEntries) {
    return new LocalRateLimiter(maxEntries, micros::get);
  }

  private void advance(Duration by) {
    micros.addAndGet(by.toNanos() / 1_000);
  }

  @Test
  void quotaIsHonouredThenDeniedUntilAUnitComesBack(VertxTestContext test) {
    RateLimit limit = new RateLimit("api", 3, Duration.ofMinutes(1));
    inSequence(limiter(100), "203.0.113.7", limit, 4).onComplete(test.succeeding(decisions -> test.verify(() -> {
      assertThat(decisions).containsExactly(
          new RateLimit.Decision(true, 2, 20, 0),
          new RateLimit.Decision(true, 1, 20, 0),
          new RateLimit.Decision(true, 0, 20, 0),
          new RateLimit.Decision(false, 0, 20, 20));
      test.completeNow();
    })));
  }

  @Test
  void unitsComeBackOneIntervalAtATime(VertxTestContext test) {
    RateLimit limit = new RateLimit("api", 3, Duration.ofMinutes(1));
    LocalRateLimiter limiter = limiter(100);
    inSequence(limiter, "client", limit, 3)
        .compose(spent -> {
          advance(Duration.ofSeconds(5));
          return limiter.check("client", limit);
        })
        .compose(early -> {
          test.verify(() -> assertThat(early).isEqualTo(new RateLimit.Decision(false, 0, 15, 15)));
          advance(Duration.ofSeconds(15));
          return limiter.check("client", limit);
        })
        .compose(oneBack -> {
          test.verify(() -> assertThat(oneBack).isEqualTo(new RateLimit.Decision(true, 0, 20, 0)));
          advance(Duration.ofMinutes(5));
          return limiter.check("client", limit);
        })
        .onComplete(test.succeeding(full -> test.verify(() -> {
          assertThat(full).as("an idle minute refills the whole quota, never more").isEqualTo(new RateLimit.Decision(true, 2, 20, 0));
          test.completeNow();
        })));
  }

  @Test
  void refillsAfterTheRetryAfterDelayOnARealClock(Vertx vertx, VertxTestContext test) {
    RateLimit limit = new RateLimit("burst", 2, Duration.ofSeconds(1));
    LocalRateLimiter limiter = new LocalRateLimiter();
    untilDenied(limiter, "client", limit, 100)
        .compose(denied -> vertx.timer(denied.retryAfterSeconds() * 1_000))
        .compose(waited -> limiter.check("client", limit))
        .onComplete(test.succeeding(later -> test.verify(() -> {
          assertThat(later.allowed()).isTrue();
          test.completeNow();
        })));
  }

  @Test
  void policiesAndKeysHaveSeparateBudgets(VertxTestContext test) {
    RateLimit ip = new RateLimit("auth-ip", 1, Duration.ofMinutes(1));
    RateLimit account = new RateLimit("auth-account", 1, Duration.ofMinutes(1));
    LocalRateLimiter limiter = limiter(100);
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
  void hostileKeysAreKeptApart(VertxTestContext test) {
    RateLimit limit = new RateLimit("auth-account", 1, Duration.ofMinutes(1));
    LocalRateLimiter limiter = limiter(100);
    String huge = "x".repeat(100_000) + "\u0000é";
    String other = "x".repeat(100_000) + "\u0000è";
    limiter.check(huge, limit)
        .compose(x -> Future.all(limiter.check(huge, limit), limiter.check(other, limit), limiter.check(RateLimit.boundedKey(huge), limit)))
        .onComplete(test.succeeding(all -> test.verify(() -> {
          assertThat(all.<RateLimit.Decision>resultAt(0).allowed()).isFalse();
          assertThat(all.<RateLimit.Decision>resultAt(1).allowed()).isTrue();
          assertThat(all.<RateLimit.Decision>resultAt(2).allowed()).isTrue();
          assertThat(RateLimit.boundedKey(huge)).hasSize(65);
          test.completeNow();
        })));
  }

  @Test
  void fullLimiterRefusesNewKeysUntilOldOnesExpire(VertxTestContext test) {
    RateLimit limit = new RateLimit("api", 10, Duration.ofSeconds(10));
    LocalRateLimiter limiter = limiter(2);
    Future.all(limiter.check("a", limit), limiter.check("b", limit))
        .compose(two -> Future.all(limiter.check("a", limit), limiter.check("c", limit).recover(failure -> {
          test.verify(() -> assertThat(failure).hasMessageContaining("maximum"));
          return Future.succeededFuture(null);
        })))
        .compose(full -> {
          test.verify(() -> {
            assertThat(full.<RateLimit.Decision>resultAt(0).allowed()).as("known keys still work").isTrue();
            assertThat(full.<RateLimit.Decision>resultAt(1)).as("a new key is refused, no live bucket evicted").isNull();
          });
          advance(Duration.ofSeconds(3));
          return limiter.check("c", limit);
        })
        .onComplete(test.succeeding(afterExpiry -> test.verify(() -> {
          assertThat(afterExpiry.allowed()).isTrue();
          assertThat(limiter.size()).isEqualTo(1);
          test.completeNow();
        })));
  }
}
