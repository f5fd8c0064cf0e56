package com.jobswipe.notification;

import com.jobswipe.notification.push.PushChannels;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two notification nodes drain one outbox: every one of 1,000 application events (each heard by both nodes)
 * becomes one notification, one email (counted by a real SMTP server) and one push per device (counted by each
 * node's provider), and both nodes did part of the sending.
 */
class NotificationClusterTest {

  private static final int EVENTS = 1_000;

  private static final ScriptedPush APNS_A = new ScriptedPush("apns-a");
  private static final ScriptedPush APNS_B = new ScriptedPush("apns-b");

  private static GreenMail smtp;
  private static Vertx vertx;
  private static RunningNode node;
  private static DeliveryWatch watch;

  @BeforeAll
  static void start() throws Exception {
    int port = FreePorts.next();
    smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API), Map.of(
        "SMTP_URL", "smtp://127.0.0.1:" + port + "?starttls=disabled",
        "JOBSWIPE_NOTIFY_BACKOFF_SECONDS", "1",
        "JOBSWIPE_NOTIFY_BACKOFF_MAX_SECONDS", "2"));
    watch = DeliveryWatch.on(node.database());
    node.app().vertx().deployVerticle(new NotificationVerticle(TestNodes.withId(node.app().node(), "notify-a"),
        NotificationVerticle.Setup.with(vx -> new PushChannels(Optional.of(APNS_A), Optional.empty())))).await();
    node.app().vertx().deployVerticle(new NotificationVerticle(TestNodes.withId(node.app().node(), "notify-b"),
        NotificationVerticle.Setup.with(vx -> new PushChannels(Optional.of(APNS_B), Optional.empty())))).await();
  }

  @AfterAll
  static void stop() throws Exception {
    watch.close();
    node.close();
    smtp.stop();
    vertx.close().await();
  }

  @Test
  void twoNodesDeliverEachNotificationExactlyOncePerChannel() throws Exception {
    Api api = new Api(vertx, node.port());
    HttpResponse<Buffer> registered = api.post("/v1/auth/register", new JsonObject()
        .put("email", "busy.applicant@example.com").put("password", "correct battery horse staple 7"));
    assertThat(registered.statusCode()).isEqualTo(201);
    String userId = registered.bodyAsJsonObject().getJsonObject("user").getString("id");
    String access = registered.bodyAsJsonObject().getString("accessToken");
    String phone = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    assertThat(api.post("/v1/devices", new JsonObject().put("platform", "ios").put("token", phone), access)
        .statusCode()).isEqualTo(201);

    for (int i = 0; i < EVENTS; i++) {
      Bus.APPLICATION_EVENTS.publish(node.app().vertx().eventBus(), new ApplicationEvent(10_000 + i,
          UUID.randomUUID().toString(), userId, "SUBMITTED", "submit", "ok", Instant.now().toString(),
          new JsonObject()));
    }

    for (int sent = 0; sent < EVENTS; sent++) {
      watch.await(o -> o.channel().equals("apns") && o.status().equals("sent"), Duration.ofSeconds(60));
    }
    assertThat(smtp.waitForIncomingEmail(120_000, EVENTS + 1)).isTrue();

    List<ScriptedPush.Sent> pushes = Stream.concat(APNS_A.sentTo(phone).stream(), APNS_B.sentTo(phone).stream())
        .toList();
    assertThat(pushes).hasSize(EVENTS);
    assertThat(pushes.stream().map(p -> p.message().collapseId()).distinct().count()).isEqualTo(EVENTS);
    assertThat(APNS_A.sentTo(phone)).as("node a sent some").isNotEmpty();
    assertThat(APNS_B.sentTo(phone)).as("node b sent some").isNotEmpty();

    MimeMessage[] mails = smtp.getReceivedMessages();
    Set<String> messageIds = new HashSet<>();
    for (MimeMessage mail : mails) {
      messageIds.add(mail.getMessageID());
    }
    assertThat(mails).hasSize(EVENTS + 1);
    assertThat(messageIds).hasSize(EVENTS + 1);

    Map<String, Integer> byStatus = new HashMap<>();
    try (Connection c = node.database().connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT d.channel || ' ' || d.status, count(*) FROM notification_deliveries d"
             + " GROUP BY 1")) {
      while (rs.next()) {
        byStatus.put(rs.getString(1), rs.getInt(2));
      }
    }
    assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(Map.of("email sent", EVENTS + 1, "apns sent", EVENTS));
  }
}
