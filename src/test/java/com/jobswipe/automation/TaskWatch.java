package com.jobswipe.automation;

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
 * Hears every change of an application task's state in a test database as it commits (a trigger installed for the
 * test NOTIFYs; this connection LISTENs), so tests wait for the change itself instead of polling.
 */
final class TaskWatch implements AutoCloseable {

  /** One committed change: the task's application, its new state and who holds it (empty once not leased). */
  record Change(String applicationId, String state, String lockedBy) {

    boolean heldBy(String nodeId) {
      return lockedBy.startsWith(nodeId + "/");
    }
  }

  private static final String CHANNEL = "test_task_states";

  private final Connection connection;
  private final Deque<PGNotification> pending = new ArrayDeque<>();

  private TaskWatch(Connection connection) {
    this.connection = connection;
  }

  /** Installs the trigger (once per database) and starts listening: changes from now on are heard. */
  static TaskWatch on(TestDatabase database) throws SQLException {
    Connection connection = database.connect();
    try (Statement sql = connection.createStatement()) {
      sql.execute("CREATE OR REPLACE FUNCTION test_notify_task_state() RETURNS trigger LANGUAGE plpgsql AS $$"
          + " BEGIN PERFORM pg_notify('" + CHANNEL + "',"
          + " NEW.application_id || ' ' || NEW.state || ' ' || COALESCE(NEW.locked_by, ''));"
          + " RETURN NEW; END $$");
      sql.execute("CREATE OR REPLACE TRIGGER test_task_state AFTER INSERT OR UPDATE OF state, locked_by"
          + " ON application_tasks FOR EACH ROW EXECUTE FUNCTION test_notify_task_state()");
      sql.execute("LISTEN " + CHANNEL);
    }
    return new TaskWatch(connection);
  }

  /** The next change, or empty when none came before {@code deadline}. */
  Optional<Change> next(Instant deadline) throws SQLException {
    while (pending.isEmpty()) {
      long wait = Duration.between(Instant.now(), deadline).toMillis();
      if (wait <= 0) {
        return Optional.empty();
      }
      PGNotification[] heard = connection.unwrap(PGConnection.class).getNotifications((int) Math.min(wait,
          Integer.MAX_VALUE));
      if (heard != null) {
        pending.addAll(List.of(heard));
      }
    }
    String[] parts = pending.poll().getParameter().split(" ", 3);
    return Optional.of(new Change(parts[0], parts[1], parts.length > 2 ? parts[2] : ""));
  }

  /** Waits for a change that {@code wanted} accepts; answers it, or empty at the deadline. */
  Optional<Change> await(Predicate<Change> wanted, Instant deadline) throws SQLException {
    for (Optional<Change> change = next(deadline); change.isPresent(); change = next(deadline)) {
      if (wanted.test(change.get())) {
        return change;
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
