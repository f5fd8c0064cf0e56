package com.jobswipe.notification;

import com.jobswipe.notification.push.PushChannels;
import com.jobswipe.bus.Accepted;
import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.EmailRequest;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.bus.NotificationEvent;
import com.jobswipe.bus.NotificationKind;
import com.jobswipe.bus.Role;
import com.jobswipe.config.MailConfig;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.db.Pools;
import com.jobswipe.config.NodeContext;
import com.jobswipe.config.PushConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The notification role. It hears what happens (application status changes, account mail requests), decides what
 * to tell whom, writes the inbox row and its outbox rows in one transaction, tells the api instances (for open
 * sockets), and drains the outbox: email over SMTP (or into {@code <dataDir>/outbox/} without a relay), pushes
 * through APNs and FCM. Any number of nodes may run it; the dedupe key and the outbox's row claims keep each
 * notification and each delivery single.
 */
public final class NotificationVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationVerticle.class);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration QUEUE_SAMPLE = Duration.ofSeconds(10);
  private static final Duration RETENTION_SWEEP = Duration.ofHours(1);
  /**
   * Application events handled at once. A burst (a thousand events in a second) would otherwise open a
   * transaction each and overrun the pool's wait queue, and an event refused there is lost: the bus delivers once.
   */
  private static final int EVENT_CONCURRENCY = 4;
  /** Beyond this many waiting events the newest are dropped and logged: memory is bounded whatever the burst. */
  private static final int EVENT_BACKLOG = 50_000;

  /** Account mail templates the auth feature asks for, and the kind each becomes. */
  private static final Map<String, NotificationKind> ACCOUNT_MAIL = Map.of(
      "verify-email", NotificationKind.ACCOUNT_VERIFY_EMAIL,
      "reset-password", NotificationKind.ACCOUNT_RESET_PASSWORD,
      "password-changed", NotificationKind.ACCOUNT_PASSWORD_CHANGED,
      "new-sign-in", NotificationKind.ACCOUNT_NEW_SIGN_IN,
      "mfa-changed", NotificationKind.ACCOUNT_MFA_CHANGED);

  private final NodeContext node;
  private final DataKeyRing keys;
  private final Function<Vertx, PushChannels> pushFactory;
  private final Clock clock;
  private NotificationStore store;
  private Templates templates;
  private Notifier notifier;
  private Outbox outbox;
  private EmailChannel email;
  private PushChannels push = PushChannels.none();
  private DeliveryMetrics metrics;
  private final Deque<ApplicationEvent> waitingEvents = new ArrayDeque<>();
  private int eventsInFlight;

  /**
   * What the notification role takes besides the node: how to build its push providers once Vert.x is there
   * (they hold HTTP/2 clients; building them reads key files, so it runs on a worker thread), and its clock.
   */
  public record Setup(Function<Vertx, PushChannels> pushFactory, Clock clock) {

    /** The providers configured (APNs token auth, FCM HTTP v1); an unconfigured one leaves its deliveries skipped. */
    public static Setup from(PushConfig push) {
      return new Setup(vx -> PushChannels.fromConfig(vx, push), Clock.systemUTC());
    }

    public static Setup with(Function<Vertx, PushChannels> pushFactory) {
      return new Setup(pushFactory, Clock.systemUTC());
    }
  }

  public NotificationVerticle(NodeContext node, Setup setup) {
    this.node = node;
    this.keys = node.dataKeys();
    this.pushFactory = setup.pushFactory();
    this.clock = setup.clock();
  }

  @Override
  public Future<?> start() {
    MailConfig mail = node.config().mail();
    store = new NotificationStore(Pools.shared(vertx, node.database(), "notification", node.config().database().pools().notification()));
    templates = new Templates(node.config().auth().publicUrl());
    // Building the push channels reads their key files: off the event loop.
    return vertx.executeBlocking(() -> pushFactory.apply(vertx)).compose(channels -> {
      push = channels;
      email = mail.smtp().<EmailChannel>map(smtp -> new SmtpEmail(vertx, smtp, mail.from()))
          .orElseGet(() -> new FileEmail(vertx, node.config().dataDir().resolve("outbox"), mail.from()));
      LOG.info("email goes {}", mail.smtp().map(smtp -> "through " + smtp)
          .orElse("to files in " + node.config().dataDir().resolve("outbox") + " (no SMTP_URL)"));
      metrics = new DeliveryMetrics(node.metrics());
      notifier = new Notifier(store, keys, push, clock);
      outbox = new Outbox(store, keys, email, push, metrics, new Outbox.Settings(node.nodeId(), mail.maxAttempts(),
          new Backoff(mail.backoffBase(), mail.backoffMax()), mail.lease()), clock);

      Digests digests = new Digests(store, notifier, templates, vertx.eventBus(), new Digests.Settings(node.nodeId(),
          mail.digest().size(), mail.digest().minScore(), mail.lease()), clock, this::announce);

      // The queue gauges hold a value from the start, before this node has sent anything.
      return sampleQueue().compose(sampled -> {
        vertx.setPeriodic(POLL.toMillis(), id -> drain());
        vertx.setPeriodic(Math.max(1_000, mail.lease().toMillis() / 3), id -> outbox.renewLeases()
            .onFailure(e -> LOG.warn("renewing delivery leases failed: {}", e.toString())));
        vertx.setPeriodic(mail.digest().checkEvery().toMillis(), id -> digests.run());
        vertx.setPeriodic(QUEUE_SAMPLE.toMillis(), id -> sampleQueue());
        vertx.setPeriodic(RETENTION_SWEEP.toMillis(), id -> expire(mail.retention()));
        return Future.join(
            Bus.answerPings(vertx.eventBus(), Role.NOTIFICATION, node.nodeId(), this::status).completion(),
            Bus.EMAIL.serve(vertx.eventBus(), this::accountMail).completion(),
            Bus.APPLICATION_EVENTS.subscribe(vertx.eventBus(), this::applicationEvent).completion(),
            // The first sweep runs before the role reports ready, so a node restarted daily still sweeps.
            expire(mail.retention()));
      });
    });
  }

  @Override
  public Future<?> stop() {
    return Future.join(email.close(), push.close());
  }

  private JsonObject status() {
    JsonArray channels = new JsonArray().add("inbox").add("websocket").add("email");
    push.apns().ifPresent(p -> channels.add("apns"));
    push.fcm().ifPresent(p -> channels.add("fcm"));
    return new JsonObject().put("channels", channels);
  }

  private Future<Accepted> accountMail(EmailRequest request) {
    NotificationKind kind = ACCOUNT_MAIL.get(request.template());
    if (kind == null) {
      return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST, "unknown template " + request.template()));
    }
    String dedupe = "account:" + request.template() + ":"
        + Optional.ofNullable(request.params().getString("messageId")).orElseGet(() -> UUID.randomUUID().toString());
    Templates.Rendered rendered = templates.account(kind, request.to(), request.params());
    return notifier.create(new Notifier.Draft(request.userId(), kind, dedupe, rendered, Optional.of(request.to()),
            Optional.empty()))
        .compose(created -> created.isEmpty()
            ? Future.failedFuture(new BusFailure(FailureCode.NOT_FOUND, "no such account, or already sent"))
            : Future.succeededFuture(announce(created.get())))
        .map(created -> new Accepted(created.id().toString()));
  }

  /** Queues an event worth telling; they are handled {@link #EVENT_CONCURRENCY} at a time, in arrival order. */
  private void applicationEvent(ApplicationEvent event) {
    if (ApplicationRules.kindOf(event).isEmpty()) {
      return;
    }
    if (waitingEvents.size() >= EVENT_BACKLOG) {
      LOG.warn("application event {} dropped: {} events already wait", event.eventId(), waitingEvents.size());
      return;
    }
    waitingEvents.add(event);
    nextEvents();
  }

  private void nextEvents() {
    while (eventsInFlight < EVENT_CONCURRENCY && !waitingEvents.isEmpty()) {
      eventsInFlight++;
      notifyAbout(waitingEvents.poll()).onComplete(done -> {
        eventsInFlight--;
        nextEvents();
      });
    }
  }

  private Future<Void> notifyAbout(ApplicationEvent event) {
    Optional<NotificationKind> kind = ApplicationRules.kindOf(event);
    UUID userId;
    UUID applicationId;
    try {
      userId = UUID.fromString(event.userId());
      applicationId = UUID.fromString(event.applicationId());
    } catch (IllegalArgumentException | NullPointerException e) {
      LOG.warn("application event {} names no valid user or application; ignored", event.eventId());
      return Future.succeededFuture();
    }
    return store.jobOf(applicationId, userId)
        .compose(job -> notifier.create(new Notifier.Draft(userId, kind.get(), ApplicationRules.dedupeKey(event),
            templates.application(kind.get(), applicationId.toString(), job.orElse("a job"), Optional.empty()),
            Optional.empty(), Optional.of(templates.preferencesLink()))))
        .onSuccess(created -> created.ifPresent(this::announce))
        .onFailure(e -> LOG.warn("notification for application event {} not created: {}", event.eventId(),
            e.toString()))
        .<Void>mapEmpty();
  }

  /** After commit: the user's open sockets hear of it, and this node sends what it queued without waiting. */
  private Notifier.Created announce(Notifier.Created created) {
    Notifier.Draft draft = created.draft();
    Bus.NOTIFICATIONS.publish(vertx.eventBus(), new NotificationEvent(created.seq(), created.id().toString(),
        draft.userId().toString(), draft.kind().wire(), draft.kind().priority().wire(), draft.rendered().title(),
        draft.rendered().body(), draft.rendered().data(), created.createdAt().toString()));
    drain();
    return created;
  }

  /** A run of the outbox; one that sent something samples the queue at once, so the gauges follow the sends. */
  private void drain() {
    outbox.drain().onSuccess(handled -> {
      if (handled > 0) {
        sampleQueue();
      }
    });
  }

  private Future<Void> sampleQueue() {
    return store.queue().onSuccess(metrics::queue)
        .onFailure(e -> LOG.debug("outbox queue not sampled: {}", e.toString()))
        .<Void>mapEmpty().otherwiseEmpty();
  }

  /** Deletes inbox rows past retention (their outbox rows go with them); a failed sweep waits for the next. */
  private Future<Void> expire(Duration retention) {
    return store.expire(clock.instant().minus(retention))
        .onSuccess(n -> {
          if (n > 0) {
            LOG.info("{} notification(s) older than {} days removed", n, retention.toDays());
          }
        })
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("notification retention sweep failed: {}", e.toString());
          return Future.succeededFuture();
        });
  }
}
