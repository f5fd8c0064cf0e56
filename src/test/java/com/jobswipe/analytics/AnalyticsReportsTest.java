package com.jobswipe.analytics;

import com.jobswipe.bus.Role;
import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.testing.Admins;
import com.jobswipe.testing.TestNodes;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The operators' reports over HTTP against a real node, on a week of use small enough to count by hand
 * ({@code fixtures/analytics/week-of-june.sql}): every number below is counted from that file. Each report is read
 * as JSON and as CSV (parsed back by Commons CSV), from the rollups and — with the rollups hidden — live from the
 * record, and both must give the same hand-counted rows. The rollup job is run twice, on two pools at once, and
 * after a change to a closed day, and must always leave the same rows as one full run.
 */
class AnalyticsReportsTest {

  static final String PASSWORD = "correct battery horse staple 7";
  private static final String WINDOW = "from=2026-06-01&to=2026-06-09";
  private static final List<String> ROLLUP_TABLES = List.of("analytics_funnel_daily", "analytics_rank_daily",
      "analytics_ranking_daily", "analytics_automation_daily", "analytics_automation_reasons_daily",
      "analytics_sources_daily", "analytics_users_daily", "analytics_active_daily");

  private static final String OPS = "ops@example.com";

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static Pool pool;
  private static String admin;
  private static String reportsKey;
  private static String otherKey;
  private static TestUser u1;
  private static TestUser u2;
  private static TestUser u3;

  record TestUser(String id, String token) {
  }

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of("JOBSWIPE_ADMIN_EMAILS", OPS));
    api = new Api(vertx, node.port());
    pool = pool();
    u1 = register(api, "u1");
    u2 = register(api, "u2");
    u3 = register(api, "u3");
    admin = Admins.admin(api, node.database(), OPS, PASSWORD);
    reportsKey = apiKey("reports-bot", "reports:read");
    otherKey = apiKey("ingest-bot", "sources:write");
    String fixture = new String(AnalyticsReportsTest.class.getResourceAsStream("/fixtures/analytics/week-of-june.sql")
        .readAllBytes(), StandardCharsets.UTF_8);
    sql(fixture.replace("${U1}", u1.id()).replace("${U2}", u2.id()).replace("${U3}", u3.id()));
    // The fixture's rows carry past timestamps, as a backfill would: a rebuild, not a periodic run, rolls them up.
    new RollupJob(pool).rebuild().await();
  }

  @AfterAll
  static void stop() {
    pool.close().await();
    node.close();
    vertx.close().await();
  }

  // ---------------------------------------------------------------- the hand-counted week

  @Test
  void everyReportFromTheRollupsIsTheHandCountedWeek() throws Exception {
    assertHandCounted();
  }

  @Test
  void theSameReportsReadLiveFromTheRecordAreTheHandCountedWeekToo() throws Exception {
    // Holding the job's lock keeps every node's periodic run out while the rollups are hidden.
    try (Connection db = node.database().connect(); Statement s = db.createStatement()) {
      s.execute("SELECT pg_advisory_lock(hashtext('jobswipe.analytics.rollup'), 0)");
      s.execute("UPDATE analytics_rollup_state SET complete_through = NULL");
      try {
        JsonObject window = report("funnel", WINDOW, admin).getJsonObject("window");
        assertThat(window.getValue("rolledUpThrough")).as("nothing rolled up: every day is read live").isNull();
        assertHandCounted();
      } finally {
        s.execute("UPDATE analytics_rollup_state SET complete_through = (now() AT TIME ZONE 'UTC')::date - 1");
        s.execute("SELECT pg_advisory_unlock(hashtext('jobswipe.analytics.rollup'), 0)");
      }
    }
  }

  private static void assertHandCounted() throws Exception {
    assertReport("funnel", WINDOW, List.of(
        row("2026-06-01", "all", "all", 9, 2, 2, 1, 0, 0, 0, 0, 0),
        row("2026-06-01", "category", "design", 2, 0, 0, 0, 0, 0, 0, 0, 0),
        row("2026-06-01", "category", "engineering", 6, 2, 2, 1, 0, 0, 0, 0, 0),
        row("2026-06-01", "category", "sales", 1, 0, 0, 0, 0, 0, 0, 0, 0),
        row("2026-06-01", "source", "Acme Greenhouse", 6, 2, 2, 1, 0, 0, 0, 0, 0),
        row("2026-06-01", "source", "Remote Board", 3, 0, 0, 0, 0, 0, 0, 0, 0),
        row("2026-06-01", "ats", "ashby", 1, 0, 0, 0, 0, 0, 0, 0, 0),
        row("2026-06-01", "ats", "greenhouse", 6, 2, 2, 1, 0, 0, 0, 0, 0),
        row("2026-06-01", "ats", "lever", 2, 0, 0, 0, 0, 0, 0, 0, 0),
        row("2026-06-02", "all", "all", 2, 2, 2, 1, 1, 0, 0, 0, 0),
        row("2026-06-02", "category", "design", 1, 1, 1, 0, 0, 0, 0, 0, 0),
        row("2026-06-02", "category", "engineering", 1, 1, 1, 1, 1, 0, 0, 0, 0),
        row("2026-06-02", "source", "Acme Greenhouse", 1, 1, 1, 1, 1, 0, 0, 0, 0),
        row("2026-06-02", "source", "Remote Board", 1, 1, 1, 0, 0, 0, 0, 0, 0),
        row("2026-06-02", "ats", "greenhouse", 1, 1, 1, 1, 1, 0, 0, 0, 0),
        row("2026-06-02", "ats", "lever", 1, 1, 1, 0, 0, 0, 0, 0, 0),
        row("2026-06-09", "all", "all", 0, 0, 0, 0, 0, 1, 1, 0, 0),
        row("2026-06-09", "category", "engineering", 0, 0, 0, 0, 0, 1, 1, 0, 0),
        row("2026-06-09", "source", "Acme Greenhouse", 0, 0, 0, 0, 0, 1, 1, 0, 0),
        row("2026-06-09", "ats", "greenhouse", 0, 0, 0, 0, 0, 1, 1, 0, 0)));
    assertReport("funnel", WINDOW + "&groupBy=week", List.of(
        row("2026-06-01", "all", "all", 11, 4, 4, 2, 1, 0, 0, 0, 0),
        row("2026-06-01", "category", "design", 3, 1, 1, 0, 0, 0, 0, 0, 0),
        row("2026-06-01", "category", "engineering", 7, 3, 3, 2, 1, 0, 0, 0, 0),
        row("2026-06-01", "category", "sales", 1, 0, 0, 0, 0, 0, 0, 0, 0),
        row("2026-06-01", "source", "Acme Greenhouse", 7, 3, 3, 2, 1, 0, 0, 0, 0),
        row("2026-06-01", "source", "Remote Board", 4, 1, 1, 0, 0, 0, 0, 0, 0),
        row("2026-06-01", "ats", "ashby", 1, 0, 0, 0, 0, 0, 0, 0, 0),
        row("2026-06-01", "ats", "greenhouse", 7, 3, 3, 2, 1, 0, 0, 0, 0),
        row("2026-06-01", "ats", "lever", 3, 1, 1, 0, 0, 0, 0, 0, 0),
        row("2026-06-08", "all", "all", 0, 0, 0, 0, 0, 1, 1, 0, 0),
        row("2026-06-08", "category", "engineering", 0, 0, 0, 0, 0, 1, 1, 0, 0),
        row("2026-06-08", "source", "Acme Greenhouse", 0, 0, 0, 0, 0, 1, 1, 0, 0),
        row("2026-06-08", "ats", "greenhouse", 0, 0, 0, 0, 0, 1, 1, 0, 0)));

    // Matching. R1 (v1): relevant at positions 3 and 5, so DCG@5 = 1/log2(4) + 1/log2(6) = 0.886853 and
    // IDCG@5 = 1 + 1/log2(3) = 1.630930: nDCG@5 = 0.543771; precision@5 = 2/5, @10 = 2/10. R0 (v1) has one
    // impression and no relevant one (its job was shown again in R1 before the swipe): precision 0, not judged.
    // R2 (v2): relevant at position 1, nDCG 1. R3 (v1, D2): relevant at 1 and 2, nDCG 1, precision@5 = 2/5.
    assertReport("matching", WINDOW, List.of(
        row("2026-06-01", "v1", 2, 1, 6, 2, "0.333333", 0, 0, 1, 0, 1, null, null, 0, null, null,
            "0.2", "0.1", "0.543771", "0.543771"),
        row("2026-06-01", "v2", 1, 1, 3, 1, "0.333333", 1, 0, 0, null, null, null, null, null, null, null,
            "0.2", "0.1", 1, 1),
        row("2026-06-02", "v1", 1, 1, 2, 2, 1, 1, 1, null, null, null, null, null, null, null, null,
            "0.4", "0.2", 1, 1)));
    // The week: v1 precision@5 = (0 + 0.4 + 0.4) / 3 rankings, nDCG@5 = (0.543771 + 1) / 2 judged rankings.
    assertReport("matching", WINDOW + "&groupBy=week", List.of(
        row("2026-06-01", "v1", 3, 2, 8, 4, "0.5", "0.5", "0.5", 1, 0, 1, null, null, 0, null, null,
            "0.266667", "0.133333", "0.771886", "0.771886"),
        row("2026-06-01", "v2", 1, 1, 3, 1, "0.333333", 1, 0, 0, null, null, null, null, null, null, null,
            "0.2", "0.1", 1, 1)));

    // Automation: A1 submitted after 1,800 s, A3 after 7,200 s (the week's p50 4,500, p95 1,800 + 0.95 × 5,400).
    assertReport("automation", WINDOW, List.of(
        row("2026-06-01", "greenhouse", "boards.greenhouse.io", 2, 1, 1, 1, 0, "0.5", 1800, 1800, "captcha=1",
            "no_form=1", 1),
        row("2026-06-02", "greenhouse", "boards.greenhouse.io", 1, 1, 0, 0, 0, 1, 7200, 7200, null, null, 0),
        row("2026-06-02", "lever", "jobs.lever.co", 1, 0, 0, 0, 1, null, null, null, null, null, 0)));
    assertReport("automation", WINDOW + "&groupBy=week", List.of(
        row("2026-06-01", "greenhouse", "boards.greenhouse.io", 3, 2, 1, 1, 0, "0.666667", 4500, 6930, "captcha=1",
            "no_form=1", 1),
        row("2026-06-01", "lever", "jobs.lever.co", 1, 0, 0, 0, 1, null, null, null, null, null, 0)));

    String acme = "00000000-0000-0000-0000-0000000000a1";
    String board = "00000000-0000-0000-0000-0000000000a2";
    List<List<String>> sources = assertReport("sources", WINDOW, List.of(
        row("2026-06-01", acme, "Acme Greenhouse", "greenhouse", 1, 0, 10, 1, 0, null, 0, 1200, 1200, "*"),
        row("2026-06-01", board, "Remote Board", "remotive", 1, 0, 5, 1, 1, "Acme Greenhouse=1", 0, 800, 800, "*"),
        row("2026-06-02", acme, "Acme Greenhouse", "greenhouse", 1, 1, 0, 1, 0, null, 0, 300, 300, "*"),
        row("2026-06-02", board, "Remote Board", "remotive", 0, 0, 0, 0, 0, null, 1, null, null, "*")));
    // Freshness is now minus the newest open posting: J3 (posted 2026-06-02 06:00) for Acme, J5 (2026-05-31 06:00)
    // for Remote Board, whose J2 closed.
    assertThat(Double.parseDouble(sources.get(0).get(13))).isCloseTo(hoursSince("2026-06-02T06:00:00Z"), within(0.2));
    assertThat(Double.parseDouble(sources.get(1).get(13))).isCloseTo(hoursSince("2026-05-31T06:00:00Z"), within(0.2));

    // Users: U1 (verified D1) and U2 sign up on D1, U3 on D2 (verified 06-03). U1 is back the week after signing up
    // (06-09), U3 in the fourth week after (06-30).
    assertReport("users", WINDOW, List.of(
        row("2026-06-01", 2, 1, 2, 1, 0),
        row("2026-06-02", 1, 0, 1, 0, 1),
        row("2026-06-03", 0, 1, 0, 0, 0),
        row("2026-06-09", 0, 0, 1, 0, 0)));
    assertReport("users", WINDOW + "&groupBy=week", List.of(
        row("2026-06-01", 3, 2, 3, 1, 1),
        row("2026-06-08", 0, 0, 1, 0, 0)));
  }

  private static double hoursSince(String instant) {
    return Duration.between(Instant.parse(instant), Instant.now()).toMillis() / 3_600_000.0;
  }

  // ---------------------------------------------------------------- the rollup job

  @Test
  void aRollupRunTwiceOrOnTwoNodesAtOnceLeavesTheRowsOfOneRun() throws Exception {
    Map<String, List<List<String>>> once = snapshot();
    assertThat(once.get("analytics_funnel_daily")).isNotEmpty();

    new RollupJob(pool).rebuild().await();
    assertThat(snapshot()).isEqualTo(once);

    // Two "nodes" (pools of their own) at once: full rebuilds queue on the lock; periodic runs skip while it is held.
    Pool other = pool();
    try {
      List<RollupJob.Outcome> outcomes = Future.all(new RollupJob(pool).rebuild(), new RollupJob(other).rebuild())
          .await().list();
      assertThat(outcomes).allMatch(RollupJob.Outcome::ran);
      assertThat(snapshot()).isEqualTo(once);
      List<RollupJob.Outcome> periodic = Future.all(new RollupJob(pool).run(), new RollupJob(other).run()).await().list();
      assertThat(periodic).anyMatch(RollupJob.Outcome::ran);
      assertThat(snapshot()).isEqualTo(once);
    } finally {
      other.close().await();
    }
  }

  @Test
  void aSwipeChangedOnAClosedDayIsRolledUpByTheNextPeriodicRun() throws Exception {
    Map<String, List<List<String>>> before = snapshot();
    String save = "00000000-0000-0000-0000-0000000000b6";
    try {
      // U1 turns the D1 save into a right swipe today: the row's day is D1, its change is now.
      sql("UPDATE user_job_interactions SET direction = 'right', updated_at = now() WHERE id = '" + save + "'");
      RollupJob.Outcome outcome = new RollupJob(pool).runNow().await();
      assertThat(outcome.days()).as("only the changed day is recomputed").isEqualTo(1);
      JsonArray rows = report("funnel", "from=2026-06-01&to=2026-06-01", admin).getJsonArray("rows");
      assertThat(rows.getJsonObject(0).getLong("right_swipes")).isEqualTo(3);
      Map<String, List<List<String>>> incremental = snapshot();
      new RollupJob(pool).rebuild().await();
      assertThat(snapshot()).as("the incremental run equals a full one").isEqualTo(incremental);
    } finally {
      sql("UPDATE user_job_interactions SET direction = 'save', updated_at = now() WHERE id = '" + save + "'");
      new RollupJob(pool).runNow().await();
    }
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void todayIsReadLiveBeforeAnyRollup() throws Exception {
    TestUser viewer = register(api, "viewer");
    String job = UUID.randomUUID().toString();
    sql("INSERT INTO jobs (id, title, company, company_key, apply_url, ats_kind, family) VALUES ('" + job
        + "', 'Live Job', 'Hooli', 'hooli', 'https://jobs.ashbyhq.com/hooli/1', 'ashby', 'engineering')");
    sql("INSERT INTO feed_impressions (user_id, feed_request_id, job_id, rank, ranking_version) VALUES ('"
        + viewer.id() + "', gen_random_uuid(), '" + job + "', 0, 'live-test')");
    String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
    JsonObject report = report("matching", "from=" + today + "&to=" + today, admin);
    assertThat(report.getJsonObject("window").getString("rolledUpThrough")).isLessThan(today);
    JsonObject live = report.getJsonArray("rows").stream().map(JsonObject.class::cast)
        .filter(r -> r.getString("ranking_version").equals("live-test")).findFirst().orElseThrow();
    assertThat(live.getLong("impressions")).isEqualTo(1);
    assertThat(live.getLong("relevant")).isZero();
  }

  /** Every rollup table's rows, sorted, as text. */
  private static Map<String, List<List<String>>> snapshot() throws Exception {
    Map<String, List<List<String>>> tables = new java.util.TreeMap<>();
    try (Connection db = node.database().connect(); Statement s = db.createStatement()) {
      for (String table : ROLLUP_TABLES) {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2, 3")) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              values.add(rs.getString(i));
            }
            rows.add(values);
          }
        }
        rows.sort(java.util.Comparator.comparing(Object::toString));
        tables.put(table, rows);
      }
    }
    return tables;
  }

  // ---------------------------------------------------------------- the job seeker's own numbers

  @Test
  void statsAreTheOwnersOwnNumbersCountedFromTheSameWeek() {
    // U1: left J1, right J3, save J5 on D1 and left J2 on 06-09; A1 submitted 1,800 s after the right swipe; its
    // latest outcome (offer, 06-09) is in the window.
    JsonObject mine = api.get("/v1/me/stats?" + WINDOW, u1.token()).bodyAsJsonObject();
    assertThat(mine.getJsonObject("window").getString("from")).isEqualTo("2026-06-01");
    assertThat(mine.getJsonObject("swipes")).isEqualTo(new JsonObject().put("right", 1).put("left", 2).put("save", 1));
    assertThat(mine.getJsonObject("applications").getLong("SUBMITTED")).isEqualTo(1);
    assertThat(mine.getJsonObject("applications").getMap().values().stream().mapToLong(v -> ((Number) v).longValue())
        .sum()).isEqualTo(1);
    assertThat(mine.getJsonArray("submittedPerWeek")).isEqualTo(new JsonArray()
        .add(new JsonObject().put("week", "2026-06-01").put("submitted", 1)));
    assertThat(mine.getJsonObject("timeToSubmit")).isEqualTo(new JsonObject().put("applications", 1)
        .put("medianSeconds", 1800.0));
    assertThat(mine.getJsonObject("needsHuman").getLong("count")).isZero();
    assertThat(mine.getJsonObject("outcomes")).isEqualTo(new JsonObject().put("interview", 0).put("offer", 1)
        .put("rejected", 0).put("no_response", 0).put("withdrawn", 0));

    // U3: right on J4 and J2 on D2 (the 06-30 swipe is outside the window); A3 submitted after 7,200 s and rejected,
    // A4 UNKNOWN.
    JsonObject theirs = api.get("/v1/me/stats?" + WINDOW, u3.token()).bodyAsJsonObject();
    assertThat(theirs.getJsonObject("swipes")).isEqualTo(new JsonObject().put("right", 2).put("left", 0).put("save", 0));
    assertThat(theirs.getJsonObject("applications").getLong("SUBMITTED")).isEqualTo(1);
    assertThat(theirs.getJsonObject("applications").getLong("UNKNOWN")).isEqualTo(1);
    assertThat(theirs.getJsonObject("timeToSubmit").getDouble("medianSeconds")).isEqualTo(7200.0);
    assertThat(theirs.getJsonObject("outcomes").getLong("rejected")).isEqualTo(1);

    // U2's application needs them now (whatever the window), and nobody else's shows.
    sql("UPDATE applications SET status = 'NEEDS_HUMAN', updated_at = '2026-06-01 10:05Z'"
        + " WHERE id = '00000000-0000-0000-0000-0000000000c2'");
    try {
      JsonObject waiting = api.get("/v1/me/stats?from=2026-01-01&to=2026-01-02", u2.token()).bodyAsJsonObject()
          .getJsonObject("needsHuman");
      assertThat(waiting.getLong("count")).isEqualTo(1);
      assertThat(waiting.getJsonArray("applications").getJsonObject(0).getString("id"))
          .isEqualTo("00000000-0000-0000-0000-0000000000c2");
      assertThat(waiting.getJsonArray("applications").getJsonObject(0).getJsonObject("job").getString("title"))
          .isEqualTo("Backend Engineer");
      assertThat(api.get("/v1/me/stats", u1.token()).bodyAsJsonObject().getJsonObject("needsHuman").getLong("count"))
          .isZero();
    } finally {
      sql("UPDATE applications SET status = 'FAILED', updated_at = '2026-06-01 10:10Z'"
          + " WHERE id = '00000000-0000-0000-0000-0000000000c2'");
    }

    assertThat(api.get("/v1/me/stats", reportsKey).statusCode()).as("services have no stats").isEqualTo(403);
    assertThat(api.get("/v1/me/stats", null).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> bad = api.get("/v1/me/stats?from=2026-06-09&to=2026-06-01", u1.token());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  // ---------------------------------------------------------------- business gauges

  @Test
  void prometheusShowsApplicationsByStatusAndSources() {
    // The gauges refresh every 30 s; wait for a refresh that has seen the fixture (A1 and A3 submitted).
    String metrics = "";
    Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
    while (Instant.now().isBefore(deadline)) {
      metrics = api.get("/metrics", TestNodes.OPS_TOKEN).bodyAsString();
      if (metrics.contains("jobswipe_applications{status=\"SUBMITTED\"} 2.0")) {
        break;
      }
      io.vertx.core.Promise<Void> later = io.vertx.core.Promise.promise();
      vertx.setTimer(500, id -> later.complete());
      later.future().await();
    }
    assertThat(metrics).contains("jobswipe_applications{status=\"SUBMITTED\"} 2.0")
        .contains("jobswipe_applications{status=\"FAILED\"} 1.0")
        .contains("jobswipe_applications{status=\"UNKNOWN\"} 1.0")
        .contains("jobswipe_applications{status=\"QUEUED\"} 0.0")
        .contains("jobswipe_sources_enabled 2.0")
        .contains("jobswipe_sources_failing 0.0")
        .contains("jobswipe_tasks_oldest_waiting_seconds{state=\"NEEDS_HUMAN\"}");
  }

  // ---------------------------------------------------------------- who may read, and what is refused

  @Test
  void reportsAreForAdminsAndKeysWithTheReportsScopeOnly() {
    String user = u1.token();
    assertThat(api.get("/v1/admin/reports/funnel?" + WINDOW, null).statusCode()).isEqualTo(401);
    HttpResponse<Buffer> plainUser = api.get("/v1/admin/reports/funnel?" + WINDOW, user);
    assertThat(plainUser.statusCode()).isEqualTo(403);
    assertThat(plainUser.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(api.get("/v1/admin/reports/funnel?" + WINDOW, otherKey).statusCode()).isEqualTo(403);
    assertThat(api.get("/v1/admin/reports/funnel?" + WINDOW, reportsKey).statusCode()).isEqualTo(200);
    assertThat(api.get("/v1/admin/reports/users?" + WINDOW + "&format=csv", reportsKey).statusCode()).isEqualTo(200);
    assertThat(api.get("/v1/admin/reports/funnel?" + WINDOW, admin).statusCode()).isEqualTo(200);
  }

  @Test
  void badWindowsNamesGroupingsAndFormatsAreProblems() {
    Map<String, String> refused = new java.util.LinkedHashMap<>();
    refused.put("/v1/admin/reports/funnel?from=2026-06-09&to=2026-06-01", "from");
    refused.put("/v1/admin/reports/funnel?from=yesterday", "from");
    refused.put("/v1/admin/reports/funnel?to=2026-02-30", "to");
    refused.put("/v1/admin/reports/funnel?from=2025-01-01&to=2026-01-02", "from");
    refused.put("/v1/admin/reports/funnel?from=2026-06-01&from=2026-06-02", "from");
    refused.put("/v1/admin/reports/revenue", "name");
    refused.put("/v1/admin/reports/funnel?groupBy=month", "groupBy");
    refused.put("/v1/admin/reports/funnel?format=xml", "format");
    refused.forEach((path, field) -> {
      HttpResponse<Buffer> response = api.get(path, admin);
      assertThat(response.statusCode()).as(path).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).as(path).isEqualTo("application/problem+json");
      assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field")).as(path)
          .isEqualTo(field);
    });
    // 366 days is the longest window.
    assertThat(api.get("/v1/admin/reports/funnel?from=2025-01-01&to=2026-01-01", admin).statusCode()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Reads the report as JSON and as CSV: the CSV's header is the JSON's columns, its rows are the JSON's rows, and
   * the rows are {@code expected} ("*" matches anything). Answers the rows as text.
   */
  private static List<List<String>> assertReport(String name, String query, List<List<String>> expected)
      throws Exception {
    JsonObject json = report(name, query, admin);
    List<String> columns = json.getJsonArray("columns").stream().map(String.class::cast).toList();
    assertThat(columns).isEqualTo(Report.named(name).orElseThrow().columns());
    List<List<String>> rows = new ArrayList<>();
    json.getJsonArray("rows").forEach(item -> {
      JsonObject r = (JsonObject) item;
      assertThat(r.fieldNames()).containsExactlyElementsOf(columns);
      rows.add(columns.stream().map(c -> text(r.getValue(c))).toList());
    });

    HttpResponse<Buffer> csv = api.get("/v1/admin/reports/" + name + "?" + query + "&format=csv", admin);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.getHeader("Content-Type")).startsWith("text/csv");
    assertThat(csv.bodyAsString()).contains("\r\n");
    try (CSVParser parser = CSVParser.parse(new StringReader(csv.bodyAsString()),
        CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get())) {
      assertThat(parser.getHeaderNames()).isEqualTo(columns);
      List<List<String>> fromCsv = new ArrayList<>();
      for (CSVRecord record : parser) {
        fromCsv.add(record.stream().map(v -> v.isEmpty() ? null : text(v)).toList());
      }
      assertThat(fromCsv).as(name + " CSV = JSON").isEqualTo(rows);
    }

    assertThat(rows).as(name + " " + query).hasSize(expected.size());
    for (int i = 0; i < rows.size(); i++) {
      List<String> actual = new ArrayList<>(rows.get(i));
      List<String> wanted = expected.get(i);
      for (int c = 0; c < wanted.size(); c++) {
        if ("*".equals(wanted.get(c))) {
          actual.set(c, "*");
        }
      }
      assertThat(actual).as(name + " " + query + " row " + i + " " + columns).isEqualTo(wanted);
    }
    return rows;
  }

  static JsonObject report(String name, String query, String bearer) {
    HttpResponse<Buffer> response = api.get("/v1/admin/reports/" + name + "?" + query, bearer);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static List<String> row(Object... values) {
    return Arrays.stream(values).map(AnalyticsReportsTest::text).toList();
  }

  /** Numbers compared by value (6 decimal places from the server, however written), everything else as text. */
  private static String text(Object value) {
    if (value == null) {
      return null;
    }
    String s = value.toString();
    if (value instanceof Number || s.matches("-?[0-9]+(\\.[0-9]+)?")) {
      return new BigDecimal(s).stripTrailingZeros().toPlainString();
    }
    return s;
  }

  static TestUser register(Api api, String name) {
    String email = name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    JsonObject session = api.post("/v1/auth/register", new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject();
    return new TestUser(session.getJsonObject("user").getString("id"), session.getString("accessToken"));
  }

  private static String apiKey(String name, String scope) {
    HttpResponse<Buffer> created = api.post("/v1/admin/api-keys", new JsonObject().put("name", name)
        .put("scopes", new JsonArray().add(scope)), admin);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("key");
  }

  private static void sql(String statements) {
    try (Connection db = node.database().connect(); Statement s = db.createStatement()) {
      s.execute(statements);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Pool pool() {
    ConnectionSettings db = ConnectionSettings.fromUrl(node.database().url());
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(db.pgConnectOptions()).using(vertx)
        .build();
  }
}
