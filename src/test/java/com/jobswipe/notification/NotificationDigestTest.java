package com.jobswipe.notification;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Ping;
import com.jobswipe.bus.Role;
import com.jobswipe.bus.SourceMessages.JobsChanged;
import com.jobswipe.config.NodeContext;
import com.jobswipe.notification.push.MutableClock;
import com.jobswipe.notification.push.PushChannels;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.MailFiles;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily digest on a real node: the matching role with real jobs in its index ranks each user's new jobs, two
 * notification verticles (two node ids, one clock the test moves) send it at the user's digest hour in their zone —
 * once — and skip a user with nothing new.
 */
class NotificationDigestTest {

  private static final String PASSWORD = "correct battery horse staple 7";
  private static final Duration WAIT = Duration.ofSeconds(20);
  /** 07:00 in New York (EDT): before Alice's digest hour; 11:00 in UTC, after Bob's. */
  private static final Instant START = Instant.parse("2026-06-01T11:00:00Z");

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static Path outbox;
  private static final MutableClock CLOCK = new MutableClock(START);

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    outbox = Path.of("target", "test-data", "digest-" + UUID.randomUUID()).toAbsolutePath();
    node = RunningNode.start(EnumSet.of(Role.API, Role.MATCHING), Map.of(
        "JOBSWIPE_DATA_DIR", outbox.toString(),
        "JOBSWIPE_EMAIL_VERIFICATION", "off",
        "JOBSWIPE_DIGEST_CHECK_SECONDS", "1"));
    api = new Api(vertx, node.port());
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  @Test
  void eachUserGetsOneDigestAtTheirHourNamingOnlyNewMatchesAndNoneWhenNothingIsNew() throws Exception {
    UUID oldMatch = job("Senior Java Backend Engineer", "Oldco", List.of("Java", "Kafka", "PostgreSQL"),
        START.minus(Duration.ofDays(3)));
    UUID newMatch = job("Java Backend Engineer", "Northwind", List.of("Java", "Kafka", "PostgreSQL"),
        START.minus(Duration.ofHours(2)));
    UUID otherNewMatch = job("Backend Developer (Java, Kafka)", "Contoso", List.of("Java", "Kafka"),
        START.minus(Duration.ofHours(5)));
    UUID unrelated = job("Pastry Chef", "Le Fournil", List.of("Baking", "Pastry"), START.minus(Duration.ofHours(1)));
    announce(List.of(oldMatch, newMatch, otherNewMatch, unrelated));

    // Alice: a Java profile, her phone in New York, her digest at 08:00 there.
    User alice = signUp("Backend engineer", List.of("Java", "Kafka", "PostgreSQL"));
    HttpResponse<Buffer> device = api.post("/v1/devices", new JsonObject().put("platform", "android")
        .put("token", "digest-" + UUID.randomUUID()).put("timezone", "America/New_York"), alice.token());
    assertThat(device.statusCode()).as(device.bodyAsString()).isEqualTo(201);
    HttpResponse<Buffer> hour = api.request(HttpMethod.PUT, "/v1/notifications/preferences")
        .bearerTokenAuthentication(alice.token())
        .sendJsonObject(new JsonObject().put("digest", new JsonObject().put("enabled", true).put("hour", 8))).await();
    assertThat(hour.statusCode()).as(hour.bodyAsString()).isEqualTo(200);
    // Bob: nothing in the index matches him; his digest (default 18:00 UTC, moved to 08:00) is due at once.
    User bob = signUp("Haskell compiler hacker", List.of("Haskell", "GHC"));
    api.request(HttpMethod.PUT, "/v1/notifications/preferences").bearerTokenAuthentication(bob.token())
        .sendJsonObject(new JsonObject().put("digest", new JsonObject().put("enabled", true).put("hour", 8))).await();
    // Carol turned the digest off.
    User carol = signUp("Backend engineer", List.of("Java", "Kafka"));
    api.request(HttpMethod.PUT, "/v1/notifications/preferences").bearerTokenAuthentication(carol.token())
        .sendJsonObject(new JsonObject().put("digest", new JsonObject().put("enabled", false))).await();
    for (User user : List.of(alice, bob, carol)) {
      HttpResponse<Buffer> feed = api.get("/v1/feed", user.token());
      assertThat(feed.statusCode()).as(feed.bodyAsString()).isEqualTo(200);
    }

    NodeContext context = node.app().node();
    for (String id : List.of("digest-a", "digest-b")) {
      node.app().vertx().deployVerticle(new NotificationVerticle(TestNodes.withId(context, id),
          new NotificationVerticle.Setup(vx -> PushChannels.none(), CLOCK))).await();
    }

    await("Bob's day recorded as done without a digest",
        () -> "2026-06-01".equals(digestRow(bob).lastDay()) && digestRow(bob).lastSentAt() == null);
    assertThat(digests(bob)).isZero();
    assertThat(digestRow(alice).lastDay()).as("07:00 in New York: not yet").isNull();
    assertThat(digests(alice)).isZero();

    CLOCK.advance(Duration.ofHours(1));
    MailFiles.Mail mail = MailFiles.await(outbox.resolve("outbox"), m -> m.subject().contains("new jobs for you"), WAIT);
    assertThat(mail.to()).isEqualTo(alice.email());
    assertThat(mail.part("text/plain")).contains("Java Backend Engineer at Northwind",
        "Backend Developer (Java, Kafka) at Contoso").doesNotContain("Oldco", "Pastry");
    assertThat(mail.part("text/html")).contains("Northwind").doesNotContain("Oldco");
    assertThat(mail.header("List-Unsubscribe")).isNotNull();

    await("Alice's day recorded", () -> "2026-06-01".equals(digestRow(alice).lastDay()));
    assertThat(digestRow(alice).lastSentAt()).isEqualTo(START.plus(Duration.ofHours(1)));
    JsonObject entry = api.get("/v1/notifications", alice.token()).bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0);
    assertThat(entry.getString("kind")).isEqualTo("digest.new-matches");
    assertThat(entry.getJsonObject("data").getJsonArray("jobIds"))
        .containsExactlyInAnyOrder(newMatch.toString(), otherNewMatch.toString());
    assertThat(entry.getJsonObject("data").getString("deepLink")).isEqualTo("jobswipe://feed");
    assertThat(digestRow(carol).lastDay()).as("digest off: never claimed").isNull();

    // The next day nothing new has come: no second digest, and the day is done.
    CLOCK.advance(Duration.ofDays(1));
    await("Alice's second day recorded", () -> "2026-06-02".equals(digestRow(alice).lastDay()));
    assertThat(digestRow(alice).lastSentAt()).as("a skipped day does not move the mark")
        .isEqualTo(START.plus(Duration.ofHours(1)));

    // A new posting the day after: the third digest names it alone.
    UUID fresh = job("Staff Java Engineer", "Fabrikam", List.of("Java", "PostgreSQL"), CLOCK.instant());
    announce(List.of(fresh));
    CLOCK.advance(Duration.ofDays(1));
    await("Alice's third day recorded", () -> "2026-06-03".equals(digestRow(alice).lastDay()));
    assertThat(digests(alice)).as("one digest per day across both nodes").isEqualTo(2);
    JsonObject third = api.get("/v1/notifications", alice.token()).bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0);
    assertThat(third.getJsonObject("data").getJsonArray("jobIds")).containsExactly(fresh.toString());
    assertThat(emailDeliveries(alice)).as("one mail per digest").isEqualTo(2);
    assertThat(MailFiles.all(outbox.resolve("outbox"))).filteredOn(m -> m.to().equals(alice.email())).hasSize(2);
    assertThat(digests(bob)).isZero();
  }

  // ---------------------------------------------------------------- fixtures

  private record User(String id, String email, String token) {
  }

  private record DigestRow(String lastDay, Instant lastSentAt) {
  }

  private static User signUp(String headline, List<String> skills) {
    String email = "digest." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    HttpResponse<Buffer> registered = api.post("/v1/auth/register", new JsonObject().put("email", email)
        .put("password", PASSWORD));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    JsonObject body = registered.bodyAsJsonObject();
    String token = body.getString("accessToken");
    HttpResponse<Buffer> profile = api.request(HttpMethod.PUT, "/v1/profile").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("headline", headline).put("skills", new JsonArray(skills))).await();
    assertThat(profile.statusCode()).as(profile.bodyAsString()).isEqualTo(200);
    return new User(body.getJsonObject("user").getString("id"), email, token);
  }

  /** A posting as ingestion leaves it (no vector: matching ranks it by text), first seen at {@code seen}. */
  private static UUID job(String title, String company, List<String> skills, Instant seen) throws Exception {
    UUID id = UUID.randomUUID();
    try (Connection db = node.database().connect(); PreparedStatement insert = db.prepareStatement("""
        INSERT INTO jobs (id, title, company, company_key, title_key, description_text, apply_url, posted_at,
                          skills, first_seen_at, created_at)
        VALUES (?, ?, ?, lower(?), lower(?), ?, ?, ?, ?, ?, ?)""")) {
      insert.setObject(1, id);
      insert.setString(2, title);
      insert.setString(3, company);
      insert.setString(4, company);
      insert.setString(5, title);
      insert.setString(6, title + " at " + company + ". You will work with " + String.join(", ", skills) + ".");
      insert.setString(7, "https://boards.example.com/" + id);
      insert.setTimestamp(8, Timestamp.from(seen));
      insert.setArray(9, db.createArrayOf("text", skills.toArray()));
      insert.setTimestamp(10, Timestamp.from(seen));
      insert.setTimestamp(11, Timestamp.from(seen));
      insert.executeUpdate();
    }
    return id;
  }

  /** Tells matching, as ingestion does, and waits until its index holds them. */
  private static void announce(List<UUID> ids) {
    var bus = node.app().vertx().eventBus();
    int before = indexed();
    Bus.JOBS_UPSERTED.publish(bus, new JobsChanged(ids.stream().map(UUID::toString).toList(), true));
    await("matching indexed the jobs", () -> indexed() == before + ids.size());
  }

  private static int indexed() {
    return Bus.ping(Role.MATCHING).requestLocal(node.app().vertx().eventBus(), new Ping("test")).await().details()
        .getInteger("jobs");
  }

  private static DigestRow digestRow(User user) {
    try (Connection db = node.database().connect(); PreparedStatement q = db.prepareStatement(
        "SELECT last_day, last_sent_at FROM notification_digests WHERE user_id = ?")) {
      q.setObject(1, UUID.fromString(user.id()));
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return new DigestRow(null, null);
        }
        LocalDate day = rs.getObject(1, LocalDate.class);
        Timestamp sent = rs.getTimestamp(2);
        return new DigestRow(day == null ? null : day.toString(), sent == null ? null : sent.toInstant());
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static int digests(User user) throws Exception {
    return count("SELECT count(*) FROM notifications WHERE kind = 'digest.new-matches' AND user_id = ?", user);
  }

  private static int emailDeliveries(User user) throws Exception {
    return count("SELECT count(*) FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id"
        + " WHERE n.kind = 'digest.new-matches' AND d.channel = 'email' AND n.user_id = ?", user);
  }

  private static int count(String sql, User user) throws Exception {
    try (Connection db = node.database().connect(); PreparedStatement q = db.prepareStatement(sql)) {
      q.setObject(1, UUID.fromString(user.id()));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  /** Polls the database (the state the nodes leave is the event) until {@code done}, failing at the deadline. */
  private static void await(String what, BooleanSupplier done) {
    Instant deadline = Instant.now().plus(WAIT);
    while (!done.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + WAIT + ": " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }
}
