package com.jobswipe.auth;

import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Migrations;
import com.jobswipe.db.Pools;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The account tables' retention sweep, on a real PostgreSQL: what is past its use goes, the rest stays. */
class AuthRetentionTest {

  private static TestDatabase database;
  private static Vertx vertx;
  private static ConnectionSettings settings;

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
    settings = ConnectionSettings.fromUrl(database.url());
    Migrations.migrate(settings);
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    database.close();
  }

  @Test
  void expiredRowsGoAndLiveOnesStayEvenWithTwoNodesSweepingAtOnce() throws SQLException {
    UUID user = UUID.fromString(one("INSERT INTO users (email) VALUES ('kept@example.com') RETURNING id::text"));
    run("INSERT INTO oauth_states (state_hash, provider, code_verifier, nonce, created_at, expires_at) VALUES"
        + " ('\\x01', 'google', 'v', 'n', now() - interval '1 hour', now() - interval '50 minutes'),"
        + " ('\\x02', 'google', 'v', 'n', now(), now() + interval '10 minutes')");
    run("INSERT INTO oauth_exchanges (code_hash, user_id, provider, expires_at) VALUES"
        + " ('\\x01', '" + user + "', 'google', now() - interval '1 minute'),"
        + " ('\\x02', '" + user + "', 'google', now() + interval '1 minute')");
    run("INSERT INTO oauth_nonces (nonce_hash, provider, expires_at) VALUES"
        + " ('\\x01', 'google', now() - interval '1 minute'), ('\\x02', 'google', now() + interval '9 minutes')");
    run("INSERT INTO email_tokens (user_id, purpose, token_hash, created_at, expires_at) VALUES"
        + " ('" + user + "', 'verify_email', '\\x01', now() - interval '3 days', now() - interval '1 day'),"
        + " ('" + user + "', 'reset_password', '\\x02', now(), now() + interval '1 hour')");
    run("INSERT INTO refresh_tokens (user_id, family_id, token_hash, issued_at, expires_at, revoked_at) VALUES"
        + " ('" + user + "', gen_random_uuid(), '\\x01', now() - interval '40 days', now() - interval '10 days', NULL),"
        + " ('" + user + "', gen_random_uuid(), '\\x02', now() - interval '3 days', now() + interval '20 days',"
        + "  now() - interval '2 days'),"
        + " ('" + user + "', gen_random_uuid(), '\\x03', now() - interval '1 hour', now() + interval '30 days',"
        + "  now() - interval '5 minutes'),"
        + " ('" + user + "', gen_random_uuid(), '\\x04', now(), now() + interval '30 days', NULL)");
    run("INSERT INTO spent_tokens (jti, expires_at) VALUES (gen_random_uuid(), now() - interval '1 minute'),"
        + " (gen_random_uuid(), now() + interval '4 minutes')");
    run("INSERT INTO auth_events (user_id, kind, created_at) VALUES ('" + user + "', 'login', now() - interval '400 days'),"
        + " ('" + user + "', 'login', now())");

    run("INSERT INTO login_failures (user_id, client_key, failed_count, updated_at) VALUES"
        + " ('" + user + "', '203.0.113.1', 3, now() - interval '2 days'),"
        + " ('" + user + "', '203.0.113.2', 3, now())");

    AuthRetention nodeA = new AuthRetention(Pools.shared(vertx, settings, "a-" + UUID.randomUUID(), 2));
    AuthRetention nodeB = new AuthRetention(Pools.shared(vertx, settings, "b-" + UUID.randomUUID(), 2));
    List<Long> swept = Future.all(nodeA.sweep(), nodeB.sweep()).await().list();

    // Either one node swept everything while the other found the lock taken, or they ran one after the other.
    assertThat(swept.stream().mapToLong(Long::longValue).filter(n -> n > 0).sum()).isEqualTo(9);
    assertThat(one("SELECT string_agg(client_key, ',') FROM login_failures")).isEqualTo("203.0.113.2");
    assertThat(one("SELECT count(*)::text FROM oauth_states")).isEqualTo("1");
    assertThat(one("SELECT count(*)::text FROM oauth_exchanges")).isEqualTo("1");
    assertThat(one("SELECT count(*)::text FROM oauth_nonces")).isEqualTo("1");
    assertThat(one("SELECT count(*)::text FROM email_tokens")).isEqualTo("1");
    assertThat(one("SELECT string_agg(encode(token_hash, 'hex'), ',' ORDER BY token_hash) FROM refresh_tokens"))
        .as("revoked five minutes ago stays: nodes starting now read it back").isEqualTo("03,04");
    assertThat(one("SELECT count(*)::text FROM spent_tokens")).isEqualTo("1");
    assertThat(one("SELECT count(*)::text FROM auth_events")).isEqualTo("1");
    assertThat(new AuthRetention(Pools.shared(vertx, settings, "c-" + UUID.randomUUID(), 2)).sweep().await())
        .as("a second sweep finds nothing").isZero();
  }

  private static void run(String sql) throws SQLException {
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static String one(String sql) throws SQLException {
    try (Connection c = database.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
