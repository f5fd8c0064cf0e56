package com.jobswipe.db;

import com.jobswipe.testing.TestDatabase;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MigrationsTest {

  private TestDatabase database;

  @BeforeEach
  void createDatabase() {
    database = TestDatabase.create();
  }

  @AfterEach
  void dropDatabase() {
    database.close();
  }

  @Test
  void migratesAnEmptyDatabaseToTheWholeModelAndRerunningIsANoOp() throws SQLException {
    ConnectionSettings settings = ConnectionSettings.fromUrl(database.url());

    MigrateResult first = Migrations.migrate(settings);
    MigrateResult second = Migrations.migrate(settings);

    assertThat(first.migrationsExecuted).isGreaterThanOrEqualTo(1);
    assertThat(second.migrationsExecuted).isZero();
    assertThat(tables()).contains(
        "users", "refresh_tokens", "oauth_identities", "api_keys", "mfa_backup_codes", "candidate_profiles",
        "resumes", "cover_letter_templates", "sources", "jobs", "job_sources", "user_job_interactions",
        "applications", "application_tasks", "application_audit_log", "domains", "notifications",
        "device_tokens", "notification_preferences");
  }

  @Test
  void theSchemaEnforcesItsInvariants() throws SQLException {
    Migrations.migrate(ConnectionSettings.fromUrl(database.url()));

    try (Connection c = database.connect()) {
      c.createStatement().execute("INSERT INTO users (email) VALUES ('Ada@Example.com')");
      assertThat(fails(c, "INSERT INTO users (email) VALUES ('ada@example.com')"))
          .as("emails are unique regardless of case").isTrue();
      assertThat(fails(c, "INSERT INTO users (email, role) VALUES ('x@example.com', 'admin')"))
          .as("no stored role: admin is decided at authentication from the configured list").isTrue();
    }
  }

  private static boolean fails(Connection c, String sql) {
    try {
      c.createStatement().execute(sql);
      return false;
    } catch (SQLException e) {
      return true;
    }
  }

  private List<String> tables() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection c = database.connect();
         ResultSet rs = c.createStatement().executeQuery(
             "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")) {
      while (rs.next()) {
        names.add(rs.getString(1));
      }
    }
    return names;
  }
}
