package com.jobswipe.notification.push;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * FcmChannel against {@link FcmReplica}: Google's token endpoint and the FCM v1 send API over TLS on
 * 127.0.0.1, trusted through the test CA, sharing the test's clock.
 */
class FcmChannelTest {

  private static final String PROJECT = "jobswipe-test";
  private static final String CLIENT_EMAIL = "fcm-sender@jobswipe-test.iam.gserviceaccount.com";
  private static final String KEY_ID = "4f1c0d2b9a7e";
  private static final String DEVICE = "dGVzdC1kZXZpY2U6APA91bHPRgkF3JUikC4ENAHEeMrd41Zxv3hVZjC9KtT8OvPVGJ";

  private static Vertx vertx;
  private static TestPki pki;
  private static KeyPair accountKey;
  private static FcmReplica replica;
  private static final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private FcmChannel channel;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    pki = TestPki.create();
    accountKey = rsaKeyPair();
    replica = FcmReplica.start(vertx, clock, pki, PROJECT, CLIENT_EMAIL, KEY_ID, accountKey.getPublic()).await();
  }

  @AfterAll
  static void stop() {
    replica.close().await();
    vertx.close().await();
  }

  @BeforeEach
  void connect() {
    replica.reset();
    channel = connect(accountKey);
  }

  @AfterEach
  void disconnect() {
    channel.close().await();
  }

  @Test
  void messagesAreSentWithOneTokenFetchedOnceForConcurrentAndLaterSends() {
    Future<PushOutcome> first = channel.send(DEVICE, message("application-42-needs-human", true));
    Future<PushOutcome> second = channel.send(DEVICE, message("application-43-submitted", false));
    Future.all(first, second).await();
    PushOutcome third = channel.send(DEVICE, message("application-44-failed", false)).await();

    assertThat(List.of(first.result(), second.result(), third)).allSatisfy(outcome ->
        assertThat(outcome).isInstanceOfSatisfying(PushOutcome.Sent.class, sent ->
            assertThat(sent.providerId()).startsWith("projects/" + PROJECT + "/messages/")));
    assertThat(replica.assertions()).hasSize(1);
    JsonObject claims = replica.assertions().get(0);
    assertThat(claims.getString("iss")).isEqualTo(CLIENT_EMAIL);
    assertThat(claims.getString("scope")).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
    assertThat(claims.getString("aud")).isEqualTo(replica.tokenUri().toString());
    assertThat(claims.getString("kid")).isEqualTo(KEY_ID);
    assertThat(claims.getLong("iat")).isEqualTo(clock.instant().getEpochSecond());
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(3600);

    JsonObject urgent = replica.delivered().stream()
        .map(body -> body.getJsonObject("message"))
        .filter(m -> m.getJsonObject("android").getString("collapse_key").equals("application-42-needs-human"))
        .findFirst().orElseThrow();
    assertThat(urgent.getString("token")).isEqualTo(DEVICE);
    assertThat(urgent.getJsonObject("notification").getMap())
        .containsExactlyInAnyOrderEntriesOf(Map.of("title", "Acme needs you", "body", "Answer two questions"));
    assertThat(urgent.getJsonObject("android").getString("priority")).isEqualTo("high");
    assertThat(urgent.getJsonObject("data").getMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "kind", "application.needs_human", "deepLink", "jobswipe://applications/42", "applicationId", "42"));
    assertThat(replica.delivered()).extracting(body -> body.getJsonObject("message").getJsonObject("android")
        .getString("priority")).containsExactlyInAnyOrder("high", "normal", "normal");
  }

  @Test
  void theTokenIsFetchedAgainShortlyBeforeItExpires() {
    assertThat(channel.send(DEVICE, message("c1", false)).await()).isInstanceOf(PushOutcome.Sent.class);

    clock.advance(Duration.ofMinutes(57));
    assertThat(channel.send(DEVICE, message("c2", false)).await()).isInstanceOf(PushOutcome.Sent.class);
    assertThat(replica.assertions()).as("57 minutes into a 60-minute token").hasSize(1);

    clock.advance(Duration.ofMinutes(1));
    assertThat(channel.send(DEVICE, message("c3", false)).await()).isInstanceOf(PushOutcome.Sent.class);
    assertThat(replica.assertions()).as("within two minutes of expiry").hasSize(2);
    assertThat(replica.assertions().get(1).getLong("iat")).isEqualTo(clock.instant().getEpochSecond());
    assertThat(replica.unauthenticated()).isZero();
  }

  @Test
  void aRevokedTokenIsReplacedOnceAndTheMessageStillGoes() {
    assertThat(channel.send(DEVICE, message("c1", false)).await()).isInstanceOf(PushOutcome.Sent.class);
    replica.revokeIssuedTokens();

    assertThat(channel.send(DEVICE, message("c2", false)).await()).isInstanceOf(PushOutcome.Sent.class);
    assertThat(replica.unauthenticated()).isEqualTo(1);
    assertThat(replica.assertions()).hasSize(2);
    assertThat(replica.delivered()).hasSize(2);
  }

  @Test
  void aSecond401AfterAFreshTokenFailsWithoutFetchingAgain() {
    replica.refuseEveryBearer();

    PushOutcome outcome = channel.send(DEVICE, message("c1", false)).await();

    assertThat(outcome).isInstanceOfSatisfying(PushOutcome.Failed.class, failed ->
        assertThat(failed.reason()).startsWith("UNAUTHENTICATED (401)"));
    assertThat(replica.assertions()).hasSize(2);
    assertThat(replica.unauthenticated()).isEqualTo(2);
  }

  @Test
  void anUnregisteredOrInvalidTokenIsGone() {
    String uninstalled = DEVICE.replace('A', 'u');
    replica.answer(uninstalled, new FcmReplica.Scripted(404, "UNREGISTERED", null));

    assertThat(channel.send(uninstalled, message("c1", true)).await())
        .isEqualTo(new PushOutcome.Gone("UNREGISTERED (404): scripted by the test"));
    assertThat(channel.send("not a token", message("c2", true)).await())
        .isEqualTo(new PushOutcome.Gone(
            "INVALID_ARGUMENT (400): The registration token is not a valid FCM registration token"));
  }

  @Test
  void throttlingAndOutagesHonourRetryAfter() {
    String throttled = DEVICE.replace('A', 't');
    String down = DEVICE.replace('A', 'd');
    String flaky = DEVICE.replace('A', 'f');
    replica.answer(throttled, new FcmReplica.Scripted(429, "QUOTA_EXCEEDED", "120"));
    replica.answer(down, new FcmReplica.Scripted(503, "UNAVAILABLE",
        FcmReplica.httpDate(clock.instant().plusSeconds(90))));
    replica.answer(flaky, new FcmReplica.Scripted(503, "UNAVAILABLE", null));

    assertThat(channel.send(throttled, message("c1", true)).await())
        .isEqualTo(new PushOutcome.Retry(Duration.ofSeconds(120), "QUOTA_EXCEEDED (429): scripted by the test"));
    assertThat(channel.send(down, message("c2", true)).await())
        .isEqualTo(new PushOutcome.Retry(Duration.ofSeconds(90), "UNAVAILABLE (503): scripted by the test"));
    assertThat(channel.send(flaky, message("c3", true)).await())
        .isEqualTo(new PushOutcome.Retry(FcmChannel.UNAVAILABLE_BACKOFF, "UNAVAILABLE (503): scripted by the test"));
  }

  @Test
  void otherRefusalsFailForGoodWithoutRemovingTheDevice() {
    String mismatched = DEVICE.replace('A', 'm');
    replica.answer(mismatched, new FcmReplica.Scripted(403, "SENDER_ID_MISMATCH", null));

    assertThat(channel.send(mismatched, message("c1", true)).await())
        .isEqualTo(new PushOutcome.Failed("SENDER_ID_MISMATCH (403): scripted by the test"));
  }

  @Test
  void anAssertionSignedWithAnotherKeyIsRefusedByTheReplica() throws Exception {
    FcmChannel impostor = connect(rsaKeyPair());
    try {
      PushOutcome outcome = impostor.send(DEVICE, message("c1", true)).await();

      assertThat(outcome).isEqualTo(new PushOutcome.Failed(
          "no FCM access token: token endpoint answered 400 invalid_grant Invalid JWT Signature."));
      assertThat(replica.refusedAssertions()).containsExactly("Invalid JWT Signature.");
      assertThat(replica.assertions()).isEmpty();
      assertThat(replica.unauthenticated()).isZero();
      assertThat(replica.delivered()).isEmpty();
    } finally {
      impostor.close().await();
    }
  }

  @Test
  void eachCallerHearsOnItsOwnContextWhileSharingOneTokenFetch() {
    Context a = vertx.getOrCreateContext();
    Context b = vertx.getOrCreateContext();
    Promise<Context> heardOnA = Promise.promise();
    Promise<Context> heardOnB = Promise.promise();
    a.runOnContext(v -> channel.send(DEVICE, message("c1", false))
        .onComplete(r -> heardOnA.complete(Vertx.currentContext())));
    b.runOnContext(v -> channel.send(DEVICE, message("c2", false))
        .onComplete(r -> heardOnB.complete(Vertx.currentContext())));

    assertThat(heardOnA.future().await()).isSameAs(a);
    assertThat(heardOnB.future().await()).isSameAs(b);
    assertThat(replica.delivered()).hasSize(2);
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDateAndStaysWithinBounds() {
    Instant now = clock.instant();
    assertThat(RetryAfter.parse("30", now)).contains(Duration.ofSeconds(30));
    assertThat(RetryAfter.parse(FcmReplica.httpDate(now.minusSeconds(5)), now)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("99999999999999999999", now)).contains(RetryAfter.MAX);
    assertThat(RetryAfter.parse("soon", now)).isEmpty();
    assertThat(FcmChannel.outcome(500, null, new JsonObject(), now))
        .isEqualTo(new PushOutcome.Retry(FcmChannel.UNAVAILABLE_BACKOFF, "HTTP 500 (500): "));
    assertThat(FcmChannel.outcome(400, null, new JsonObject().put("error", new JsonObject()
            .put("status", "INVALID_ARGUMENT").put("message", "Invalid data payload key: from")), now))
        .as("an invalid argument that is not the token keeps the device")
        .isEqualTo(new PushOutcome.Failed("INVALID_ARGUMENT (400): Invalid data payload key: from"));
  }

  private FcmChannel connect(KeyPair key) {
    JsonObject serviceAccount = new JsonObject()
        .put("type", "service_account")
        .put("project_id", PROJECT)
        .put("private_key_id", KEY_ID)
        .put("private_key", TestPki.pem("PRIVATE KEY", key.getPrivate().getEncoded()))
        .put("client_email", CLIENT_EMAIL)
        .put("client_id", "104729193844618573210")
        .put("auth_uri", "https://accounts.google.com/o/oauth2/auth")
        .put("token_uri", replica.tokenUri().toString());
    WebClientOptions trustTheTestCa = new WebClientOptions()
        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pki.caPem())));
    return FcmChannel.create(vertx, FcmServiceAccount.parse(serviceAccount), replica.endpoint(), trustTheTestCa, clock);
  }

  private static PushMessage message(String collapseId, boolean urgent) {
    return new PushMessage(collapseId, "application.needs_human", "Acme needs you", "Answer two questions",
        "jobswipe://applications/42", urgent, Map.of("applicationId", "42"));
  }

  private static KeyPair rsaKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }
}
