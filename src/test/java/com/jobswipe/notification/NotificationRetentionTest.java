package com.jobswipe.notification;

import com.jobswipe.notification.push.PushChannels;
import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Inbox entries are kept 90 days: the sweep, run with a clock set in the future, removes only the older ones. */
class NotificationRetentionTest {

  private static Vertx vertx;
  private static RunningNode node;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API), Map.of());
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  @Test
  void entriesOlderThanNinetyDaysGoAndTheirOutboxRowsWithThem() throws Exception {
    String userId = new Api(vertx, node.port()).post("/v1/auth/register", new JsonObject()
            .put("email", "keeper@example.com").put("password", "correct battery horse staple 7"))
        .bodyAsJsonObject().getJsonObject("user").getString("id");
    Instant now = Instant.parse("2026-06-01T12:00:00Z");
    try (Connection c = node.database().connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO notifications (user_id, kind, title, created_at) VALUES"
          + " ('" + userId + "', 'application.submitted', 'old', '2026-03-02T11:59:00Z'),"
          + " ('" + userId + "', 'application.submitted', 'recent', '2026-03-04T12:00:00Z')");
      s.execute("INSERT INTO notification_deliveries (notification_id, channel, status)"
          + " SELECT id, 'apns', 'sent' FROM notifications WHERE title = 'old'");
    }

    node.app().vertx().deployVerticle(new NotificationVerticle(node.app().node(),
        new NotificationVerticle.Setup(vx -> PushChannels.none(), Clock.fixed(now, ZoneOffset.UTC)))).await();

    List<String> left = new ArrayList<>();
    try (Connection c = node.database().connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT title FROM notifications WHERE title IN ('old', 'recent')")) {
      while (rs.next()) {
        left.add(rs.getString(1));
      }
    }
    assertThat(left).containsExactly("recent");
    try (Connection c = node.database().connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM notification_deliveries WHERE channel = 'apns'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
    assertThat(Duration.between(Instant.parse("2026-03-04T12:00:00Z"), now).toDays()).isEqualTo(89);
  }
}
