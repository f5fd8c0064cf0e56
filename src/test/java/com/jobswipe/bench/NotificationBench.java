package com.jobswipe.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.notification.push.FcmReplica;
import com.jobswipe.notification.push.TestPki;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestDatabase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Notification delivery throughput and latency: {@code users} users with one Android phone each, one application
 * event each (SUBMITTED: email + push), through two clustered notification nodes (Hazelcast on loopback, one JVM,
 * one shared PostgreSQL outbox) to a real SMTP server (GreenMail) and Google's side of FCM (the local replica over
 * TLS, OAuth2 JWT-bearer tokens included).
 *
 * <p>Printed: deliveries per second of each node (its own {@code jobswipe_notification_deliveries_total{outcome=
 * "sent"}} over the run, from the first event published to the last delivery committed), and the p50/p99
 * event-to-delivery latency per channel: from the moment the event was published to the delivery's {@code sent_at}.
 * Users and devices are inserted by SQL (registering 10,000 accounts would measure Argon2).
 *
 * <p>{@code bench/notifications.sh [users]}
 */
public final class NotificationBench {

  private static final String PROJECT = "jobswipe-bench";
  private static final String CLIENT_EMAIL = "push@jobswipe-bench.iam.gserviceaccount.com";

  private NotificationBench() {
  }

  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Vertx vertx = Vertx.vertx();
    GreenMail smtp = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    TestPki pki = TestPki.create();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPair account = rsa.generateKeyPair();
    FcmReplica fcm = FcmReplica.start(vertx, Clock.systemUTC(), pki, PROJECT, CLIENT_EMAIL, "bench-key",
        account.getPublic()).await();
    Path dir = Files.createTempDirectory("notification-bench-");
    Path serviceAccount = dir.resolve("fcm.json");
    Files.writeString(serviceAccount, new JsonObject().put("type", "service_account").put("project_id", PROJECT)
        .put("private_key_id", "bench-key")
        .put("private_key", TestPki.pem("PRIVATE KEY", account.getPrivate().getEncoded()))
        .put("client_email", CLIENT_EMAIL).put("token_uri", fcm.tokenUri().toString()).encode());
    // The nodes' FCM client trusts the replica's CA as a JVM trusts any CA: the default trust store.
    Path trustStore = dir.resolve("ca.p12");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("bench-ca", pki.ca());
    try (OutputStream out = Files.newOutputStream(trustStore)) {
      store.store(out, "changeit".toCharArray());
    }
    System.setProperty("javax.net.ssl.trustStore", trustStore.toString());
    System.setProperty("javax.net.ssl.trustStorePassword", "changeit");
    System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");

    TestDatabase database = TestDatabase.create();
    String hazelcastA = Integer.toString(FreePorts.next());
    String hazelcastB = Integer.toString(FreePorts.next());
    String members = "127.0.0.1:" + hazelcastA + ",127.0.0.1:" + hazelcastB;
    Map<String, String> env = new HashMap<>(Map.of(
        "SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort() + "?starttls=disabled",
        "JOBSWIPE_FCM_SERVICE_ACCOUNT", serviceAccount.toString(),
        "JOBSWIPE_FCM_ENDPOINT", fcm.endpoint().toString(),
        "JOBSWIPE_CLUSTER_MEMBERS", members));
    env.put("JOBSWIPE_CLUSTER_PORT", hazelcastA);
    env.put("JOBSWIPE_DATA_DIR", dir.resolve("a").toString());
    RunningNode a = RunningNode.startOn(database, EnumSet.of(Role.API, Role.NOTIFICATION), env);
    env.put("JOBSWIPE_CLUSTER_PORT", hazelcastB);
    env.put("JOBSWIPE_DATA_DIR", dir.resolve("b").toString());
    RunningNode b = RunningNode.startOn(database, EnumSet.of(Role.NOTIFICATION), env);

    try {
      List<String[]> people = insertUsers(database, users);
      Map<String, Instant> publishedAt = new HashMap<>();
      Instant started = Instant.now();
      long eventId = 1;
      for (String[] person : people) {
        String applicationId = UUID.randomUUID().toString();
        publishedAt.put(applicationId, Instant.now());
        Bus.APPLICATION_EVENTS.publish(a.app().vertx().eventBus(), new ApplicationEvent(eventId++, applicationId,
            person[0], "SUBMITTED", "submit", "ok", Instant.now().toString(), new JsonObject()));
      }
      System.out.printf("%,d events published in %d ms%n", users, Duration.between(started, Instant.now()).toMillis());
      Instant deadline = Instant.now().plus(Duration.ofMinutes(20));
      while (sent(database) < 2L * users) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("only " + sent(database) + " of " + 2 * users + " delivered");
        }
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
      }
      Map<String, List<Long>> latencies = new HashMap<>();
      Map<String, List<Long>> outboxLatencies = new HashMap<>();
      Instant last = started;
      try (Connection db = database.connect(); Statement s = db.createStatement();
           ResultSet rs = s.executeQuery("SELECT d.channel, n.data->>'applicationId', d.sent_at, n.created_at"
               + " FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id"
               + " WHERE d.status = 'sent'")) {
        while (rs.next()) {
          Instant sentAt = rs.getTimestamp(3).toInstant();
          last = sentAt.isAfter(last) ? sentAt : last;
          latencies.computeIfAbsent(rs.getString(1), c -> new ArrayList<>())
              .add(Duration.between(publishedAt.get(rs.getString(2)), sentAt).toMillis());
          outboxLatencies.computeIfAbsent(rs.getString(1), c -> new ArrayList<>())
              .add(Duration.between(rs.getTimestamp(4).toInstant(), sentAt).toMillis());
        }
      }
      double wall = Duration.between(started, last).toMillis() / 1000.0;
      System.out.printf("%,d users × (email + push) = %,d deliveries in %.1f s (first event → last delivery)%n",
          users, 2 * users, wall);
      for (RunningNode node : List.of(a, b)) {
        double sentByNode = sentBy(node.app().node().metrics());
        System.out.printf("node %s: %,.0f deliveries, %.0f deliveries/s%n", node.app().node().nodeId(), sentByNode,
            sentByNode / wall);
      }
      latencies.forEach((channel, ms) -> print(channel + ": event → delivered", ms));
      outboxLatencies.forEach((channel, ms) -> print(channel + ": notification created → delivered", ms));
      System.out.printf("replicas: %,d mails at the SMTP server, %,d pushes at FCM%n",
          smtp.getReceivedMessages().length, fcm.delivered().size());
    } finally {
      b.app().stop();
      a.close();
      fcm.close().await();
      smtp.stop();
      vertx.close().await();
    }
  }

  private static void print(String what, List<Long> ms) {
    Collections.sort(ms);
    System.out.printf("%s p50 %.2f s, p99 %.2f s, max %.2f s (%,d)%n", what, ms.get(ms.size() / 2) / 1000.0,
        ms.get((int) Math.ceil(ms.size() * 0.99) - 1) / 1000.0, ms.get(ms.size() - 1) / 1000.0, ms.size());
  }

  /** Users with one Android phone each: {id, email}. */
  private static List<String[]> insertUsers(TestDatabase database, int users) throws Exception {
    List<String[]> people = new ArrayList<>();
    try (Connection db = database.connect(); Statement s = db.createStatement()) {
      s.execute("INSERT INTO users (email, email_verified_at)"
          + " SELECT 'bench' || i || '@example.com', now() FROM generate_series(1, " + users + ") i");
      s.execute("INSERT INTO device_tokens (user_id, platform, token)"
          + " SELECT id, 'android', 'bench-device-' || replace(id::text, '-', '') FROM users"
          + " WHERE email LIKE 'bench%@example.com'");
      try (ResultSet rs = s.executeQuery("SELECT id::text, email FROM users WHERE email LIKE 'bench%@example.com'")) {
        while (rs.next()) {
          people.add(new String[] {rs.getString(1), rs.getString(2)});
        }
      }
    }
    return people;
  }

  private static long sent(TestDatabase database) throws Exception {
    try (Connection db = database.connect(); Statement s = db.createStatement();
         ResultSet rs = s.executeQuery("SELECT count(*) FROM notification_deliveries WHERE status = 'sent'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static double sentBy(MeterRegistry registry) {
    return registry.find("jobswipe_notification_deliveries").tag("outcome", "sent").counters().stream()
        .mapToDouble(Counter::count).sum();
  }
}
