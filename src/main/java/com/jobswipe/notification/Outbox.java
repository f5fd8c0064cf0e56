package com.jobswipe.notification;

import com.jobswipe.bus.NotificationKind;
import com.jobswipe.bus.NotificationKind.Channel;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.notification.push.PushChannel;
import com.jobswipe.notification.push.PushChannels;
import com.jobswipe.notification.push.PushMessage;
import com.jobswipe.notification.push.PushOutcome;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The sending side of the outbox: claims due deliveries (any number of nodes at once, each row to one of them),
 * sends each on its channel and records the outcome. A failure is tried again after {@link Backoff} until
 * {@code maxAttempts}, then ends failed with the provider's reason. Before sending, the row is read afresh: an
 * erased user or a channel turned off meanwhile ends it skipped, and nothing goes out.
 */
final class Outbox {

  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
  private static final int BATCH = 32;
  /** APNs shows about this much of a body; FCM similar. The inbox keeps the whole text. */
  private static final int PUSH_BODY = 178;

  /** How a run of the outbox is set up. */
  record Settings(String node, int maxAttempts, Backoff backoff, Duration lease) {
  }

  private final NotificationStore store;
  private final DataKeyRing keys;
  private final EmailChannel email;
  private final PushChannels push;
  private final DeliveryMetrics metrics;
  private final Settings settings;
  private final Clock clock;
  private boolean draining;
  private boolean again;
  /** Deliveries this node is sending now; their leases are renewed until each ends (see {@link #renewLeases}). */
  private final Set<UUID> inFlight = new HashSet<>();

  Outbox(NotificationStore store, DataKeyRing keys, EmailChannel email, PushChannels push, DeliveryMetrics metrics,
         Settings settings, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.email = email;
    this.push = push;
    this.metrics = metrics;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Sends everything due, batch after batch, until a claim comes back short, and answers how many deliveries it
   * handled. Called by a timer and whenever new deliveries were queued on this node; a call while a run is going
   * makes the run go round once more (and answers 0 itself).
   */
  Future<Integer> drain() {
    if (draining) {
      again = true;
      return Future.succeededFuture(0);
    }
    draining = true;
    again = false;
    return round(0).transform(done -> {
      draining = false;
      int handled = done.succeeded() ? done.result() : 0;
      if (done.failed()) {
        LOG.warn("outbox run failed (the next one retries): {}", done.cause().toString());
      }
      return again ? drain().map(more -> handled + more) : Future.succeededFuture(handled);
    });
  }

  private Future<Integer> round(int handled) {
    return store.claim(settings.node(), BATCH, settings.lease()).compose(rows -> {
      if (rows.isEmpty()) {
        return Future.succeededFuture(handled);
      }
      return Future.join(rows.stream().map(this::deliver).toList())
          .transform(done -> rows.size() < BATCH ? Future.succeededFuture(handled + rows.size())
              : round(handled + rows.size()));
    });
  }

  /**
   * Keeps the leases of what this node is still sending (call every third of a lease): a send queued behind others
   * must not lapse and be sent again by another node. Only a node that died lets its leases run out, so a delivery
   * repeats only when its holder died between the provider's accept and the commit.
   */
  Future<Integer> renewLeases() {
    if (inFlight.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return store.renew(settings.node(), List.copyOf(inFlight), settings.lease());
  }

  private Future<Void> deliver(Row row) {
    UUID id = row.getUUID("id");
    inFlight.add(id);
    return send(id, row).onComplete(done -> inFlight.remove(id));
  }

  private Future<Void> send(UUID id, Row row) {
    String channel = row.getString("channel");
    Optional<NotificationKind> kind = NotificationKind.of(row.getString("kind"));
    if (row.getBoolean("erased")) {
      return end(id, channel, "skipped", null, "the account was erased");
    }
    Channel choice = "email".equals(channel) ? Channel.EMAIL : Channel.PUSH;
    if (kind.isPresent() && !kind.get().enabled(choice, Optional.ofNullable(row.getBoolean("enabled")))) {
      return end(id, channel, "skipped", null, "turned off by the user");
    }
    Future<Void> sent;
    try {
      sent = "email".equals(channel) ? sendEmail(id, row) : sendPush(id, channel, row, kind);
    } catch (RuntimeException e) {
      // A message that cannot be opened (its key was removed from the ring) must not stop the rest of the batch.
      sent = Future.failedFuture(e);
    }
    return sent.recover(e -> {
      LOG.warn("delivery {} on {} failed unexpectedly: {}", id, channel, e.toString());
      return retryOrFail(id, channel, row, Duration.ZERO, String.valueOf(e.getMessage()));
    });
  }

  private Future<Void> sendEmail(UUID id, Row row) {
    if (row.getBuffer("message_enc") == null) {
      return end(id, "email", "failed", null, "the sealed message is missing");
    }
    OutgoingEmail message = OutgoingEmail.fromJson(new JsonObject(keys.decryptString(
        row.getBuffer("message_enc").getBytes(), EncryptedColumn.DELIVERY_MESSAGE.context(id))));
    return email.send(id, message).transform(result -> {
      if (result.succeeded()) {
        metrics.latency("email", since(row));
        return end(id, "email", "sent", result.result(), null);
      }
      String reason = String.valueOf(result.cause().getMessage());
      return email.retryable(result.cause())
          ? retryOrFail(id, "email", row, Duration.ZERO, reason)
          : end(id, "email", "failed", null, reason);
    });
  }

  private Future<Void> sendPush(UUID id, String channel, Row row, Optional<NotificationKind> kind) {
    UUID device = row.getUUID("device_token_id");
    if (device == null || row.getString("token") == null || Boolean.TRUE.equals(row.getBoolean("device_gone"))) {
      return end(id, channel, "skipped", null, "the device was removed");
    }
    Optional<PushChannel> provider = push.forChannel(channel);
    if (provider.isEmpty()) {
      return end(id, channel, "skipped", null, channel + " is not configured");
    }
    PushMessage message = pushMessage(row, kind);
    return provider.get().send(row.getString("token"), message).compose(outcome -> {
      if (outcome instanceof PushOutcome.Sent sent) {
        metrics.latency(channel, since(row));
        return end(id, channel, "sent", sent.providerId(), null);
      }
      if (outcome instanceof PushOutcome.Retry retry) {
        return retryOrFail(id, channel, row, retry.after(), retry.reason());
      }
      if (outcome instanceof PushOutcome.Gone gone) {
        return store.revokeDevice(device).compose(v -> end(id, channel, "failed", "gone", null, "device gone: " + gone.reason()));
      }
      return end(id, channel, "failed", null, ((PushOutcome.Failed) outcome).reason());
    });
  }

  private static PushMessage pushMessage(Row row, Optional<NotificationKind> kind) {
    JsonObject data = Optional.ofNullable(row.getJsonObject("data")).orElseGet(JsonObject::new);
    Map<String, String> fields = new HashMap<>();
    String notificationId = row.getUUID("notification_id").toString();
    fields.put("notificationId", notificationId);
    data.forEach(entry -> {
      if (entry.getValue() instanceof String value) {
        fields.put(entry.getKey(), value);
      }
    });
    String body = Optional.ofNullable(row.getString("body")).orElse("");
    if (body.length() > PUSH_BODY) {
      body = body.substring(0, PUSH_BODY - 1) + "…";
    }
    return new PushMessage(notificationId, row.getString("kind"), row.getString("title"), body,
        data.getString("deepLink", "jobswipe://notifications/" + notificationId),
        kind.map(NotificationKind::urgent).orElse(false), Map.copyOf(fields));
  }

  private Future<Void> retryOrFail(UUID id, String channel, Row row, Duration floor, String reason) {
    int attempts = row.getInteger("attempts");
    if (attempts >= settings.maxAttempts()) {
      return end(id, channel, "failed", null, "gave up after " + attempts + " attempts: " + reason);
    }
    Instant due = clock.instant().plus(settings.backoff().next(attempts, ThreadLocalRandom.current().nextDouble(),
        floor));
    metrics.delivered(channel, "retry");
    return store.retry(id, settings.node(), due, reason).map(kept -> {
      if (!kept) {
        LOG.info("delivery {}: lease lost before the retry was recorded", id);
      }
      return null;
    });
  }

  private Future<Void> end(UUID id, String channel, String status, String providerId, String reason) {
    return end(id, channel, status, status, providerId, reason);
  }

  /** {@code outcome} is the metric's word: a dead device ends failed in the table and "gone" in the metrics. */
  private Future<Void> end(UUID id, String channel, String status, String outcome, String providerId, String reason) {
    metrics.delivered(channel, outcome);
    return store.finish(id, settings.node(), status, providerId, reason).map(kept -> {
      if (!kept) {
        // Another node took the row after our lease ran out; it sends too, and the provider's id dedupes it.
        LOG.info("delivery {} ended {} after its lease was lost", id, status);
      }
      return null;
    });
  }

  private Duration since(Row row) {
    return Duration.between(row.getOffsetDateTime("created_at").toInstant(), clock.instant());
  }
}
