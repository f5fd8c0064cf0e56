package com.jobswipe.notification.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPayloadBuilder;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import com.jobswipe.config.ConfigException;
import com.jobswipe.config.PushConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * APNs over HTTP/2 with token authentication (a {@code .p8} key), through Pushy.
 *
 * <p>Pushy runs on its own Netty event loop, one thread owned by this channel: Pushy 0.15 picks its socket
 * classes by the event loop group's class name and knows only {@code NioEventLoopGroup} and its epoll and
 * kqueue siblings, not the {@code MultiThreadIoEventLoopGroup} Vert.x 5 runs on, so the Vert.x loops cannot be
 * lent to it. Owning the group also lets {@link #close()} stop it without Netty's default two-second quiet
 * period. Pushy's answers arrive on that thread; {@link #send} hands them back to the caller's context.
 */
public final class ApnsChannel implements PushChannel {

  /** Where to connect and which certificates to trust; {@code trusted} empty means the JDK's roots. */
  record Server(String host, int port, Optional<X509Certificate[]> trusted) {

    static Server of(PushConfig.Apns config) {
      return new Server(config.production() ? ApnsClientBuilder.PRODUCTION_APNS_HOST
          : ApnsClientBuilder.DEVELOPMENT_APNS_HOST, ApnsClientBuilder.DEFAULT_APNS_PORT, Optional.empty());
    }
  }

  /** APNs keeps an undelivered notification for an offline device this long, then drops it. */
  static final Duration EXPIRY = Duration.ofDays(1);
  /**
   * APNs sends no Retry-After. 429 means too many pushes to one device token (or provider token updates):
   * hammering it again soon only prolongs the throttling. 5xx and a lost connection are usually brief.
   */
  static final Duration THROTTLED_BACKOFF = Duration.ofMinutes(1);
  static final Duration UNAVAILABLE_BACKOFF = Duration.ofSeconds(10);
  /** Pushy drops the connection on ExpiredProviderToken and signs a fresh token on the next one. */
  static final Duration EXPIRED_TOKEN_BACKOFF = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final String topic;
  private final Clock clock;
  private final EventLoopGroup eventLoop;
  private final ApnsClient client;
  private volatile Future<Void> closed;

  private ApnsChannel(Vertx vertx, String topic, Clock clock, EventLoopGroup eventLoop, ApnsClient client) {
    this.vertx = vertx;
    this.topic = topic;
    this.clock = clock;
    this.eventLoop = eventLoop;
    this.client = client;
  }

  /** Connects lazily to Apple's production or sandbox gateway. Reads the key file: call at start. */
  public static ApnsChannel create(Vertx vertx, PushConfig.Apns config) {
    return create(vertx, config, Server.of(config), Clock.systemUTC());
  }

  @SuppressWarnings("deprecation") // NioEventLoopGroup: the only group type Pushy 0.15 accepts, see the class doc
  static ApnsChannel create(Vertx vertx, PushConfig.Apns config, Server server, Clock clock) {
    ApnsSigningKey key;
    try {
      key = ApnsSigningKey.loadFromPkcs8File(config.keyFile().toFile(), config.teamId(), config.keyId());
    } catch (IOException | GeneralSecurityException e) {
      throw new ConfigException(PushConfig.APNS_KEY_FILE, config.keyFile() + " is not an APNs .p8 key ("
          + e.getMessage() + ")");
    }
    EventLoopGroup eventLoop = new NioEventLoopGroup(1, new DefaultThreadFactory("jobswipe-apns", true));
    ApnsClientBuilder builder = new ApnsClientBuilder()
        .setApnsServer(server.host(), server.port())
        .setSigningKey(key)
        .setEventLoopGroup(eventLoop)
        .setConnectionTimeout(Duration.ofSeconds(10))
        .setGracefulShutdownTimeout(Duration.ofSeconds(5));
    server.trusted().ifPresent(builder::setTrustedServerCertificateChain);
    try {
      return new ApnsChannel(vertx, config.topic(), clock, eventLoop, builder.build());
    } catch (SSLException e) {
      eventLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw new IllegalStateException("cannot set up TLS for APNs", e);
    }
  }

  @Override
  public Future<PushOutcome> send(String deviceToken, PushMessage message) {
    Context caller = vertx.getOrCreateContext();
    if (closed != null) {
      return Future.succeededFuture(new PushOutcome.Retry(Duration.ZERO, "APNs channel closed"));
    }
    if (deviceToken == null || message == null) {
      return Future.failedFuture(new NullPointerException("deviceToken and message are required"));
    }
    SimpleApnsPushNotification notification = new SimpleApnsPushNotification(deviceToken, topic, payload(message),
        clock.instant().plus(EXPIRY), message.urgent() ? DeliveryPriority.IMMEDIATE : DeliveryPriority.CONSERVE_POWER,
        PushType.ALERT, message.collapseId());
    CompletableFuture<PushOutcome> outcome = client.sendNotification(notification)
        .handle((response, failure) -> failure == null ? outcome(response)
            : new PushOutcome.Retry(UNAVAILABLE_BACKOFF, "APNs not reached: " + failure));
    return Future.fromCompletionStage(outcome, caller);
  }

  @Override
  public synchronized Future<Void> close() {
    if (closed == null) {
      Context caller = vertx.getOrCreateContext();
      CompletableFuture<Void> stopped = client.close()
          .thenCompose(done -> {
            CompletableFuture<Void> loopStopped = new CompletableFuture<>();
            eventLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).addListener(f -> loopStopped.complete(null));
            return loopStopped;
          });
      closed = Future.fromCompletionStage(stopped, caller);
    }
    return closed;
  }

  /** The alert, plus what the app needs to route a tap: the kind, the deep link and the data. */
  static String payload(PushMessage message) {
    SimpleApnsPayloadBuilder payload = new SimpleApnsPayloadBuilder();
    payload.setAlertTitle(message.title())
        .setAlertBody(message.body())
        .setThreadId(message.kind())
        .addCustomProperty("kind", message.kind());
    if (message.urgent()) {
      payload.setSound(SimpleApnsPayloadBuilder.DEFAULT_SOUND_FILENAME);
    }
    if (message.deepLink() != null) {
      payload.addCustomProperty("deepLink", message.deepLink());
    }
    if (!message.data().isEmpty()) {
      payload.addCustomProperty("data", message.data());
    }
    return payload.build();
  }

  static PushOutcome outcome(PushNotificationResponse<?> response) {
    return outcome(response.isAccepted(), response.getStatusCode(), response.getRejectionReason(),
        String.valueOf(response.getApnsId()));
  }

  /** Apple's status codes and reasons, as listed in "Handling notification responses from APNs". */
  static PushOutcome outcome(boolean accepted, int status, Optional<String> rejection, String apnsId) {
    if (accepted) {
      return new PushOutcome.Sent(apnsId);
    }
    String reason = rejection.orElse("no reason given") + " (" + status + ")";
    String code = rejection.orElse("");
    if (status == 410 || code.equals("Unregistered")) {
      return new PushOutcome.Gone(reason);
    }
    if (status == 400 && (code.equals("BadDeviceToken") || code.equals("DeviceTokenNotForTopic"))) {
      return new PushOutcome.Gone(reason);
    }
    if (status == 403 && code.equals("ExpiredProviderToken")) {
      return new PushOutcome.Retry(EXPIRED_TOKEN_BACKOFF, reason);
    }
    if (status == 429) {
      return new PushOutcome.Retry(THROTTLED_BACKOFF, reason);
    }
    if (status >= 500) {
      return new PushOutcome.Retry(UNAVAILABLE_BACKOFF, reason);
    }
    return new PushOutcome.Failed(reason);
  }
}
