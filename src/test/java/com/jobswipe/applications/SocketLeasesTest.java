package com.jobswipe.applications;

import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Migrations;
import com.jobswipe.db.Pools;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Socket slots on a real PostgreSQL, with the clock in the test's hands: a node that dies keeps its slots only
 * until their leases run out, a node that renews keeps them, and nodes racing for the last slot get one between
 * them.
 */
class SocketLeasesTest {

  private static final Duration TTL = Duration.ofSeconds(60);
  private static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

  private static TestDatabase database;
  private static Vertx vertx;
  private static Pool pool;

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
    ConnectionSettings settings = ConnectionSettings.fromUrl(database.url());
    Migrations.migrate(settings);
    vertx = Vertx.vertx();
    pool = Pools.shared(vertx, settings, "leases-" + UUID.randomUUID(), 4);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    database.close();
  }

  /** A clock that stands still until the test moves it. */
  private static final class Hands extends Clock {
    private volatile Instant now = START;

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Test
  void aDeadNodesSlotsFreeThemselvesWhenTheirLeasesRunOutWhileALiveNodesStayTaken() {
    Hands clock = new Hands();
    SocketLeases dead = new SocketLeases(pool, clock, TTL, "dead");
    SocketLeases live = new SocketLeases(pool, clock, TTL, "live");
    UUID user = UUID.randomUUID();
    UUID kept = UUID.randomUUID();
    assertThat(dead.acquire(UUID.randomUUID(), user, 3).await()).isTrue();
    assertThat(dead.acquire(UUID.randomUUID(), user, 3).await()).isTrue();
    assertThat(live.acquire(kept, user, 3).await()).isTrue();
    assertThat(live.acquire(UUID.randomUUID(), user, 3).await()).as("cap reached").isFalse();

    // The dead node renews nothing; the live one renews its socket every third of a lease, as LiveEvents does.
    clock.now = START.plus(TTL.dividedBy(3));
    live.renew(Map.of(kept, user)).await();
    clock.now = START.plus(TTL.dividedBy(3).multipliedBy(2));
    live.renew(Map.of(kept, user)).await();
    clock.now = START.plus(TTL).minusSeconds(1);
    assertThat(live.acquire(UUID.randomUUID(), user, 3).await()).as("the dead node's leases still run").isFalse();

    clock.now = START.plus(TTL);
    assertThat(live.acquire(UUID.randomUUID(), user, 3).await()).as("one dead slot back").isTrue();
    assertThat(live.acquire(UUID.randomUUID(), user, 3).await()).as("the other").isTrue();
    assertThat(live.acquire(UUID.randomUUID(), user, 3).await()).as("the renewed one still counts").isFalse();
    assertThat(live.purgeExpired().await()).as("the dead node's rows are cleared").isEqualTo(2);
  }

  @Test
  void aRenewalRetakesALeaseThatLapsedAndWasPurgedWhileItsSocketStayedOpen() {
    Hands clock = new Hands();
    SocketLeases leases = new SocketLeases(pool, clock, TTL, "cut-off");
    UUID user = UUID.randomUUID();
    UUID open = UUID.randomUUID();
    assertThat(leases.acquire(open, user, 1).await()).isTrue();
    clock.now = START.plus(TTL).plusSeconds(1);
    assertThat(leases.purgeExpired().await()).isEqualTo(1);

    leases.renew(Map.of(open, user)).await();

    assertThat(leases.acquire(UUID.randomUUID(), user, 1).await()).as("the open socket counts again").isFalse();
  }

  @Test
  void aReleasedSlotIsFreeAtOnce() {
    SocketLeases leases = new SocketLeases(pool, new Hands(), TTL, "a");
    UUID user = UUID.randomUUID();
    UUID socket = UUID.randomUUID();
    assertThat(leases.acquire(socket, user, 1).await()).isTrue();
    assertThat(leases.acquire(UUID.randomUUID(), user, 1).await()).isFalse();
    leases.release(socket).await();
    assertThat(leases.acquire(UUID.randomUUID(), user, 1).await()).isTrue();
  }

  @Test
  void manyNodesRacingForTheLastSlotsGetExactlyTheCap() {
    Hands clock = new Hands();
    UUID user = UUID.randomUUID();
    List<Future<Boolean>> racing = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      racing.add(new SocketLeases(pool, clock, TTL, "node-" + (i % 4)).acquire(UUID.randomUUID(), user, 5));
    }
    List<Boolean> won = Future.all(racing).await().list();
    assertThat(won.stream().filter(Boolean::booleanValue).count()).isEqualTo(5);
  }
}
