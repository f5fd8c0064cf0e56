package com.jobswipe.notification;

import com.jobswipe.bus.Role;
import com.jobswipe.notification.push.PushChannel;
import com.jobswipe.notification.push.PushChannels;
import com.jobswipe.notification.push.PushMessage;
import com.jobswipe.notification.push.PushOutcome;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's metrics as Prometheus reads them from a real node's {@code /metrics}: the queue (due, pending, oldest
 * due age) before anything is sent, then deliveries by channel and outcome, event-to-delivery latency, and the queue
 * after the sends.
 */
class NotificationMetricsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static final GatedPush FCM = new GatedPush();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API), Map.of(
        "JOBSWIPE_DATA_DIR", Path.of("target", "test-data", "metrics-" + UUID.randomUUID()).toString()));
    api = new Api(vertx, node.port());
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  @Test
  void metricsShowTheQueueThenEachDeliveryByChannelOutcomeAndLatency() throws Exception {
    HttpResponse<Buffer> registered = api.post("/v1/auth/register", new JsonObject()
        .put("email", "counted@example.com").put("password", "correct battery horse staple 7"));
    String token = registered.bodyAsJsonObject().getString("accessToken");
    String userId = registered.bodyAsJsonObject().getJsonObject("user").getString("id");
    HttpResponse<Buffer> device = api.post("/v1/devices", new JsonObject().put("platform", "android")
        .put("token", "metrics-" + UUID.randomUUID()), token);
    assertThat(device.statusCode()).isEqualTo(201);
    String deviceId = device.bodyAsJsonObject().getString("id");
    // Two pushes due for 300 s and 100 s (their notifications made then), one held an hour (quiet hours).
    queue(userId, deviceId, "300 seconds", "0 seconds");
    queue(userId, deviceId, "100 seconds", "0 seconds");
    queue(userId, deviceId, "0 seconds", "-3600 seconds");

    node.app().vertx().deployVerticle(new NotificationVerticle(node.app().node(),
        NotificationVerticle.Setup.with(vx -> new PushChannels(Optional.empty(), Optional.of(FCM))))).await();

    // The sends are held by the provider: what /metrics shows is the sample taken at start.
    String before = scrape();
    assertThat(value(before, "jobswipe_notification_queue_due")).isEqualTo(2);
    assertThat(value(before, "jobswipe_notification_queue_pending")).isEqualTo(3);
    assertThat(value(before, "jobswipe_notification_oldest_due_seconds")).isBetween(300.0, 360.0);
    assertThat(value(before, "jobswipe_notification_deliveries_total{channel=\"fcm\",outcome=\"sent\"}")).isZero();

    awaitHeld(2);
    FCM.release();

    String after = awaitScrape(text -> value(text, "jobswipe_notification_queue_pending") == 1
        && value(text, "jobswipe_notification_deliveries_total{channel=\"fcm\",outcome=\"sent\"}") == 2);
    assertThat(value(after, "jobswipe_notification_queue_due")).isZero();
    assertThat(value(after, "jobswipe_notification_oldest_due_seconds")).isZero();
    assertThat(value(after, "jobswipe_notification_deliveries_total{channel=\"fcm\",outcome=\"failed\"}")).isZero();
    assertThat(value(after, "jobswipe_notification_deliveries_total{channel=\"email\",outcome=\"sent\"}")).isZero();
    assertThat(value(after, "jobswipe_notification_delivery_latency_seconds_count{channel=\"fcm\"}")).isEqualTo(2);
    assertThat(value(after, "jobswipe_notification_delivery_latency_seconds_sum{channel=\"fcm\"}"))
        .as("300 s and 100 s old when accepted").isBetween(400.0, 520.0);
    assertThat(value(after, "jobswipe_notification_delivery_latency_seconds_bucket{channel=\"fcm\",le=\"+Inf\"}"))
        .isEqualTo(2);
  }

  /** One notification made {@code age} ago with a pending push to the device, due {@code dueIn} from now. */
  private static void queue(String userId, String deviceId, String age, String dueAgo) throws Exception {
    try (Connection db = node.database().connect(); PreparedStatement insert = db.prepareStatement("""
        WITH n AS (INSERT INTO notifications (user_id, kind, title, body, created_at)
                   VALUES (?, 'application.submitted', 'Application sent', 'Sent.', now() - ?::interval)
                   RETURNING id)
        INSERT INTO notification_deliveries (notification_id, channel, device_token_id, status, next_attempt_at)
        SELECT id, 'fcm', ?, 'pending', now() - ?::interval - ?::interval FROM n""")) {
      insert.setObject(1, UUID.fromString(userId));
      insert.setString(2, age);
      insert.setObject(3, UUID.fromString(deviceId));
      insert.setString(4, age);
      insert.setString(5, dueAgo);
      insert.executeUpdate();
    }
  }

  private static String scrape() {
    HttpResponse<Buffer> response = api.get("/metrics", TestNodes.OPS_TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsString();
  }

  private static String awaitScrape(java.util.function.Predicate<String> wanted) {
    Instant deadline = Instant.now().plus(WAIT);
    String text = scrape();
    while (!wanted.test(text)) {
      assertThat(Instant.now()).as("metrics never showed the sends:\n" + text).isBefore(deadline);
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      text = scrape();
    }
    return text;
  }

  private static void awaitHeld(int sends) {
    Instant deadline = Instant.now().plus(WAIT);
    while (FCM.held.size() < sends) {
      assertThat(Instant.now()).as("the outbox never sent").isBefore(deadline);
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  /** The sample value of one series (exact name and labels as Prometheus prints them). */
  static double value(String exposition, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
    assertThat(m.find()).as(series + " on /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  /** An FCM provider that accepts every push, but only when the test lets it. */
  private static final class GatedPush implements PushChannel {
    /** Each held send with the context it came from: it is answered there, as a real provider's reply would be. */
    private final List<Map.Entry<Context, Promise<PushOutcome>>> held = new CopyOnWriteArrayList<>();
    private volatile boolean open;

    @Override
    public synchronized Future<PushOutcome> send(String deviceToken, PushMessage message) {
      if (open) {
        return Future.succeededFuture(new PushOutcome.Sent("fcm-" + UUID.randomUUID()));
      }
      Promise<PushOutcome> promise = Promise.promise();
      held.add(Map.entry(Vertx.currentContext(), promise));
      return promise.future();
    }

    synchronized void release() {
      open = true;
      held.forEach(h -> h.getKey().runOnContext(v -> h.getValue().complete(new PushOutcome.Sent(
          "fcm-" + UUID.randomUUID()))));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }
}
