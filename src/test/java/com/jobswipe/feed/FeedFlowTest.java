package com.jobswipe.feed;

import com.jobswipe.bus.Role;
import com.jobswipe.matching.JobFixtures;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed over HTTP on a real node (api, matching and embedding roles; the real model; PostgreSQL): relevance
 * on fixture jobs with known families, hard filters, swiped jobs never shown again, cursor pages that neither
 * repeat nor skip, impressions recorded, a closed job gone after reconciliation.
 */
class FeedFlowTest {

  private static final String PASSWORD = "correct battery horse staple 7";
  private static final int PER_FAMILY = 6;

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static final Map<String, String> FAMILY_OF = new HashMap<>();
  private static List<UUID> jobIds;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API, Role.MATCHING, Role.EMBEDDING, Role.NOTIFICATION), Map.of(
        "JOBSWIPE_MATCHING_RECONCILE_SECONDS", "1", "JOBSWIPE_EMAIL_VERIFICATION", "off"));
    api = new Api(vertx, node.port());
    List<JobFixtures.Posting> postings = JobFixtures.postings(PER_FAMILY, 7, Instant.now(), 20);
    jobIds = FeedFixtures.insert(node, postings);
    for (int i = 0; i < postings.size(); i++) {
      FAMILY_OF.put(jobIds.get(i).toString(), postings.get(i).family());
    }
    FeedFixtures.awaitIndexed(node, postings.size());
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  private static String signUp(JsonObject profile) {
    String email = "feed." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    HttpResponse<Buffer> response = api.post("/v1/auth/register", new JsonObject().put("email", email)
        .put("password", PASSWORD));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    String token = response.bodyAsJsonObject().getString("accessToken");
    if (profile != null) {
      HttpResponse<Buffer> put = api.request(io.vertx.core.http.HttpMethod.PUT, "/v1/profile")
          .bearerTokenAuthentication(token).sendJsonObject(profile).await();
      assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    }
    return token;
  }

  private static JsonObject backendProfile() {
    return new JsonObject().put("headline", "Backend engineer")
        .put("skills", new JsonArray().add("Java").add("Kafka").add("PostgreSQL"))
        .put("workHistory", new JsonArray().add(new JsonObject().put("company", "Northwind").put("title",
            "Backend Developer").put("startDate", "2019-01")));
  }

  private static JsonObject feed(String token, String query) {
    HttpResponse<Buffer> response = api.get("/v1/feed" + query, token);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static List<String> ids(JsonObject page) {
    List<String> ids = new ArrayList<>();
    page.getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getJsonObject("job").getString("id")));
    return ids;
  }

  @Test
  void aBackendEngineerSeesBackendJobsFirstWithReasons() {
    String token = signUp(backendProfile());

    JsonObject feedPage = feed(token, "?limit=5");

    assertThat(feedPage.getString("rankingVersion")).isEqualTo("hybrid-rrf-2");
    assertThat(ids(feedPage)).hasSize(5).allSatisfy(id -> assertThat(FAMILY_OF.get(id)).isEqualTo("backend"));
    JsonObject first = feedPage.getJsonArray("items").getJsonObject(0);
    assertThat(first.getDouble("score")).isBetween(0.0, 1.0);
    assertThat(first.getJsonObject("job").fieldNames()).contains("id", "title", "company", "location", "remote",
        "applyUrl", "salary", "skills");
    // Matching builds feed cards, the api role job pages: the same fields with the same values.
    JsonObject card = first.getJsonObject("job");
    JsonObject page = api.get("/v1/jobs/" + card.getString("id"), token).bodyAsJsonObject();
    assertThat(page.fieldNames()).containsAll(card.fieldNames());
    // Compared as written on the wire: JsonObject.equals would take 120000.0 for 120000.
    card.fieldNames().forEach(field -> assertThat(Json.encode(page.getValue(field))).as(field)
        .isEqualTo(Json.encode(card.getValue(field))));
    JsonObject why = first.getJsonObject("why");
    assertThat(why.getJsonArray("matchedSkills")).isNotEmpty();
    assertThat(why.getDouble("similarity")).isGreaterThan(0.0);
    assertThat(why.getString("summary")).startsWith("Matches your skills");
    assertThat(why.getString("reason")).isEqualTo("profile");
  }

  @Test
  void leftSwipesOnTheProfilesFamilyShowOnTheNextRanking() {
    String token = signUp(backendProfile());
    List<String> backend = ids(feed(token, "?limit=3"));
    assertThat(backend).allSatisfy(id -> assertThat(FAMILY_OF.get(id)).isEqualTo("backend"));
    backend.forEach(id -> swipe(token, id, "left"));

    List<String> next = ids(feed(token, "?limit=10"));

    // Three lefts and no right: the family is rejected, so two of its cards at most in any ten.
    assertThat(next).hasSize(10).doesNotContainAnyElementsOf(backend);
    assertThat(next.stream().filter(id -> FAMILY_OF.get(id).equals("backend")).count()).isLessThanOrEqualTo(2);
  }

  @Test
  void hardFiltersHold() throws Exception {
    String token = signUp(backendProfile().put("preferences", new JsonObject().put("remote", "remote")
        .put("salaryFloor", 90_000).put("salaryCurrency", "USD").put("seniority", new JsonArray().add("senior"))
        .put("excludedCompanies", new JsonArray().add("Globex").add("Hooli Inc."))));

    List<String> shown = new ArrayList<>();
    JsonObject page = feed(token, "?limit=50");
    page.getJsonArray("items").forEach(item -> shown.add(((JsonObject) item).getJsonObject("job").getString("id")));

    assertThat(shown).isNotEmpty();
    try (Connection db = node.database().connect();
         PreparedStatement q = db.prepareStatement("SELECT remote, salary_max, seniority, company FROM jobs"
             + " WHERE id = ANY(?)")) {
      q.setArray(1, db.createArrayOf("uuid", shown.stream().map(UUID::fromString).toArray()));
      try (ResultSet rs = q.executeQuery()) {
        int rows = 0;
        while (rs.next()) {
          rows++;
          assertThat(rs.getString("remote")).isEqualTo("remote");
          assertThat(rs.getDouble("salary_max")).isGreaterThanOrEqualTo(90_000);
          assertThat(rs.getString("seniority")).isEqualTo("senior");
          assertThat(rs.getString("company")).isNotIn("Globex", "Hooli");
        }
        assertThat(rows).isEqualTo(shown.size());
      }
    }
  }

  @Test
  void cursorPagesNeitherRepeatNorSkip() throws Exception {
    String token = signUp(backendProfile());

    List<String> walked = new ArrayList<>();
    String query = "?limit=7";
    int pages = 0;
    while (true) {
      JsonObject page = feed(token, query);
      walked.addAll(ids(page));
      pages++;
      String next = page.getString("nextCursor");
      if (next == null) {
        break;
      }
      query = "?limit=7&cursor=" + next;
    }

    assertThat(pages).isGreaterThan(5);
    assertThat(new HashSet<>(walked)).hasSameSizeAs(walked);
    // Every open job has a vector, so the vector half reaches all of them: the walk covers every open job once.
    assertThat(walked).containsExactlyInAnyOrderElementsOf(openJobs());
  }

  private static List<String> openJobs() throws Exception {
    List<String> open = new ArrayList<>();
    try (Connection db = node.database().connect();
         ResultSet rs = db.createStatement().executeQuery("SELECT id::text FROM jobs WHERE status = 'open'")) {
      while (rs.next()) {
        open.add(rs.getString(1));
      }
    }
    return open;
  }

  @Test
  void aSwipedJobNeverComesBack() {
    String token = signUp(backendProfile());
    JsonObject first = feed(token, "?limit=5");
    List<String> firstIds = ids(first);
    // Swiped while the client holds the cursor: the next page of the same ranking skips it too.
    JsonObject peek = feed(token, "?limit=40");
    String later = ids(peek).get(20);
    swipe(token, firstIds.get(0), "right");
    swipe(token, firstIds.get(1), "left");
    swipe(token, later, "save");

    JsonObject fresh = feed(token, "?limit=50");
    JsonObject rest = feed(token, "?limit=50&cursor=" + first.getString("nextCursor"));

    assertThat(ids(fresh)).doesNotContain(firstIds.get(0), firstIds.get(1), later).isNotEmpty();
    assertThat(ids(rest)).doesNotContain(firstIds.get(0), firstIds.get(1), later).isNotEmpty();
  }

  private static void swipe(String token, String jobId, String direction) {
    HttpResponse<Buffer> response = api.post("/v1/swipes", new JsonObject().put("jobId", jobId)
        .put("direction", direction).put("clientId", UUID.randomUUID().toString()), token);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
  }

  @Test
  void everyCardShownIsRecordedWithTheRankingVersionAndItsRank() throws Exception {
    String token = signUp(backendProfile());
    String userId = api.get("/v1/me", token).bodyAsJsonObject().getString("id");
    JsonObject first = feed(token, "?limit=4");
    feed(token, "?limit=3&cursor=" + first.getString("nextCursor"));

    // Impressions are written behind the page (batched every 200 ms): wait for them.
    List<Integer> ranks = new ArrayList<>();
    Set<String> feeds = new HashSet<>();
    Instant deadline = Instant.now().plusSeconds(10);
    while (ranks.size() < 7 && Instant.now().isBefore(deadline)) {
      ranks.clear();
      feeds.clear();
      try (Connection db = node.database().connect();
           PreparedStatement q = db.prepareStatement("SELECT rank, ranking_version, feed_request_id::text"
               + " FROM feed_impressions WHERE user_id = ? ORDER BY rank")) {
        q.setObject(1, UUID.fromString(userId));
        try (ResultSet rs = q.executeQuery()) {
          while (rs.next()) {
            ranks.add(rs.getInt(1));
            assertThat(rs.getString(2)).isEqualTo("hybrid-rrf-2");
            feeds.add(rs.getString(3));
          }
        }
      }
    }
    assertThat(ranks).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(feeds).containsExactly(first.getString("feedId"));

    // A swipe carries what the feed showed: the card's rank, score and the ranking version.
    JsonObject third = first.getJsonArray("items").getJsonObject(2);
    swipe(token, third.getJsonObject("job").getString("id"), "left");
    try (Connection db = node.database().connect();
         PreparedStatement q = db.prepareStatement("SELECT feed_rank, ranking_version, score FROM user_job_interactions"
             + " WHERE user_id = ?")) {
      q.setObject(1, UUID.fromString(userId));
      try (ResultSet rs = q.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(2);
        assertThat(rs.getString(2)).isEqualTo("hybrid-rrf-2");
        assertThat(rs.getDouble(3)).isCloseTo(third.getDouble("score"), org.assertj.core.api.Assertions.within(1e-6));
      }
    }
  }

  @Test
  void anEmptyProfileGetsTheNewestJobs() {
    String token = signUp(null);

    JsonObject page = feed(token, "?limit=10");

    assertThat(ids(page)).hasSize(10);
    // Nothing to go by yet: a mix of kinds, two of one family at most.
    assertThat(ids(page).stream().collect(java.util.stream.Collectors.groupingBy(FAMILY_OF::get,
        java.util.stream.Collectors.counting())).values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(2));
    List<String> posted = new ArrayList<>();
    page.getJsonArray("items").forEach(i -> posted.add(((JsonObject) i).getJsonObject("job").getString("postedAt")));
    assertThat(posted).doesNotContainNull();
  }

  @Test
  void badLimitsAndCursorsAre400() {
    String mine = signUp(backendProfile());
    String theirs = signUp(backendProfile());
    String theirCursor = feed(theirs, "?limit=2").getString("nextCursor");

    for (String query : List.of("?limit=0", "?limit=51", "?limit=abc", "?limit=-1", "?cursor=%25%25",
        "?cursor=bm90LWEtY3Vyc29y", "?cursor=" + "a".repeat(300), "?cursor=" + theirCursor)) {
      HttpResponse<Buffer> response = api.get("/v1/feed" + query, mine);
      assertThat(response.statusCode()).as(query + " " + response.bodyAsString()).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    }
    assertThat(api.get("/v1/feed", null).statusCode()).isEqualTo(401);
  }

  @Test
  void aClosedJobLeavesTheFeedWithoutAnyEvent() throws Exception {
    String token = signUp(backendProfile());
    String top = ids(feed(token, "?limit=1")).get(0);
    try (Connection db = node.database().connect();
         PreparedStatement close = db.prepareStatement("UPDATE jobs SET status = 'closed', closed_at = now(),"
             + " updated_at = now() WHERE id = ?")) {
      close.setObject(1, UUID.fromString(top));
      close.executeUpdate();
    }

    // No jobs.closed event was published: reconciliation (every second here) must find it.
    FeedFixtures.awaitIndexed(node, jobIds.size() - 1);

    assertThat(ids(feed(token, "?limit=50"))).doesNotContain(top);
  }
}
