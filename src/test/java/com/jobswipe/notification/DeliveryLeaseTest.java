package com.jobswipe.notification;

import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Migrations;
import com.jobswipe.db.Pools;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Outbox leases on a real PostgreSQL: a node that renews what it is still sending keeps it, so another node's claim
 * passes it by; only a lease left to run out (its holder died) is claimed again. The lease of the first claim is
 * zero seconds, so "run out" needs no waiting.
 */
class DeliveryLeaseTest {

  private static TestDatabase database;
  private static Vertx vertx;
  private static NotificationStore store;

  @BeforeAll
  static void start() throws SQLException {
    database = TestDatabase.create();
    ConnectionSettings settings = ConnectionSettings.fromUrl(database.url());
    Migrations.migrate(settings);
    vertx = Vertx.vertx();
    store = new NotificationStore(Pools.shared(vertx, settings, "lease-" + UUID.randomUUID(), 2));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    database.close();
  }

  @Test
  void aRenewedLeaseIsNotClaimedByAnotherNodeAndALapsedOneIs() throws SQLException {
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      s.execute("WITH u AS (INSERT INTO users (email) VALUES ('lease@example.com') RETURNING id),"
          + " n AS (INSERT INTO notifications (user_id, kind, title) SELECT id, 'application.submitted', 'Sent'"
          + " FROM u RETURNING id)"
          + " INSERT INTO notification_deliveries (notification_id, channel) SELECT id, 'email' FROM n");
    }
    List<Row> claimed = store.claim("node-a", 10, Duration.ZERO).await();
    assertThat(claimed).hasSize(1);
    UUID id = claimed.get(0).getUUID("id");

    assertThat(store.renew("node-a", List.of(id), Duration.ofMinutes(1)).await()).isEqualTo(1);
    assertThat(store.claim("node-b", 10, Duration.ZERO).await()).as("still held by a live node").isEmpty();
    assertThat(store.renew("node-b", List.of(id), Duration.ofMinutes(1)).await())
        .as("only the holder renews").isZero();

    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      s.execute("UPDATE notification_deliveries SET lease_until = now(), next_attempt_at = now()");
    }
    List<Row> taken = store.claim("node-b", 10, Duration.ofMinutes(1)).await();
    assertThat(taken).extracting(row -> row.getUUID("id")).containsExactly(id);
    assertThat(store.renew("node-a", List.of(id), Duration.ofMinutes(1)).await())
        .as("the node whose lease lapsed no longer holds it").isZero();
  }
}
