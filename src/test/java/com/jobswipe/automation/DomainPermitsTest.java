package com.jobswipe.automation;

import com.jobswipe.automation.DomainPermits.Decision;
import com.jobswipe.automation.DomainPermits.Decision.Denied;
import com.jobswipe.automation.DomainPermits.Decision.Granted;
import com.jobswipe.automation.DomainPermits.Outcome;
import com.jobswipe.automation.DomainPermits.Permit;
import com.jobswipe.config.AutomationQueueConfig;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.jobswipe.automation.AutomationFixtures.awaitCondition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Per-domain concurrency slots, rate windows and the circuit breaker against the real PostgreSQL. */
class DomainPermitsTest {

  private static AutomationFixtures db;
  private static Vertx vertx;
  private static AutomationQueueConfig config;
  private static DomainPermits permits;
  private static DomainPermits otherNode;

  @BeforeAll
  static void start() {
    db = new AutomationFixtures();
    vertx = Vertx.vertx();
    config = AutomationFixtures.config(); // 3 failures open the circuit, 1 s cool-down
    permits = new DomainPermits(vertx, db.settings.pgConnectOptions(), db.pool(vertx, "a"), config);
    otherNode = new DomainPermits(Vertx.vertx(), db.settings.pgConnectOptions(), db.pool(vertx, "b"), config);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    db.close();
  }

  private static Permit granted(DomainPermits on, String domain) {
    Decision decision = on.acquire(domain, null).await();
    assertThat(decision).as("granted on %s", domain).isInstanceOf(Granted.class);
    return ((Granted) decision).permit();
  }

  private static Denied denied(DomainPermits on, String domain) {
    Decision decision = on.acquire(domain, null).await();
    assertThat(decision).as("denied on %s", domain).isInstanceOf(Denied.class);
    return (Denied) decision;
  }

  @Test
  void concurrencySlotsAreSharedByNodesAndFreedWhenAHolderCrashes() {
    String domain = "slots.example";
    db.exec("INSERT INTO domains (domain, max_concurrency, per_minute) VALUES (?, 2, 100)", domain);
    Permit a = granted(permits, domain);
    Permit b = granted(otherNode, domain);
    assertThat(List.of(a.slot(), b.slot())).containsExactlyInAnyOrder(0, 1);

    Denied busy = denied(otherNode, domain);
    assertThat(busy.reason()).isEqualTo("busy");
    assertThat(busy.retryAt()).isAfter(Instant.now());

    a.abandon().await(); // the node died: its connection dropped without a word
    Permit c = granted(otherNode, domain);
    assertThat(c.slot()).isEqualTo(a.slot());
    b.release(Outcome.SITE_OK).await();
    c.release(Outcome.SITE_OK).await();
    // The server frees a closed connection's locks as its backend exits.
    awaitCondition("no slot lock left behind", Duration.ofSeconds(10), () -> db.queryLong("SELECT count(*) FROM pg_locks"
        + " WHERE locktype = 'advisory' AND objsubid = 2"
        + " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())") == 0);
  }

  @Test
  void theRateWindowRefusesTheStartAfterItsLimitAndSaysWhen() {
    String domain = "rate.example";
    db.exec("INSERT INTO domains (domain, per_minute) VALUES (?, 3)", domain);
    Instant before = Instant.now();
    for (int i = 0; i < 3; i++) {
      granted(i % 2 == 0 ? permits : otherNode, domain).release(Outcome.SITE_OK).await();
    }
    Instant firstStart = ((java.sql.Timestamp) db.queryValue(
        "SELECT min(started_at) FROM domain_runs WHERE domain = ?", domain)).toInstant();

    Denied refused = denied(otherNode, domain);

    assertThat(refused.reason()).isEqualTo("rate");
    assertThat(refused.retryAt()).isCloseTo(firstStart.plusSeconds(60), within(1, java.time.temporal.ChronoUnit.MILLIS));
    assertThat(refused.retryAt()).isAfter(before.plusSeconds(59));
    assertThat(db.queryLong("SELECT count(*) FROM domain_runs WHERE domain = ?", domain)).isEqualTo(3);
    // An hour later the window has room again.
    db.exec("UPDATE domain_runs SET started_at = started_at - interval '1 hour' WHERE domain = ?", domain);
    granted(permits, domain).release(Outcome.SITE_OK).await();
  }

  @Test
  void theLeastIntervalBetweenStartsHolds() {
    String domain = "interval.example";
    db.exec("INSERT INTO domains (domain, min_interval_ms) VALUES (?, 60000)", domain);
    granted(permits, domain).release(Outcome.SITE_OK).await();
    Denied refused = denied(otherNode, domain);
    assertThat(refused.reason()).isEqualTo("rate");
    assertThat(refused.retryAt()).isAfter(Instant.now().plusSeconds(50));
  }

  @Test
  void theCircuitOpensAfterRepeatedFailuresThenHalfOpensForOneTrial() {
    String domain = "flaky.example";
    for (int i = 0; i < config.circuitFailures(); i++) {
      granted(permits, domain).release(Outcome.SITE_FAILED).await();
    }
    assertThat(db.queryString("SELECT circuit_state FROM domains WHERE domain = ?", domain)).isEqualTo("open");
    Denied open = denied(otherNode, domain);
    assertThat(open.reason()).isEqualTo("circuit_open");
    assertThat(open.retryAt()).isBefore(Instant.now().plus(config.circuitCooldown()).plusMillis(100));

    // After the cool-down: exactly one trial, on whichever node asks first.
    List<Permit> trials = new ArrayList<>();
    awaitCondition("the cool-down to pass", Duration.ofSeconds(10), () -> {
      Decision d = permits.acquire(domain, null).await();
      if (d instanceof Granted g) {
        trials.add(g.permit());
        return true;
      }
      return false;
    });
    Permit trial = trials.get(0);
    assertThat(trial.trial()).isTrue();
    assertThat(db.queryString("SELECT circuit_state FROM domains WHERE domain = ?", domain)).isEqualTo("half_open");
    assertThat(denied(otherNode, domain).reason()).isEqualTo("circuit_half_open");

    // The trial fails: open again, for another cool-down.
    trial.release(Outcome.SITE_FAILED).await();
    assertThat(db.queryString("SELECT circuit_state FROM domains WHERE domain = ?", domain)).isEqualTo("open");
    assertThat(denied(otherNode, domain).reason()).isEqualTo("circuit_open");

    // The next trial succeeds: closed, and runs flow again.
    trials.clear();
    awaitCondition("the second cool-down", Duration.ofSeconds(10), () -> {
      Decision d = otherNode.acquire(domain, null).await();
      if (d instanceof Granted g) {
        trials.add(g.permit());
        return true;
      }
      return false;
    });
    trials.get(0).release(Outcome.SITE_OK).await();
    assertThat(db.queryString("SELECT circuit_state FROM domains WHERE domain = ?", domain)).isEqualTo("closed");
    assertThat(db.queryLong("SELECT consecutive_failures FROM domains WHERE domain = ?", domain)).isZero();
    granted(permits, domain).release(Outcome.SITE_OK).await();
  }

  @Test
  void anOperatorsPauseShutsTheDomain() {
    String domain = "paused.example";
    db.exec("INSERT INTO domains (domain, paused_until) VALUES (?, now() + interval '10 minutes')", domain);
    Denied paused = denied(permits, domain);
    assertThat(paused.reason()).isEqualTo("paused");
    assertThat(paused.retryAt()).isAfter(Instant.now().plusSeconds(500));
    assertThat(db.queryLong("SELECT count(*) FROM domain_runs WHERE domain = ?", domain)).isZero();
  }
}
