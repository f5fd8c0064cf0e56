package com.jobswipe.feed;

import com.jobswipe.bus.Accepted;
import com.jobswipe.bus.ApplicationMessages.ApplicationQueued;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Swipes, saved jobs and job pages through HTTP on a real node and database (api role, no automation). */
class SwipeFlowTest {

  private static final String PASSWORD = "correct battery horse staple 7";

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;

  /** A signed-in user. */
  private record User(UUID id, String token) {
  }

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of());
    api = new Api(vertx, node.port());
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  // ---------------------------------------------------------------- right swipes and applications

  @Test
  void anUnverifiedAccountsRightSwipeSendsNothingButADryRunStays() throws Exception {
    User user = unverified();
    UUID job = openJob("Backend Engineer");

    HttpResponse<Buffer> refused = swipe(user, job, "right", "c-" + UUID.randomUUID());

    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("email-unverified");
    try (Connection c = node.database().connect()) {
      ResultSet rows = query(c, "SELECT (SELECT count(*) FROM user_job_interactions WHERE user_id = ?)"
          + " + (SELECT count(*) FROM applications WHERE user_id = ?)", user.id(), user.id());
      assertThat(rows.next()).isTrue();
      assertThat(rows.getLong(1)).as("no swipe, no application").isZero();
    }
    HttpResponse<Buffer> dryRun = api.post("/v1/swipes", swipeBody(job, "right", "c-" + UUID.randomUUID())
        .put("dryRun", true), user.token());
    assertThat(dryRun.statusCode()).as(dryRun.bodyAsString()).isEqualTo(201);
  }

  @Test
  void rightSwipeQueuesOneApplicationAndItsTask() throws Exception {
    User user = signUp();
    UUID job = openJob("Backend Engineer");
    sql("INSERT INTO candidate_profiles (user_id, dry_run) VALUES (?, true)", user.id());
    UUID primary = resume(user, true);
    resume(user, false);
    impression(user, job, 7, 0.41, "bm25-v1", Instant.now().minusSeconds(600));
    impression(user, job, 2, 0.87, "hybrid-v2", Instant.now().minusSeconds(60));

    HttpResponse<Buffer> response = swipe(user, job, "right", "c-" + UUID.randomUUID());

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject body = response.bodyAsJsonObject();
    JsonObject interaction = body.getJsonObject("interaction");
    assertThat(interaction.getString("jobId")).isEqualTo(job.toString());
    assertThat(interaction.getString("direction")).isEqualTo("right");
    assertThat(interaction.getString("createdAt")).isNotBlank();
    UUID applicationId = UUID.fromString(body.getString("applicationId"));

    try (Connection c = node.database().connect()) {
      ResultSet app = query(c, "SELECT status, dry_run, resume_id, interaction_id, job_id FROM applications"
          + " WHERE user_id = ?", user.id());
      assertThat(app.next()).isTrue();
      assertThat(app.getString("status")).isEqualTo("QUEUED");
      assertThat(app.getBoolean("dry_run")).as("from the profile").isTrue();
      assertThat(app.getObject("resume_id")).as("the primary resume").isEqualTo(primary);
      assertThat(app.getObject("interaction_id")).hasToString(interaction.getString("id"));
      assertThat(app.getObject("job_id")).isEqualTo(job);
      assertThat(app.next()).as("one application").isFalse();

      ResultSet task = query(c, "SELECT state FROM application_tasks WHERE application_id = ?", applicationId);
      assertThat(task.next()).isTrue();
      assertThat(task.getString("state")).isEqualTo("QUEUED");
      assertThat(task.next()).as("one task").isFalse();

      ResultSet recorded = query(c, "SELECT ranking_version, feed_rank, score FROM user_job_interactions"
          + " WHERE user_id = ?", user.id());
      assertThat(recorded.next()).isTrue();
      assertThat(recorded.getString("ranking_version")).as("the latest impression").isEqualTo("hybrid-v2");
      assertThat(recorded.getInt("feed_rank")).isEqualTo(2);
      assertThat(recorded.getFloat("score")).isEqualTo(0.87f);
    }
  }

  @Test
  void aSwipeWithoutAnImpressionOrProfileStillWorks() throws Exception {
    User user = signUp();
    UUID job = openJob("Data Engineer");

    HttpResponse<Buffer> response = swipe(user, job, "right", "k1");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(count("SELECT count(*) FROM applications WHERE user_id = ? AND NOT dry_run AND resume_id IS NULL",
        user.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ? AND ranking_version IS NULL"
        + " AND feed_rank IS NULL AND score IS NULL", user.id())).isEqualTo(1);
  }

  @Test
  void aReplayedSwipeAnswersTheSameAndCreatesNothing() throws Exception {
    User user = signUp();
    UUID job = openJob("Site Reliability Engineer");
    String key = UUID.randomUUID().toString();

    HttpResponse<Buffer> first = swipe(user, job, "right", key);
    HttpResponse<Buffer> again = swipe(user, job, "right", key);

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(again.statusCode()).as(again.bodyAsString()).isEqualTo(200);
    assertThat(again.bodyAsJsonObject()).isEqualTo(first.bodyAsJsonObject());
    assertThat(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ?", user.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM applications WHERE user_id = ?", user.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM application_tasks t JOIN applications a ON a.id = t.application_id"
        + " WHERE a.user_id = ?", user.id())).isEqualTo(1);

    HttpResponse<Buffer> savedFirst = swipe(user, openJob("Platform Engineer"), "save", "save-key");
    assertThat(savedFirst.statusCode()).isEqualTo(201);
    assertThat(savedFirst.bodyAsJsonObject().containsKey("applicationId")).isFalse();
  }

  @Test
  void aKeyUsedForAnotherSwipeIsAConflict() throws Exception {
    User user = signUp();
    UUID job = openJob("Frontend Engineer");
    UUID other = openJob("Mobile Engineer");
    assertThat(swipe(user, job, "save", "key").statusCode()).isEqualTo(201);

    HttpResponse<Buffer> otherJob = swipe(user, other, "save", "key");
    HttpResponse<Buffer> otherDirection = swipe(user, job, "left", "key");

    for (HttpResponse<Buffer> response : List.of(otherJob, otherDirection)) {
      assertThat(response.statusCode()).isEqualTo(409);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
      assertThat(response.bodyAsJsonObject().getString("detail")).contains("already used for another swipe");
    }
    assertThat(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ?", user.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ? AND direction = 'save'",
        user.id())).as("the save was not replaced").isEqualTo(1);
  }

  @Test
  void aSecondSwipeOnASwipedJobIsAConflict() throws Exception {
    User user = signUp();
    UUID applied = openJob("Staff Engineer");
    UUID passed = openJob("Principal Engineer");
    UUID saved = openJob("Engineering Manager");
    assertThat(swipe(user, applied, "right", "a1").statusCode()).isEqualTo(201);
    assertThat(swipe(user, passed, "left", "p1").statusCode()).isEqualTo(201);
    assertThat(swipe(user, saved, "save", "s1").statusCode()).isEqualTo(201);

    assertThat(swipe(user, applied, "left", "a2").statusCode()).isEqualTo(409);
    assertThat(swipe(user, applied, "right", "a3").statusCode()).isEqualTo(409);
    assertThat(swipe(user, applied, "save", "a4").statusCode()).isEqualTo(409);
    assertThat(swipe(user, passed, "right", "p2").statusCode()).isEqualTo(409);
    assertThat(swipe(user, saved, "save", "s2").statusCode()).isEqualTo(409);

    assertThat(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ?", user.id())).isEqualTo(3);
    assertThat(count("SELECT count(*) FROM applications WHERE user_id = ?", user.id())).isEqualTo(1);
  }

  @Test
  void aSaveIsReplacedByARightSwipeInItsOwnRow() throws Exception {
    User user = signUp();
    UUID job = openJob("Security Engineer");
    impression(user, job, 4, 0.5, "hybrid-v2", Instant.now().minusSeconds(30));

    JsonObject save = swipe(user, job, "save", "save-1").bodyAsJsonObject().getJsonObject("interaction");
    HttpResponse<Buffer> right = swipe(user, job, "right", "right-1");

    assertThat(right.statusCode()).as(right.bodyAsString()).isEqualTo(201);
    JsonObject interaction = right.bodyAsJsonObject().getJsonObject("interaction");
    assertThat(interaction.getString("id")).isEqualTo(save.getString("id"));
    assertThat(interaction.getString("direction")).isEqualTo("right");
    assertThat(interaction.getString("clientId")).isEqualTo("right-1");
    assertThat(interaction.getString("createdAt")).isEqualTo(save.getString("createdAt"));
    assertThat(Instant.parse(interaction.getString("updatedAt"))).isAfter(Instant.parse(save.getString("updatedAt")));
    assertThat(right.bodyAsJsonObject().getString("applicationId")).isNotBlank();
    assertThat(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ? AND direction = 'right'"
        + " AND feed_rank = 4", user.id())).as("one row, now right").isEqualTo(1);
    assertThat(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ?", user.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM applications WHERE user_id = ? AND interaction_id = ?", user.id(),
        UUID.fromString(interaction.getString("id")))).isEqualTo(1);

    // The right swipe's key replays; the replaced save's no longer names a stored swipe.
    assertThat(swipe(user, job, "right", "right-1").statusCode()).isEqualTo(200);
    assertThat(swipe(user, job, "save", "save-1").statusCode()).isEqualTo(409);
    assertThat(count("SELECT count(*) FROM applications WHERE user_id = ?", user.id())).isEqualTo(1);
  }

  @Test
  void aSaveIsReplacedByALeftSwipeWithoutAnApplication() throws Exception {
    User user = signUp();
    UUID job = openJob("QA Engineer");
    assertThat(swipe(user, job, "save", "s").statusCode()).isEqualTo(201);

    HttpResponse<Buffer> left = swipe(user, job, "left", "l");

    assertThat(left.statusCode()).isEqualTo(201);
    assertThat(left.bodyAsJsonObject().containsKey("applicationId")).isFalse();
    assertThat(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ? AND direction = 'left'",
        user.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM applications WHERE user_id = ?", user.id())).isZero();
    assertThat(saved(user, null).getJsonArray("items")).isEmpty();
  }

  @Test
  void aClosedJobTakesNoRightSwipeButCanBeSavedOrPassed() throws Exception {
    User user = signUp();
    UUID closed = job("Closed Role", "closed");
    UUID closedToo = job("Another Closed Role", "closed");

    HttpResponse<Buffer> right = swipe(user, closed, "right", "r");
    assertThat(right.statusCode()).isEqualTo(409);
    assertThat(right.bodyAsJsonObject().getString("detail")).contains("closed");
    assertThat(swipe(user, closed, "save", "s").statusCode()).isEqualTo(201);
    assertThat(swipe(user, closed, "right", "r2").statusCode()).as("a saved job that closed").isEqualTo(409);
    assertThat(swipe(user, closedToo, "left", "l").statusCode()).isEqualTo(201);
    assertThat(count("SELECT count(*) FROM applications WHERE user_id = ?", user.id())).isZero();
  }

  @Test
  void unknownJobsAndMissingCredentialsAreRefused() {
    User user = signUp();
    assertThat(swipe(user, UUID.randomUUID(), "right", "k").statusCode()).isEqualTo(404);
    HttpResponse<Buffer> anonymous = api.post("/v1/swipes", swipeBody(openJob("Any"), "right", "k"));
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(api.get("/v1/saved", null).statusCode()).isEqualTo(401);
    assertThat(api.get("/v1/jobs/" + UUID.randomUUID(), null).statusCode()).isEqualTo(401);
  }

  // ---------------------------------------------------------------- the bus

  @Test
  void aRightSwipeTellsAutomationAfterCommit() throws Exception {
    User user = signUp();
    UUID job = openJob("Automation Engineer");
    Vertx nodeVertx = node.app().vertx();
    Promise<ApplicationQueued> heard = Promise.promise();
    Promise<Long> tasksWhenHeard = Promise.promise();
    // The node runs without the automation role: this consumer stands in for it.
    MessageConsumer<JsonObject> automation = Bus.APPLICATION_QUEUED.serve(nodeVertx.eventBus(), queued -> {
      if (queued.userId().equals(user.id().toString()) && heard.tryComplete(queued)) {
        nodeVertx.executeBlocking(() -> count("SELECT count(*) FROM application_tasks WHERE application_id = ?",
            UUID.fromString(queued.applicationId()))).onComplete(tasksWhenHeard);
      }
      return Future.succeededFuture(new Accepted(queued.applicationId()));
    });
    automation.completion().await();
    try {
      HttpResponse<Buffer> response = swipe(user, job, "right", "bus-1");
      assertThat(response.statusCode()).isEqualTo(201);

      ApplicationQueued message = heard.future().timeout(10, TimeUnit.SECONDS).await();
      assertThat(message.applicationId()).isEqualTo(response.bodyAsJsonObject().getString("applicationId"));
      assertThat(message.userId()).isEqualTo(user.id().toString());
      assertThat(tasksWhenHeard.future().timeout(10, TimeUnit.SECONDS).await())
          .as("the task is committed before automation hears of it").isEqualTo(1L);

      // A replay does not announce the application again.
      assertThat(swipe(user, job, "right", "bus-1").statusCode()).isEqualTo(200);
    } finally {
      automation.unregister().await();
    }
  }

  @Test
  void aSwipeSucceedsWhenNoAutomationListens() {
    // No consumer: the send fails with NO_HANDLER, which is logged; the task waits in PostgreSQL.
    User user = signUp();
    assertThat(swipe(user, openJob("Lonely Role"), "right", "k").statusCode()).isEqualTo(201);
  }

  // ---------------------------------------------------------------- saved jobs

  @Test
  void savedJobsPageNewestFirstWithoutRepeatsOrGaps() throws Exception {
    User user = signUp();
    List<String> savedNewestFirst = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      UUID job = openJob("Saved role " + i);
      assertThat(swipe(user, job, "save", "save-" + i).statusCode()).isEqualTo(201);
      savedNewestFirst.add(0, job.toString());
    }
    UUID passed = openJob("Passed role");
    swipe(user, passed, "left", "left-1");

    List<String> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = saved(user, "limit=10" + (cursor == null ? "" : "&cursor=" + cursor));
      JsonArray items = page.getJsonArray("items");
      sizes.add(items.size());
      for (int i = 0; i < items.size(); i++) {
        JsonObject item = items.getJsonObject(i);
        seen.add(item.getJsonObject("job").getString("id"));
        assertThat(item.getString("savedAt")).isNotBlank();
        assertThat(item.getString("interactionId")).isNotBlank();
      }
      if (pages == 0) {
        // A save made while paging is newer than every cursor: it belongs to a fresh first page only.
        swipe(user, openJob("Saved while paging"), "save", "late");
      }
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(sizes).containsExactly(10, 10, 5);
    assertThat(seen).containsExactlyElementsOf(savedNewestFirst);
    assertThat(saved(user, null).getJsonArray("items")).as("default page of 20").hasSize(20);
  }

  @Test
  void aSavedItemCarriesTheJobCard() throws Exception {
    User user = signUp();
    UUID job = job("Senior Backend Engineer", "open");
    swipe(user, job, "save", "card");

    JsonObject item = saved(user, null).getJsonArray("items").getJsonObject(0);

    assertThat(item.getString("jobStatus")).isEqualTo("open");
    assertCard(item.getJsonObject("job"), job);
  }

  @Test
  void badPageParametersAreRefused() {
    User user = signUp();
    User other = signUp();
    for (int i = 0; i < 3; i++) {
      swipe(user, openJob("Saved " + i), "save", "s" + i);
      swipe(other, openJob("Other's saved " + i), "save", "s" + i);
    }
    String cursor = saved(user, "limit=1").getString("nextCursor");
    assertThat(cursor).isNotNull();
    String othersCursor = saved(other, "limit=1").getString("nextCursor");
    char last = cursor.charAt(cursor.length() - 1);
    String tampered = cursor.substring(0, cursor.length() - 1) + (last == 'A' ? 'B' : 'A');

    for (String query : List.of("cursor=garbage", "cursor=" + tampered, "cursor=" + othersCursor,
        "cursor=" + "A".repeat(1000), "cursor=", "cursor=%00", "cursor=%zz", "limit=%", "cursor=" + cursor + "&cursor=" + cursor,
        "limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1e1", "limit=10.0", "limit=", "limit=99999999999",
        "limit=10&limit=20")) {
      HttpResponse<Buffer> response = api.get("/v1/saved?" + query, user.token());
      assertThat(response.statusCode()).as(query.length() > 80 ? query.substring(0, 80) + "…" : query + ": "
          + response.bodyAsString()).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
    assertThat(api.get("/v1/saved?limit=100&cursor=" + cursor, user.token()).statusCode()).isEqualTo(200);
    assertThat(api.get("/v1/saved?limit=1&unknown=1", user.token()).statusCode()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- job pages

  @Test
  void aJobPageShowsTheCardTheDescriptionAndOnlyMySwipe() throws Exception {
    User me = signUp();
    User someoneElse = signUp();
    UUID job = job("Senior Backend Engineer", "open");
    swipe(me, job, "save", "mine");

    JsonObject mine = api.get("/v1/jobs/" + job, me.token()).bodyAsJsonObject();
    assertCard(mine, job);
    assertThat(mine.getString("descriptionHtml")).isEqualTo("<p>Build <b>APIs</b>.</p>");
    assertThat(mine.getString("descriptionText")).isEqualTo("Build APIs.");
    assertThat(mine.getString("status")).isEqualTo("open");
    assertThat(mine.getValue("closedAt")).isNull();
    assertThat(mine.getString("atsKind")).isEqualTo("greenhouse");
    assertThat(mine.getJsonObject("swipe").getString("direction")).isEqualTo("save");
    assertThat(mine.getJsonObject("swipe").getString("createdAt")).isNotBlank();

    HttpResponse<Buffer> theirs = api.get("/v1/jobs/" + job, someoneElse.token());
    assertThat(theirs.statusCode()).isEqualTo(200);
    assertThat(theirs.bodyAsJsonObject().containsKey("swipe")).as("my swipe is mine").isFalse();
    assertThat(saved(someoneElse, null).getJsonArray("items")).isEmpty();
  }

  @Test
  void aClosedJobHasAPageAndUnknownIdsAreNotFound() throws Exception {
    User user = signUp();
    UUID closed = job("Gone Role", "closed");

    JsonObject page = api.get("/v1/jobs/" + closed, user.token()).bodyAsJsonObject();
    assertThat(page.getString("status")).isEqualTo("closed");
    assertThat(page.getString("closedAt")).isNotBlank();

    for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "1", "%27%20OR%201%3D1")) {
      HttpResponse<Buffer> response = api.get("/v1/jobs/" + id, user.token());
      assertThat(response.statusCode()).as(id).isEqualTo(404);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
  }

  @Test
  void aJobWithoutOptionalFieldsHasNullsNotGaps() throws Exception {
    User user = signUp();
    UUID bare = openJob("Bare Role");

    JsonObject page = api.get("/v1/jobs/" + bare, user.token()).bodyAsJsonObject();

    assertThat(page.fieldNames()).contains("location", "salary", "postedAt", "family", "seniority",
        "employmentType");
    assertThat(page.getValue("location")).isNull();
    assertThat(page.getJsonArray("locations")).isEmpty();
    assertThat(page.getValue("salary")).isNull();
    assertThat(page.getJsonArray("skills")).isEmpty();
  }

  // ---------------------------------------------------------------- races and hostile input

  @Test
  void identicalSwipesSentTogetherRecordOneInteractionAndOneApplication() throws Exception {
    User user = signUp();
    UUID job = openJob("Concurrency Engineer");
    JsonObject body = swipeBody(job, "right", "same-key");

    List<HttpResponse<Buffer>> responses = parallel(user, List.of(body, body, body, body, body, body, body, body));

    List<Integer> statuses = responses.stream().map(HttpResponse::statusCode).toList();
    assertThat(statuses).as(statuses.toString()).containsOnly(200, 201);
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    Set<JsonObject> bodies = new HashSet<>();
    responses.forEach(r -> bodies.add(r.bodyAsJsonObject()));
    assertThat(bodies).as("every answer is the first answer").hasSize(1);
    assertThat(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ?", user.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM applications WHERE user_id = ?", user.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM application_tasks t JOIN applications a ON a.id = t.application_id"
        + " WHERE a.user_id = ?", user.id())).isEqualTo(1);
  }

  @Test
  void differentSwipesOnOneJobSentTogetherLetOneWin() throws Exception {
    User user = signUp();
    UUID job = openJob("Race Engineer");
    List<JsonObject> bodies = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      bodies.add(swipeBody(job, i % 2 == 0 ? "right" : "left", "racer-" + i));
    }

    List<Integer> statuses = parallel(user, bodies).stream().map(HttpResponse::statusCode).toList();

    assertThat(statuses).as(statuses.toString()).containsOnly(201, 409);
    assertThat(statuses.stream().filter(s -> s == 201)).hasSize(1);
    assertThat(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ?", user.id())).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM applications WHERE user_id = ?", user.id()))
        .isEqualTo(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ? AND direction = 'right'",
            user.id()));
  }

  @Test
  void hostileSwipeBodiesAre4xx() throws Exception {
    User user = signUp();
    String job = openJob("Target").toString();
    List<String> bodies = new ArrayList<>(List.of("", "null", "[]", "\"right\"", "{", "{}",
        "{\"jobId\": \"" + job + "\"}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"right\"}",
        "{\"jobId\": 5, \"direction\": \"right\", \"clientId\": \"k\"}",
        "{\"jobId\": \"" + job + "\", \"direction\": true, \"clientId\": \"k\"}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"right\", \"clientId\": 7}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"right\", \"clientId\": [\"k\"]}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"right\", \"clientId\": {\"$ne\": null}}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"RIGHT\", \"clientId\": \"k\"}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"up\", \"clientId\": \"k\"}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"right\", \"clientId\": \"\"}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"right\", \"clientId\": null}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"right\", \"clientId\": \"k\", \"admin\": true}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"right\", \"clientId\": \"k\\u0000\"}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"right\", \"clientId\": \"\\ud800\"}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"right\", \"clientId\": \"" + "k".repeat(101) + "\"}",
        "{\"jobId\": \"" + job + "\", \"direction\": \"right\", \"clientId\": \"" + "k".repeat(2_000_000) + "\"}",
        "{\"jobId\": \"" + job + "' OR 1=1 --\", \"direction\": \"right\", \"clientId\": \"k\"}",
        "{\"jobId\": \"" + job + "0\", \"direction\": \"right\", \"clientId\": \"k\"}",
        "{\"jobId\": \"not-a-uuid\", \"direction\": \"right\", \"clientId\": \"k\"}",
        "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)));

    List<String> failures = new ArrayList<>();
    for (String text : bodies) {
      HttpResponse<Buffer> response = api.request(HttpMethod.POST, "/v1/swipes")
          .putHeader("Authorization", "Bearer " + user.token()).putHeader("Content-Type", "application/json")
          .sendBuffer(Buffer.buffer(text)).await();
      if (response.statusCode() < 400 || response.statusCode() >= 500
          || !"application/problem+json".equals(response.getHeader("Content-Type"))) {
        failures.add(response.statusCode() + " for " + (text.length() > 80 ? text.substring(0, 80) + "…" : text));
      }
    }
    HttpResponse<Buffer> wrongType = api.request(HttpMethod.POST, "/v1/swipes")
        .putHeader("Authorization", "Bearer " + user.token()).putHeader("Content-Type", "text/plain")
        .sendBuffer(Buffer.buffer(swipeBody(UUID.fromString(job), "right", "k").encode())).await();

    assertThat(failures).isEmpty();
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(count("SELECT count(*) FROM user_job_interactions WHERE user_id = ?", user.id()))
        .as("no hostile body was stored").isZero();
    assertThat(swipe(user, UUID.fromString(job), "right", "k").statusCode()).as("still serving").isEqualTo(201);
  }

  // ---------------------------------------------------------------- helpers

  /** A signed-up user whose address is verified (as if they had opened the link), so right swipes apply. */
  private static User signUp() {
    User user = unverified();
    try {
      sql("UPDATE users SET email_verified_at = now() WHERE id = ?", user.id());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return user;
  }

  private static User unverified() {
    String email = "swiper." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    HttpResponse<Buffer> response = api.post("/v1/auth/register", new JsonObject().put("email", email)
        .put("password", PASSWORD));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject session = response.bodyAsJsonObject();
    return new User(UUID.fromString(session.getJsonObject("user").getString("id")), session.getString("accessToken"));
  }

  private static JsonObject swipeBody(UUID job, String direction, String clientId) {
    return new JsonObject().put("jobId", job.toString()).put("direction", direction).put("clientId", clientId);
  }

  private static HttpResponse<Buffer> swipe(User user, UUID job, String direction, String clientId) {
    return api.post("/v1/swipes", swipeBody(job, direction, clientId), user.token());
  }

  private static JsonObject saved(User user, String query) {
    HttpResponse<Buffer> response = api.get("/v1/saved" + (query == null ? "" : "?" + query), user.token());
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** Sends every body at once, without waiting for one answer before the next request. */
  private static List<HttpResponse<Buffer>> parallel(User user, List<JsonObject> bodies) {
    List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
    for (JsonObject body : bodies) {
      sent.add(api.request(HttpMethod.POST, "/v1/swipes").putHeader("Authorization", "Bearer " + user.token())
          .sendJsonObject(body));
    }
    Future.all(sent).await();
    return sent.stream().map(Future::result).toList();
  }

  private static void assertCard(JsonObject card, UUID job) {
    assertThat(card.getString("id")).isEqualTo(job.toString());
    assertThat(card.getString("title")).isEqualTo("Senior Backend Engineer");
    assertThat(card.getString("company")).isEqualTo("Acme Robotics");
    assertThat(card.getString("location")).isEqualTo("Berlin, Germany");
    assertThat(card.getJsonArray("locations")).containsExactly("Berlin, Germany", "Remote (EU)");
    assertThat(card.getString("remote")).isEqualTo("hybrid");
    assertThat(card.getString("applyUrl")).isEqualTo("https://boards.greenhouse.io/acme/jobs/4012345");
    assertThat(card.getString("employmentType")).isEqualTo("full_time");
    assertThat(card.getJsonObject("salary")).isEqualTo(new JsonObject().put("min", 85000).put("max", 110000.5)
        .put("currency", "EUR").put("period", "year"));
    assertThat(card.getString("postedAt")).isEqualTo("2026-11-20T08:00:00Z");
    assertThat(card.getString("family")).isEqualTo("engineering");
    assertThat(card.getString("seniority")).isEqualTo("senior");
    assertThat(card.getJsonArray("skills")).containsExactly("Java", "PostgreSQL");
  }

  private static UUID openJob(String title) {
    try (Connection c = node.database().connect();
         PreparedStatement s = c.prepareStatement("INSERT INTO jobs (title, company, apply_url) VALUES (?, ?, ?)"
             + " RETURNING id")) {
      s.setString(1, title);
      s.setString(2, "Plain Co");
      s.setString(3, "https://example.com/jobs/" + UUID.randomUUID());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return (UUID) rs.getObject(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A fully described job, as ingestion stores a Greenhouse posting. */
  private static UUID job(String title, String status) throws SQLException {
    try (Connection c = node.database().connect();
         PreparedStatement s = c.prepareStatement("INSERT INTO jobs (title, company, locations, remote,"
             + " employment_type, salary_min, salary_max, salary_currency, salary_period, description_text,"
             + " description_html, apply_url, ats_kind, ats_domain, posted_at, family, seniority, skills, status,"
             + " closed_at) VALUES (?, 'Acme Robotics', ?, 'hybrid', 'full_time', 85000, 110000.50, 'EUR', 'year',"
             + " 'Build APIs.', '<p>Build <b>APIs</b>.</p>', ?, 'greenhouse', 'boards.greenhouse.io', ?,"
             + " 'engineering', 'senior', ?, ?, ?) RETURNING id")) {
      Array locations = c.createArrayOf("text", new String[] {"Berlin, Germany", "Remote (EU)"});
      s.setString(1, title);
      s.setArray(2, locations);
      s.setString(3, "open".equals(status) ? "https://boards.greenhouse.io/acme/jobs/4012345"
          : "https://boards.greenhouse.io/acme/jobs/" + UUID.randomUUID());
      s.setTimestamp(4, Timestamp.from(Instant.parse("2026-11-20T08:00:00Z")));
      s.setArray(5, c.createArrayOf("text", new String[] {"Java", "PostgreSQL"}));
      s.setString(6, status);
      s.setTimestamp(7, "closed".equals(status) ? Timestamp.from(Instant.now()) : null);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return (UUID) rs.getObject(1);
      }
    }
  }

  private static UUID resume(User user, boolean primary) throws SQLException {
    try (Connection c = node.database().connect();
         PreparedStatement s = c.prepareStatement("INSERT INTO resumes (user_id, filename, content_type, size_bytes,"
             + " sha256, file_enc, key_id, status, is_primary) VALUES (?, 'cv.pdf', 'application/pdf', 3, ?, ?,"
             + " 'test1', 'parsed', ?) RETURNING id")) {
      s.setObject(1, user.id());
      s.setBytes(2, new byte[32]);
      s.setBytes(3, new byte[] {1, 2, 3});
      s.setBoolean(4, primary);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return (UUID) rs.getObject(1);
      }
    }
  }

  private static void impression(User user, UUID job, int rank, double score, String version, Instant at)
      throws SQLException {
    sql("INSERT INTO feed_impressions (user_id, feed_request_id, job_id, rank, score, ranking_version, created_at)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)", user.id(), UUID.randomUUID(), job, rank, (float) score, version,
        Timestamp.from(at));
  }

  private static void sql(String sql, Object... params) throws SQLException {
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.executeUpdate();
    }
  }

  private static ResultSet query(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement s = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      s.setObject(i + 1, params[i]);
    }
    return s.executeQuery();
  }

  private static long count(String sql, Object... params) throws SQLException {
    try (Connection c = node.database().connect(); ResultSet rs = query(c, sql, params)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
