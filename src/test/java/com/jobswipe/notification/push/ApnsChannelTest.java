package com.jobswipe.notification.push;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsVerificationKey;
import com.eatthepath.pushy.apns.server.MockApnsServer;
import com.eatthepath.pushy.apns.server.MockApnsServerBuilder;
import com.eatthepath.pushy.apns.server.ParsingMockApnsServerListenerAdapter;
import com.eatthepath.pushy.apns.server.PushNotificationHandler;
import com.eatthepath.pushy.apns.server.PushNotificationHandlerFactory;
import com.eatthepath.pushy.apns.server.RejectedNotificationException;
import com.eatthepath.pushy.apns.server.RejectionReason;
import com.eatthepath.pushy.apns.server.ValidatingPushNotificationHandlerFactory;
import com.jobswipe.config.PushConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ApnsChannel against Pushy's MockApnsServer over TLS with token authentication: the server trusts only our
 * team's verification key, knows which device tokens belong to the app's topic, and validates every request
 * the way APNs does. The client trusts only the test CA and checks the host name.
 */
class ApnsChannelTest {

  private static final String TEAM_ID = "TEAM123456";
  private static final String KEY_ID = "KEY1234567";
  private static final String TOPIC = "com.jobswipe.app";
  private static final String REGISTERED = token('a');
  private static final String EXPIRED = token('e');
  private static final String OTHER_APP = token('0');
  private static final String THROTTLED = token('7');
  private static final String DOWN = token('5');
  private static final Map<String, RejectionReason> SCRIPTED = Map.of(
      THROTTLED, RejectionReason.TOO_MANY_REQUESTS,
      DOWN, RejectionReason.SERVICE_UNAVAILABLE);

  @TempDir
  static Path dir;

  private static Vertx vertx;
  private static EventLoopGroup serverLoop;
  private static MockApnsServer server;
  private static int port;
  private static TestPki pki;
  private static ApnsChannel channel;
  private static final BlockingQueue<ApnsPushNotification> accepted = new LinkedBlockingQueue<>();
  private static final MutableClock clock = new MutableClock(Instant.now());

  @BeforeAll
  @SuppressWarnings("deprecation") // NioEventLoopGroup: what Pushy's server accepts
  static void start() throws Exception {
    vertx = Vertx.vertx();
    pki = TestPki.create();
    KeyPair teamKey = TestPki.ecKeyPair();
    Path p8 = Files.writeString(dir.resolve("AuthKey_" + KEY_ID + ".p8"),
        TestPki.pem("PRIVATE KEY", teamKey.getPrivate().getEncoded()));
    ApnsVerificationKey verificationKey = new ApnsVerificationKey(KEY_ID, TEAM_ID, (ECPublicKey) teamKey.getPublic());

    ValidatingPushNotificationHandlerFactory apple = new ValidatingPushNotificationHandlerFactory(
        Map.of(TOPIC, Set.of(REGISTERED, THROTTLED, DOWN)),
        Map.of(EXPIRED, Instant.now().minus(Duration.ofDays(3))),
        Map.of(KEY_ID, verificationKey),
        Map.of(verificationKey, Set.of(TOPIC)));
    serverLoop = new NioEventLoopGroup(1);
    server = new MockApnsServerBuilder()
        .setServerCredentials(pki.serverChain(), pki.serverKey(), null)
        .setHandlerFactory(scripted(apple))
        .setListener(new ParsingMockApnsServerListenerAdapter() {
          @Override
          public void handlePushNotificationAccepted(ApnsPushNotification notification) {
            accepted.add(notification);
          }

          @Override
          public void handlePushNotificationRejected(ApnsPushNotification notification, RejectionReason reason,
              Instant expiredAt) {
          }
        })
        .setEventLoopGroup(serverLoop)
        .build();
    port = server.start(0).get(10, TimeUnit.SECONDS);
    channel = connect(new PushConfig.Apns(p8, KEY_ID, TEAM_ID, TOPIC, false));
  }

  @AfterAll
  static void stop() throws Exception {
    channel.close().await();
    server.shutdown().get(10, TimeUnit.SECONDS);
    serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    vertx.close().await();
  }

  @Test
  void aRegisteredDeviceGetsTheAlertWithItsCollapseIdPriorityAndDeepLink() throws Exception {
    accepted.clear();
    PushOutcome outcome = channel.send(REGISTERED, message("application-42-needs-human", true)).await();

    assertThat(outcome).isInstanceOf(PushOutcome.Sent.class);
    String apnsId = ((PushOutcome.Sent) outcome).providerId();
    ApnsPushNotification seen = accepted.poll(5, TimeUnit.SECONDS);
    assertThat(seen).isNotNull();
    assertThat(seen.getToken()).isEqualTo(REGISTERED);
    assertThat(seen.getTopic()).isEqualTo(TOPIC);
    assertThat(seen.getCollapseId()).isEqualTo("application-42-needs-human");
    assertThat(seen.getPriority()).isEqualTo(DeliveryPriority.IMMEDIATE);
    assertThat(seen.getPushType()).isEqualTo(PushType.ALERT);
    assertThat(UUID.fromString(apnsId)).as("the apns-id APNs assigned").isNotNull();
    JsonObject payload = new JsonObject(seen.getPayload());
    assertThat(payload.getJsonObject("aps").getJsonObject("alert").getMap())
        .containsEntry("title", "Acme needs you").containsEntry("body", "Answer two questions to finish applying");
    assertThat(payload.getJsonObject("aps").getString("sound")).isEqualTo("default");
    assertThat(payload.getString("kind")).isEqualTo("application.needs_human");
    assertThat(payload.getString("deepLink")).isEqualTo("jobswipe://applications/42");
    assertThat(payload.getJsonObject("data").getString("applicationId")).isEqualTo("42");

    assertThat(channel.send(REGISTERED, message("digest-2026-12-03", false)).await())
        .isInstanceOf(PushOutcome.Sent.class);
    ApnsPushNotification quiet = accepted.poll(5, TimeUnit.SECONDS);
    assertThat(quiet.getCollapseId()).isEqualTo("digest-2026-12-03");
    assertThat(quiet.getPriority()).isEqualTo(DeliveryPriority.CONSERVE_POWER);
    assertThat(new JsonObject(quiet.getPayload()).getJsonObject("aps").containsKey("sound")).isFalse();
  }

  @Test
  void theAnswerArrivesOnTheCallersContextNotPushysThread() {
    Context caller = vertx.getOrCreateContext();
    Promise<Context> answeredOn = Promise.promise();
    caller.runOnContext(v -> channel.send(REGISTERED, message("context-check", false))
        .onComplete(result -> answeredOn.complete(Vertx.currentContext())));

    assertThat(answeredOn.future().await()).isSameAs(caller);
  }

  @Test
  void anUnregisteredDeviceIsGone() {
    assertThat(channel.send(EXPIRED, message("c1", true)).await())
        .isEqualTo(new PushOutcome.Gone("Unregistered (410)"));
  }

  @Test
  void aTokenOfAnotherAppOrAMalformedTokenIsGone() {
    assertThat(channel.send(OTHER_APP, message("c2", true)).await())
        .isEqualTo(new PushOutcome.Gone("DeviceTokenNotForTopic (400)"));
    assertThat(channel.send("not-a-device-token", message("c3", true)).await())
        .isEqualTo(new PushOutcome.Gone("BadDeviceToken (400)"));
  }

  @Test
  void throttlingAndOutagesAreRetriedLater() {
    assertThat(channel.send(THROTTLED, message("c4", true)).await())
        .isEqualTo(new PushOutcome.Retry(ApnsChannel.THROTTLED_BACKOFF, "TooManyRequests (429)"));
    assertThat(channel.send(DOWN, message("c5", true)).await())
        .isEqualTo(new PushOutcome.Retry(ApnsChannel.UNAVAILABLE_BACKOFF, "ServiceUnavailable (503)"));
  }

  @Test
  void aPayloadOverAppleLimitFailsForGood() {
    PushMessage huge = new PushMessage("c6", "digest", "New matches", "x".repeat(5000), null, false, Map.of());

    assertThat(channel.send(REGISTERED, huge).await()).isEqualTo(new PushOutcome.Failed("PayloadTooLarge (413)"));
  }

  @Test
  void aKeyApnsDoesNotKnowFailsForGood() throws Exception {
    KeyPair stranger = TestPki.ecKeyPair();
    Path p8 = Files.writeString(dir.resolve("AuthKey_STRANGER00.p8"),
        TestPki.pem("PRIVATE KEY", stranger.getPrivate().getEncoded()));
    ApnsChannel unknown = connect(new PushConfig.Apns(p8, "STRANGER00", TEAM_ID, TOPIC, false));
    try {
      assertThat(unknown.send(REGISTERED, message("c7", true)).await())
          .isEqualTo(new PushOutcome.Failed("InvalidProviderToken (403)"));
    } finally {
      unknown.close().await();
    }
  }

  @Test
  void aClosedChannelAsksForARetryElsewhere() throws Exception {
    KeyPair any = TestPki.ecKeyPair();
    Path p8 = Files.writeString(dir.resolve("AuthKey_CLOSED0000.p8"),
        TestPki.pem("PRIVATE KEY", any.getPrivate().getEncoded()));
    ApnsChannel closing = connect(new PushConfig.Apns(p8, "CLOSED0000", TEAM_ID, TOPIC, false));
    closing.close().await();

    assertThat(closing.send(REGISTERED, message("c8", true)).await())
        .isEqualTo(new PushOutcome.Retry(Duration.ZERO, "APNs channel closed"));
  }

  @Test
  void apnsAnswersMapToOutcomes() {
    assertThat(ApnsChannel.outcome(false, 403, Optional.of("ExpiredProviderToken"), "id"))
        .isEqualTo(new PushOutcome.Retry(ApnsChannel.EXPIRED_TOKEN_BACKOFF, "ExpiredProviderToken (403)"));
    assertThat(ApnsChannel.outcome(false, 500, Optional.of("InternalServerError"), "id"))
        .isInstanceOf(PushOutcome.Retry.class);
    assertThat(ApnsChannel.outcome(false, 400, Optional.of("BadCollapseId"), "id"))
        .isEqualTo(new PushOutcome.Failed("BadCollapseId (400)"));
    assertThat(ApnsChannel.outcome(false, 410, Optional.empty(), "id"))
        .isEqualTo(new PushOutcome.Gone("no reason given (410)"));
  }

  @Test
  void aCollapseIdApnsWouldRefuseIsRefusedWhenTheMessageIsMade() {
    assertThatThrownBy(() -> new PushMessage("é".repeat(33), "k", "t", "b", null, false, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new PushMessage("x".repeat(64), "k", "t", "b", null, false, null).data()).isEmpty();
  }

  private static ApnsChannel connect(PushConfig.Apns config) {
    return ApnsChannel.create(vertx, config,
        new ApnsChannel.Server("localhost", port, Optional.of(new X509Certificate[] {pki.ca()})), clock);
  }

  private static PushMessage message(String collapseId, boolean urgent) {
    return new PushMessage(collapseId, "application.needs_human", "Acme needs you",
        "Answer two questions to finish applying", "jobswipe://applications/42", urgent,
        Map.of("applicationId", "42"));
  }

  private static String token(char fill) {
    return String.valueOf(fill).repeat(64);
  }

  /** Apple's validation first, then the answer a test scripted for a device token (throttling, outage). */
  private static PushNotificationHandlerFactory scripted(PushNotificationHandlerFactory apple) {
    return session -> {
      PushNotificationHandler validating = apple.buildHandler(session);
      return (headers, payload) -> {
        validating.handlePushNotification(headers, payload);
        String path = String.valueOf(headers.path());
        RejectionReason reason = SCRIPTED.get(path.substring(path.lastIndexOf('/') + 1));
        if (reason != null) {
          throw new RejectedNotificationException(reason);
        }
      };
    };
  }
}
