package com.jobswipe.matching;

import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Migrations;
import com.jobswipe.db.Pools;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a cold start calls popular, read by the real query from a real PostgreSQL. */
class PopularityStoreTest {

  private static TestDatabase database;
  private static Vertx vertx;
  private static MatchingStore store;

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
    ConnectionSettings settings = ConnectionSettings.fromUrl(database.url());
    Migrations.migrate(settings);
    vertx = Vertx.vertx();
    store = new MatchingStore(Pools.shared(vertx, settings, "popularity-" + UUID.randomUUID(), 4));
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    database.close();
  }

  @Test
  void countsRecentRightsAndSavesOfOpenJobsOnly() throws SQLException {
    UUID loved = job("open");
    UUID liked = job("open");
    UUID closed = job("closed");
    UUID passed = job("open");
    for (int i = 0; i < 3; i++) {
      swipe(user(), loved, i == 0 ? "save" : "right", "now()");
    }
    swipe(user(), liked, "right", "now()");
    swipe(user(), liked, "right", "now() - interval '30 days'"); // too long ago
    swipe(user(), closed, "right", "now()");
    swipe(user(), passed, "left", "now()");

    Popularity popularity = store.popularity().await();

    assertThat(popularity.mostLiked()).containsExactly(loved, liked);
    assertThat(popularity.likes()).containsEntry(loved, 3).containsEntry(liked, 1);
    assertThat(popularity.score(loved)).isEqualTo(1.0);
    assertThat(popularity.score(liked)).isEqualTo(Math.log(2) / Math.log(4));
    assertThat(popularity.score(passed)).isZero();
  }

  private static UUID user() throws SQLException {
    return id("INSERT INTO users (email) VALUES ('" + UUID.randomUUID() + "@example.com') RETURNING id");
  }

  private static UUID job(String status) throws SQLException {
    return id("INSERT INTO jobs (title, company, company_key, apply_url, status, closed_at) VALUES ('Engineer',"
        + " 'Acme', 'acme', 'https://example.com/" + UUID.randomUUID() + "', '" + status + "', "
        + ("closed".equals(status) ? "now()" : "NULL") + ") RETURNING id");
  }

  private static void swipe(UUID user, UUID job, String direction, String at) throws SQLException {
    id("INSERT INTO user_job_interactions (user_id, job_id, direction, created_at) VALUES ('" + user + "', '" + job
        + "', '" + direction + "', " + at + ") RETURNING id");
  }

  private static UUID id(String sql) throws SQLException {
    try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(sql);
         ResultSet rs = s.executeQuery()) {
      rs.next();
      return (UUID) rs.getObject(1);
    }
  }
}
