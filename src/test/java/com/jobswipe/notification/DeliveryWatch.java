package com.jobswipe.notification;

import com.jobswipe.testing.TestDatabase;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Hears every outbox row that ends (sent, failed, skipped) or is put back for a retry, as it commits: a trigger
 * installed for the test NOTIFYs, this connection LISTENs. Tests wait for the outcome itself, not for time.
 */
final class DeliveryWatch implements AutoCloseable {

  /** One committed outcome of a delivery. */
  record Outcome(String deliveryId, String channel, String status, int attempts, String error) {
  }

  private static final String CHANNEL = "test_delivery_outcomes";

  private final Connection connection;
  private final Deque<PGNotification> pending = new ArrayDeque<>();
  /** Outcomes heard while waiting for another one: a later wait may be for them. */
  private final List<Outcome> unclaimed = new java.util.ArrayList<>();

  private DeliveryWatch(Connection connection) {
    this.connection = connection;
  }

  static DeliveryWatch on(TestDatabase database) throws SQLException {
    Connection connection = database.connect();
    try (Statement sql = connection.createStatement()) {
      sql.execute("CREATE OR REPLACE FUNCTION test_notify_delivery() RETURNS trigger LANGUAGE plpgsql AS $$"
          + " BEGIN PERFORM pg_notify('" + CHANNEL + "', json_build_object('id', NEW.id, 'channel', NEW.channel,"
          + " 'status', NEW.status, 'attempts', NEW.attempts, 'error', NEW.last_error)::text);"
          + " RETURN NEW; END $$");
      sql.execute("CREATE OR REPLACE TRIGGER test_delivery_outcome AFTER UPDATE OF status, last_error"
          + " ON notification_deliveries FOR EACH ROW WHEN (NEW.leased_by IS NULL)"
          + " EXECUTE FUNCTION test_notify_delivery()");
      sql.execute("LISTEN " + CHANNEL);
    }
    return new DeliveryWatch(connection);
  }

  /** Waits for an outcome {@code wanted} accepts (or takes one heard before); fails the test at the deadline. */
  Outcome await(Predicate<Outcome> wanted, Duration within) throws SQLException {
    for (Outcome earlier : unclaimed) {
      if (wanted.test(earlier)) {
        unclaimed.remove(earlier);
        return earlier;
      }
    }
    Instant deadline = Instant.now().plus(within);
    while (true) {
      while (pending.isEmpty()) {
        long wait = Duration.between(Instant.now(), deadline).toMillis();
        if (wait <= 0) {
          throw new AssertionError("no matching delivery outcome within " + within);
        }
        PGNotification[] heard = connection.unwrap(PGConnection.class).getNotifications((int) wait);
        if (heard != null) {
          pending.addAll(List.of(heard));
        }
      }
      io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(pending.poll().getParameter());
      Outcome outcome = new Outcome(json.getString("id"), json.getString("channel"), json.getString("status"),
          json.getInteger("attempts"), Optional.ofNullable(json.getString("error")).orElse(""));
      if (wanted.test(outcome)) {
        return outcome;
      }
      unclaimed.add(outcome);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
