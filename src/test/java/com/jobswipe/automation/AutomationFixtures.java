package com.jobswipe.automation;

import com.jobswipe.config.AutomationQueueConfig;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Migrations;
import com.jobswipe.db.Pools;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * A migrated database of its own, with the rows a task needs (user, job, application, task) written over JDBC
 * the way the swipe path writes them.
 */
final class AutomationFixtures implements AutoCloseable {

  final TestDatabase database;
  final ConnectionSettings settings;
  final DataKeyRing keys = DataKeyRing.generate("k1");

  AutomationFixtures() {
    database = TestDatabase.create();
    settings = ConnectionSettings.fromUrl(database.url());
    Migrations.migrate(settings);
  }

  Pool pool(Vertx vertx, String name) {
    return Pools.shared(vertx, settings, name + "-" + UUID.randomUUID(), 8);
  }

  /** Short everything, so the retry paths run within a test. */
  static AutomationQueueConfig config() {
    return new AutomationQueueConfig(4, Duration.ofSeconds(30), 3,
        List.of(Duration.ofMillis(200), Duration.ofMillis(400)), Duration.ofMillis(200), Duration.ofSeconds(5),
        Duration.ofMillis(300), 2, Duration.ofDays(30), 3, Duration.ofSeconds(1));
  }

  UUID user() {
    return queryUuid("INSERT INTO users (email) VALUES (?) RETURNING id", UUID.randomUUID() + "@example.com");
  }

  void excludeCompanies(UUID user, String jsonArray) {
    exec("INSERT INTO candidate_profiles (user_id, preferences) VALUES (?, jsonb_build_object('excludedCompanies', ?::jsonb))"
        + " ON CONFLICT (user_id) DO UPDATE SET preferences = EXCLUDED.preferences", user, jsonArray);
  }

  UUID job(String company, String domain) {
    return queryUuid("INSERT INTO jobs (title, company, company_key, apply_url, ats_domain) VALUES (?, ?, ?, ?, ?)"
            + " RETURNING id", "Engineer " + UUID.randomUUID(), company,
        com.jobswipe.text.CompanyNames.key(company), "https://" + domain + "/jobs/" + UUID.randomUUID(), domain);
  }

  /** An application and its QUEUED task, as a right swipe commits them; answers the task id. */
  UUID task(UUID user, UUID job, boolean dryRun) {
    UUID application = queryUuid("INSERT INTO applications (user_id, job_id, status, dry_run) VALUES (?, ?, 'QUEUED', ?)"
        + " RETURNING id", user, job, dryRun);
    return queryUuid("INSERT INTO application_tasks (application_id, state) VALUES (?, 'QUEUED') RETURNING id",
        application);
  }

  UUID task(String company, String domain) {
    return task(user(), job(company, domain), false);
  }

  List<UUID> tasks(int n, String company, String domain) {
    List<UUID> ids = new ArrayList<>();
    UUID user = user();
    for (int i = 0; i < n; i++) {
      ids.add(task(user, job(company + " " + i, domain), false));
    }
    return ids;
  }

  /** The clock moves past the task's lease (what a crashed worker leaves behind), without waiting for it. */
  void expireLease(UUID task) {
    exec("UPDATE application_tasks SET lease_until = now() - interval '1 second' WHERE id = ?", task);
  }

  String applicationStatus(UUID task) {
    return queryString("SELECT ap.status FROM applications ap JOIN application_tasks t ON t.application_id = ap.id"
        + " WHERE t.id = ?", task);
  }

  String taskState(UUID task) {
    return queryString("SELECT state FROM application_tasks WHERE id = ?", task);
  }

  UUID applicationOf(UUID task) {
    return queryUuid("SELECT application_id FROM application_tasks WHERE id = ?", task);
  }

  void exec(String sql, Object... params) {
    try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, params);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  UUID queryUuid(String sql, Object... params) {
    return (UUID) queryValue(sql, params);
  }

  String queryString(String sql, Object... params) {
    return (String) queryValue(sql, params);
  }

  long queryLong(String sql, Object... params) {
    return ((Number) queryValue(sql, params)).longValue();
  }

  byte[] queryBytes(String sql, Object... params) {
    return (byte[]) queryValue(sql, params);
  }

  Object queryValue(String sql, Object... params) {
    try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql)) {
      bind(s, params);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void bind(PreparedStatement s, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
  }

  /** Polls a condition until it holds or the deadline passes (no fixed sleeps: returns as soon as it holds). */
  static void awaitCondition(String what, Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  @Override
  public void close() {
    database.close();
  }
}
