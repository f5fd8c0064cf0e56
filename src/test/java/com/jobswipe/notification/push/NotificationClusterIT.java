package com.jobswipe.notification.push;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.ServerProcess;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification role as it runs in production: two notification nodes started from the packaged jar as their own
 * JVMs, clustered over Hazelcast with an api node, sending through a real SMTP server (GreenMail) and Google's side
 * of FCM (the local replica, over TLS). 1,000 application events, each heard by both nodes, become 1,000
 * notifications, each mailed once and pushed once to its user's phone, counted at the replicas. One notification
 * node is SIGKILLed while it holds deliveries; the other sends them when their lease ends: nothing is lost, and
 * a repeat is possible only for a delivery claimed more than once (the dead node's, or one whose holder was slower
 * than the lease) that the provider accepted before the first holder committed — and then carries the same
 * Message-ID / notification id, so the provider can drop it.
 */
class NotificationClusterIT {

  private static final int USERS = 20;
  private static final int EVENTS_PER_USER = 50;
  private static final int NOTIFICATIONS = USERS * EVENTS_PER_USER;
  private static final String PROJECT = "jobswipe-cluster-it";
  private static final String CLIENT_EMAIL = "push@jobswipe-cluster-it.iam.gserviceaccount.com";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Pattern READY = Pattern.compile("node (\\S+) ready with roles");

  private static Vertx vertx;
  private static GreenMail smtp;
  private static FcmReplica fcm;
  private static RunningNode api;
  private static final List<ServerProcess> processes = new ArrayList<>();
  private static final List<String> nodeIds = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    int smtpPort = FreePorts.next();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    TestPki pki = TestPki.create();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair account = rsa.generateKeyPair();
    fcm = FcmReplica.start(vertx, Clock.systemUTC(), pki, PROJECT, CLIENT_EMAIL, "it-key-1", account.getPublic())
        .await();

    Path dir = Files.createTempDirectory("notify-it-");
    Path serviceAccount = dir.resolve("fcm-service-account.json");
    Files.writeString(serviceAccount, new JsonObject().put("type", "service_account").put("project_id", PROJECT)
        .put("private_key_id", "it-key-1").put("private_key", TestPki.pem("PRIVATE KEY",
            account.getPrivate().getEncoded()))
        .put("client_email", CLIENT_EMAIL).put("token_uri", fcm.tokenUri().toString()).encode());
    // The processes trust the replica's test CA the way a JVM trusts any CA: a trust store named at start.
    Path trustStore = dir.resolve("test-ca.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("test-ca", pki.ca());
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      store.store(out, "changeit".toCharArray());
    }

    String[] hazelcast = {Integer.toString(FreePorts.next()), Integer.toString(FreePorts.next()),
        Integer.toString(FreePorts.next())};
    String members = "127.0.0.1:" + hazelcast[0] + ",127.0.0.1:" + hazelcast[1] + ",127.0.0.1:" + hazelcast[2];
    api = RunningNode.start(EnumSet.of(Role.API), Map.of("JOBSWIPE_CLUSTER_MEMBERS", members,
        "JOBSWIPE_CLUSTER_PORT", hazelcast[0], "JOBSWIPE_EMAIL_VERIFICATION", "off"));
    for (int i = 1; i <= 2; i++) {
      Map<String, String> env = new HashMap<>(Map.ofEntries(
          Map.entry("DATABASE_URL", api.database().url().toString()),
          Map.entry("PORT", Integer.toString(FreePorts.next())),
          Map.entry("JOBSWIPE_DATA_DIR", Files.createTempDirectory(dir, "node-").toString()),
          Map.entry("JOBSWIPE_DATA_KEYS", TestNodes.DATA_KEYS),
          Map.entry("JOBSWIPE_JWT_KEYS", TestNodes.JWT_KEYS),
          Map.entry("JOBSWIPE_CLUSTER_MEMBERS", members),
          Map.entry("JOBSWIPE_CLUSTER_PORT", hazelcast[i]),
          Map.entry("SMTP_URL", "smtp://127.0.0.1:" + smtpPort + "?starttls=disabled"),
          Map.entry("JOBSWIPE_FCM_SERVICE_ACCOUNT", serviceAccount.toString()),
          Map.entry("JOBSWIPE_FCM_ENDPOINT", fcm.endpoint().toString()),
          Map.entry("JOBSWIPE_NOTIFY_LEASE_SECONDS", "5"),
          Map.entry("JOBSWIPE_NOTIFY_BACKOFF_SECONDS", "1"),
          Map.entry("JOBSWIPE_NOTIFY_BACKOFF_MAX_SECONDS", "2"),
          Map.entry("JAVA_TOOL_OPTIONS", "-Xmx384m -Djavax.net.ssl.trustStore=" + trustStore
              + " -Djavax.net.ssl.trustStorePassword=changeit -Djavax.net.ssl.trustStoreType=PKCS12")));
      processes.add(ServerProcess.start(env, "--roles", "notification"));
    }
    for (ServerProcess process : processes) {
      Matcher ready = READY.matcher(process.awaitLine(line -> line.contains("ready with roles"),
          Duration.ofSeconds(120)));
      assertThat(ready.find()).isTrue();
      nodeIds.add(ready.group(1));
    }
  }

  @AfterAll
  static void stop() {
    processes.forEach(ServerProcess::close);
    if (api != null) {
      api.close();
    }
    if (fcm != null) {
      fcm.close().await();
    }
    smtp.stop();
    vertx.close().await();
  }

  @Test
  void aThousandNotificationsAreDeliveredOncePerChannelAndDeviceThroughANodeKilledMidSend() throws Exception {
    Api http = new Api(vertx, api.port());
    List<String> userIds = new ArrayList<>();
    Map<String, String> tokenOf = new HashMap<>();
    for (int i = 0; i < USERS; i++) {
      HttpResponse<Buffer> registered = http.post("/v1/auth/register", new JsonObject()
          .put("email", "cluster" + i + "@example.com").put("password", "correct battery horse staple 7"));
      assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
      String userId = registered.bodyAsJsonObject().getJsonObject("user").getString("id");
      String token = "cluster-device-" + i + "-" + UUID.randomUUID();
      HttpResponse<Buffer> device = http.post("/v1/devices", new JsonObject().put("platform", "android")
          .put("token", token), registered.bodyAsJsonObject().getString("accessToken"));
      assertThat(device.statusCode()).isEqualTo(201);
      userIds.add(userId);
      tokenOf.put(userId, token);
    }

    Instant published = Instant.now();
    long eventId = 50_000;
    for (int round = 0; round < EVENTS_PER_USER; round++) {
      for (String userId : userIds) {
        Bus.APPLICATION_EVENTS.publish(api.app().vertx().eventBus(), new ApplicationEvent(++eventId,
            UUID.randomUUID().toString(), userId, "SUBMITTED", "submit", "ok", Instant.now().toString(),
            new JsonObject()));
      }
    }

    // Kill the first node while it holds deliveries (claimed, being sent), once a good part has gone out.
    String victim = nodeIds.get(0);
    await("the first node holding deliveries mid-run", () -> sent() >= 300 && leasedBy(victim) > 0);
    processes.get(0).kill();
    Instant killed = Instant.now();
    Set<String> heldByTheDead = deliveriesLeasedBy(victim);

    await("every delivery sent", () -> sent() == 2 * NOTIFICATIONS);
    Instant done = Instant.now();
    assertThat(count("SELECT count(*) FROM notifications WHERE kind = 'application.submitted'"))
        .as("one notification per event, though both nodes heard each").isEqualTo(NOTIFICATIONS);
    assertThat(count("SELECT count(*) FROM notification_deliveries WHERE status <> 'sent'")).isZero();

    // Email: by Message-ID (<delivery-id@domain>), counted by the SMTP server.
    Map<String, Integer> mails = new HashMap<>();
    for (MimeMessage message : smtp.getReceivedMessages()) {
      mails.merge(message.getMessageID().replaceAll("^<|@.*$", ""), 1, Integer::sum);
    }
    Set<String> emailDeliveries = ids("SELECT id::text FROM notification_deliveries WHERE channel = 'email'");
    assertThat(mails.keySet()).as("every mail delivery arrived").isEqualTo(emailDeliveries);
    // A delivery claimed more than once (its lease ran out: the node died, or was slower than the lease on this
    // busy machine) may have been accepted by the provider before the first holder could commit: it may repeat.
    // Nothing claimed once may.
    Set<String> reclaimed = ids("SELECT id::text FROM notification_deliveries WHERE attempts > 1");
    assertThat(reclaimed).as("the dead node's deliveries were taken over").containsAll(heldByTheDead);
    mails.forEach((delivery, n) -> assertThat(n == 1 || reclaimed.contains(delivery))
        .as("mail %s arrived %d times; only a delivery claimed again may repeat", delivery, n).isTrue());

    // Push: by (notification id, device token), counted by the FCM replica.
    Map<String, String> pushDeliveryOf = new HashMap<>();
    try (Connection db = api.database().connect(); PreparedStatement q = db.prepareStatement(
        "SELECT d.id::text, d.notification_id::text, t.token FROM notification_deliveries d"
            + " JOIN device_tokens t ON t.id = d.device_token_id WHERE d.channel = 'fcm'");
         ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        pushDeliveryOf.put(rs.getString(2) + "/" + rs.getString(3), rs.getString(1));
      }
    }
    Map<String, Integer> pushes = new HashMap<>();
    for (JsonObject body : fcm.delivered()) {
      JsonObject message = body.getJsonObject("message");
      pushes.merge(message.getJsonObject("data").getString("notificationId") + "/" + message.getString("token"), 1,
          Integer::sum);
    }
    assertThat(pushes.keySet()).as("every push delivery arrived, to its user's device")
        .isEqualTo(pushDeliveryOf.keySet());
    pushes.forEach((key, n) -> assertThat(n == 1 || reclaimed.contains(pushDeliveryOf.get(key)))
        .as("push %s arrived %d times; only a delivery claimed again may repeat", key, n).isTrue());
    int repeats = mails.values().stream().mapToInt(n -> n - 1).sum() + pushes.values().stream().mapToInt(n -> n - 1)
        .sum();
    System.out.printf("notification cluster IT: killed %s holding %d deliveries after %d ms; the rest sent %d ms"
        + " later; %d claimed more than once; %d repeated%n", victim, heldByTheDead.size(),
        Duration.between(published, killed).toMillis(), Duration.between(killed, done).toMillis(), reclaimed.size(),
        repeats);
    assertThat(tokenOf).hasSize(USERS);
  }

  private static int sent() {
    return count("SELECT count(*) FROM notification_deliveries WHERE status = 'sent'");
  }

  private static int leasedBy(String node) {
    return deliveriesLeasedBy(node).size();
  }

  private static Set<String> deliveriesLeasedBy(String node) {
    try (Connection db = api.database().connect(); PreparedStatement q = db.prepareStatement(
        "SELECT id::text FROM notification_deliveries WHERE leased_by = ? AND status = 'pending'")) {
      q.setString(1, node);
      Set<String> ids = new HashSet<>();
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Set<String> ids(String sql) throws Exception {
    Set<String> ids = new HashSet<>();
    try (Connection db = api.database().connect(); ResultSet rs = db.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        ids.add(rs.getString(1));
      }
    }
    return ids;
  }

  private static int count(String sql) {
    try (Connection db = api.database().connect(); ResultSet rs = db.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Polls the shared database (the outbox is the event) until {@code done}, failing at the deadline. */
  private static void await(String what, java.util.function.BooleanSupplier done) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + WAIT + ": " + what + "; sent " + sent() + "; node output:\n"
            + processes.get(processes.size() - 1).output());
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }
}
