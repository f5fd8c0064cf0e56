package com.jobswipe.ingestion;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.bus.SourceMessages.JobsChanged;
import com.jobswipe.testing.Admins;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingestion through the admin API, the bus and the ingestion role into PostgreSQL, from local servers that
 * serve payloads shaped like the real job boards and feeds.
 */
class IngestionFlowTest {

  private static final Map<String, String> TYPES = Map.of("json", "application/json", "xml", "application/rss+xml");

  private static Vertx vertx;
  private static HttpServer boards;
  /** What each path serves now; tests change it between polls. */
  private static final Map<String, Buffer> served = new ConcurrentHashMap<>();
  private static RunningNode node;
  private static Api api;
  private static String admin;
  private static final List<JobsChanged> closedEvents = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    boards = vertx.createHttpServer().requestHandler(request -> {
      String offset = request.getParam("offset");
      Buffer body = offset != null && served.containsKey(request.path() + "?offset=" + offset)
          ? served.get(request.path() + "?offset=" + offset) : served.get(request.path());
      if (body == null) {
        request.response().setStatusCode(404).end();
        return;
      }
      String etag = "\"" + Integer.toHexString(body.toString().hashCode()) + "\"";
      if (etag.equals(request.getHeader("If-None-Match"))) {
        request.response().setStatusCode(304).putHeader("ETag", etag).end();
        return;
      }
      String extension = request.path().substring(request.path().lastIndexOf('.') + 1);
      request.response().putHeader("Content-Type", TYPES.getOrDefault(extension, "application/json"))
          .putHeader("ETag", etag).end(body);
    }).listen(0, "127.0.0.1").await();
    node = RunningNode.start(EnumSet.of(Role.API, Role.INGESTION, Role.NOTIFICATION), Map.of(
        "JOBSWIPE_FETCH_ALLOW_PRIVATE", "true",
        "JOBSWIPE_FETCH_HOST_DELAY_MS", "0",
        "JOBSWIPE_INGESTION_SCHEDULER", "false",
        "JOBSWIPE_EMAIL_VERIFICATION", "off",
        "JOBSWIPE_ADMIN_EMAILS", "ops@example.com"));
    api = new Api(vertx, node.port());
    admin = Admins.admin(api, node.database(), "ops@example.com", "operations passphrase 2026");
    Bus.JOBS_CLOSED.subscribe(node.app().vertx().eventBus(), closedEvents::add);
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + boards.actualPort() + path;
  }

  private static String source(String kind, String path, JsonObject config) {
    HttpResponse<Buffer> created = api.post("/v1/admin/sources", new JsonObject().put("kind", kind)
        .put("name", kind + " " + path).put("url", url(path)).put("config", config), admin);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private static JsonObject sync(String sourceId) {
    HttpResponse<Buffer> response = api.post("/v1/admin/sources/" + sourceId + "/sync", new JsonObject(), admin);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  private static Buffer fixture(String name) {
    try (InputStream in = IngestionFlowTest.class.getResourceAsStream("/fixtures/sources/" + name)) {
      return Buffer.buffer(in.readAllBytes());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void everySourceKindLandsInPostgresAsCleanNormalisedJobs() throws Exception {
    Map<String, String> kinds = Map.of(
        "rss", "rss-aggregator.xml", "greenhouse", "greenhouse-jobs.json", "lever", "lever-postings.json",
        "ashby", "ashby-job-board.json", "workable", "workable-account.json",
        "smartrecruiters", "smartrecruiters-postings-page1.json", "remotive", "remotive-jobs.json",
        "remoteok", "remoteok-api.json");
    String run = UUID.randomUUID().toString().substring(0, 6);
    for (Map.Entry<String, String> kind : kinds.entrySet()) {
      String path = "/" + run + "/" + kind.getKey() + "/" + kind.getValue();
      served.put(path, fixture(kind.getValue()));
      served.put(path + "?offset=3", fixture("smartrecruiters-postings-page2.json"));
      // Lever and Ashby boards take their company from the board name in the real URL; these paths have none.
      JsonObject config = Set.of("lever", "ashby").contains(kind.getKey())
          ? new JsonObject().put("company", "Fixture " + kind.getKey()) : new JsonObject();
      JsonObject report = sync(source(kind.getKey(), path, config));
      assertThat(report.getInteger("fetched")).as(kind.getKey()).isPositive();
      assertThat(report.getInteger("created") + report.getInteger("merged")).as(kind.getKey()).isPositive();
    }

    assertThat(query("SELECT count(*) FROM jobs WHERE title = '' OR apply_url = ''")).isEqualTo("0");
    // Every API kind names the company; only a feed item may leave it unknown.
    assertThat(query("SELECT string_agg(DISTINCT src.kind, ',') FROM jobs j JOIN job_sources s ON s.job_id = j.id"
        + " JOIN sources src ON src.id = s.source_id WHERE j.company = ''")).isIn(null, "rss");
    assertThat(query("SELECT count(*) FROM jobs WHERE description_html ~ '<script|<iframe|href=\"javascript:|onerror='"))
        .isEqualTo("0");
    // One Greenhouse posting, every stored field: entity-escaped content unescaped and sanitised, the
    // company from the payload, Greenhouse detected from the apply URL, categorised.
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(
        "SELECT title, company, locations, remote, description_text, description_html, apply_url, canonical_url,"
            + " ats_kind, ats_domain, posted_at, family, seniority, simhash, content_hash, status"
            + " FROM jobs WHERE apply_url = 'https://job-boards.greenhouse.io/zephyrhealth/jobs/4012345008'");
         ResultSet rs = s.executeQuery()) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("title")).isEqualTo("Senior Backend Engineer (Java)");
      assertThat(rs.getString("company")).isEqualTo("Zephyr Health");
      assertThat(rs.getString("locations")).contains("Zürich");
      assertThat(rs.getString("remote")).isEqualTo("hybrid");
      assertThat(rs.getString("description_html")).contains("<p>").doesNotContain("&lt;p&gt;");
      assertThat(rs.getString("description_text")).contains("Zephyr Health").doesNotContain("<");
      // Greenhouse job ids are global, so every URL form of this job canonicalises to its id.
      assertThat(rs.getString("canonical_url")).isEqualTo("greenhouse:4012345008");
      assertThat(rs.getString("ats_kind")).isEqualTo("greenhouse");
      assertThat(rs.getString("ats_domain")).isNotBlank();
      assertThat(rs.getTimestamp("posted_at")).isNotNull();
      assertThat(rs.getString("family")).isEqualTo("software_engineering");
      assertThat(rs.getString("seniority")).isEqualTo("senior");
      assertThat(rs.getLong("simhash")).isNotZero();
      assertThat(rs.getBytes("content_hash")).hasSize(32);
      assertThat(rs.getString("status")).isEqualTo("open");
    }
    HttpResponse<Buffer> categories = api.get("/v1/admin/categories", admin);
    assertThat(categories.statusCode()).isEqualTo(200);
    assertThat(categories.bodyAsJsonObject().getJsonObject("families").getLong("software_engineering")).isPositive();
  }

  @Test
  void aSecondPollWithAnUnchangedEtagWritesNothing() throws Exception {
    String path = "/etag/" + UUID.randomUUID() + "/lever.json";
    served.put(path, fixture("lever-postings.json"));
    String id = source("lever", path, new JsonObject());
    sync(id);
    String before = query("SELECT max(j.updated_at)::text || '/' || max(j.last_seen_at)::text FROM jobs j"
        + " JOIN job_sources s ON s.job_id = j.id WHERE s.source_id = '" + id + "'");

    JsonObject second = sync(id);

    assertThat(second.getBoolean("notModified")).isTrue();
    assertThat(second.getInteger("fetched")).isZero();
    assertThat(query("SELECT max(j.updated_at)::text || '/' || max(j.last_seen_at)::text FROM jobs j"
        + " JOIN job_sources s ON s.job_id = j.id WHERE s.source_id = '" + id + "'")).isEqualTo(before);
    // Each poll is a line of the poll log the analytics reports read.
    assertThat(query("SELECT string_agg(ok || ':' || (fetched > 0), ',' ORDER BY id) FROM source_polls"
        + " WHERE source_id = '" + id + "'")).isEqualTo("true:true,true:false");
  }

  @Test
  void theSameJobOnAGreenhouseBoardAndAnRssAggregatorIsOneJobWithTwoSources() throws Exception {
    String token = "dedup" + UUID.randomUUID().toString().substring(0, 6);
    String description = "We are looking for a backend engineer to design and run the payment services that move "
        + "money for millions of customers. You will own APIs in Java and Kotlin, PostgreSQL schemas and Kafka "
        + "pipelines, and work with product and security on reliability, observability and incident response.";
    JsonObject job = new JsonObject().put("id", 777).put("title", "Senior Backend Engineer")
        .put("company_name", "Northwind Payments")
        .put("absolute_url", "https://job-boards.greenhouse.io/" + token + "/jobs/777")
        .put("updated_at", "2026-11-01T10:00:00Z").put("location", new JsonObject().put("name", "Remote"))
        .put("content", "&lt;p&gt;" + description + "&lt;/p&gt;");
    served.put("/" + token + "/gh.json", Buffer.buffer(new JsonObject().put("jobs", new JsonArray().add(job)).encode()));
    served.put("/" + token + "/feed.xml", Buffer.buffer("""
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0"><channel><title>Jobs</title><link>https://aggregator.example/</link>
        <description>jobs</description>
        <item><title>Sr. Backend Engineer at Northwind Payments, Inc.</title>
        <link>https://aggregator.example/jobs/991</link><guid>agg-991</guid>
        <pubDate>Sun, 01 Nov 2026 10:00:00 +0000</pubDate>
        <description><![CDATA[<p>%s</p><p>Apply now!</p>]]></description></item>
        </channel></rss>""".formatted(description)));

    JsonObject fromBoard = sync(source("greenhouse", "/" + token + "/gh.json", new JsonObject()));
    JsonObject fromFeed = sync(source("rss", "/" + token + "/feed.xml", new JsonObject()));

    assertThat(fromBoard.getInteger("created")).isEqualTo(1);
    assertThat(fromFeed.getInteger("created")).isZero();
    assertThat(fromFeed.getInteger("merged")).isEqualTo(1);
    assertThat(query("SELECT count(DISTINCT s.source_id) || '/' || count(DISTINCT s.job_id) FROM job_sources s"
        + " JOIN jobs j ON j.id = s.job_id WHERE j.company = 'Northwind Payments'")).isEqualTo("2/1");
  }

  @Test
  void aPostingRemovedFromItsSourceIsClosedAndAnnounced() throws Exception {
    String path = "/closing/" + UUID.randomUUID() + "/board.json";
    JsonObject board = new JsonObject(fixture("greenhouse-jobs.json").toString());
    String token = UUID.randomUUID().toString().substring(0, 8);
    long next = 9_000_000_000L + new java.util.Random().nextInt(1_000_000) * 100L;
    for (Object o : board.getJsonArray("jobs")) {
      JsonObject j = (JsonObject) o;
      // Another company's board and ids: otherwise these postings are (rightly) merged into the other tests' jobs.
      long id = next++;
      j.put("id", id);
      j.put("absolute_url", "https://job-boards.greenhouse.io/z" + token + "/jobs/" + id);
      j.put("company_name", "Zephyr " + token);
    }
    served.put(path, Buffer.buffer(board.encode()));
    String id = source("greenhouse", path, new JsonObject());
    JsonObject first = sync(id);
    int total = first.getInteger("created");
    assertThat(total).as(first.encode()).isGreaterThan(1);
    JsonObject removed = board.getJsonArray("jobs").getJsonObject(0);
    board.getJsonArray("jobs").remove(0);
    served.put(path, Buffer.buffer(board.encode()));

    JsonObject report = sync(id);

    assertThat(total).isGreaterThan(1);
    assertThat(report.getInteger("closed")).isEqualTo(1);
    assertThat(query("SELECT status FROM jobs WHERE apply_url = '" + removed.getString("absolute_url") + "'"))
        .isEqualTo("closed");
    assertThat(closedEvents).anyMatch(event -> !event.jobIds().isEmpty());
  }

  @Test
  void aVerifyPassClosesAJobWhoseApplyPageIsGone() throws Exception {
    // A node of its own, so the pass sees only these jobs.
    try (RunningNode verifier = RunningNode.start(EnumSet.of(Role.API, Role.INGESTION, Role.NOTIFICATION), Map.of(
        "JOBSWIPE_FETCH_ALLOW_PRIVATE", "true", "JOBSWIPE_FETCH_HOST_DELAY_MS", "0",
        "JOBSWIPE_INGESTION_SCHEDULER", "false", "JOBSWIPE_EMAIL_VERIFICATION", "off",
        "JOBSWIPE_ADMIN_EMAILS", "ops@example.com"))) {
      Api local = new Api(vertx, verifier.port());
      String token = Admins.admin(local, verifier.database(), "ops@example.com", "operations passphrase 2026");
      String base = "/verify/" + UUID.randomUUID();
      served.put(base + "/apply/open", Buffer.buffer("<html>still hiring</html>"));
      JsonArray jobs = new JsonArray()
          .add(new JsonObject().put("id", 1).put("title", "Open Role").put("absolute_url", url(base + "/apply/open")))
          .add(new JsonObject().put("id", 2).put("title", "Filled Role").put("absolute_url", url(base + "/apply/gone")));
      served.put(base + "/board.json", Buffer.buffer(new JsonObject().put("jobs", jobs).encode()));
      String id = local.post("/v1/admin/sources", new JsonObject().put("kind", "greenhouse").put("name", "v")
          .put("url", url(base + "/board.json")).put("config", new JsonObject().put("company", "Verify Co")), token)
          .bodyAsJsonObject().getString("id");
      assertThat(local.post("/v1/admin/sources/" + id + "/sync", new JsonObject(), token).statusCode()).isEqualTo(200);

      HttpResponse<Buffer> pass = local.post("/v1/admin/jobs/verify", new JsonObject(), token);

      assertThat(pass.statusCode()).as(pass.bodyAsString()).isEqualTo(200);
      assertThat(pass.bodyAsJsonObject().getInteger("checked")).isEqualTo(2);
      assertThat(pass.bodyAsJsonObject().getInteger("closed")).isEqualTo(1);
      try (Connection c = verifier.database().connect(); PreparedStatement s = c.prepareStatement(
          "SELECT title || ':' || status FROM jobs ORDER BY title"); ResultSet rs = s.executeQuery()) {
        List<String> states = new ArrayList<>();
        while (rs.next()) {
          states.add(rs.getString(1));
        }
        assertThat(states).containsExactly("Filled Role:closed", "Open Role:open");
      }
    }
  }

  @Test
  void aHostileFeedIsRefusedAndTheSourceBacksOff() throws Exception {
    String path = "/hostile/" + UUID.randomUUID() + "/xxe.xml";
    served.put(path, fixture("hostile-xxe.xml"));
    String id = source("rss", path, new JsonObject());

    HttpResponse<Buffer> response = api.post("/v1/admin/sources/" + id + "/sync", new JsonObject(), admin);

    assertThat(response.statusCode()).isEqualTo(503);
    JsonObject state = api.get("/v1/admin/sources/" + id, admin).bodyAsJsonObject();
    assertThat(state.getInteger("errorCount")).isEqualTo(1);
    assertThat(state.getString("backoffUntil")).isNotNull();
    assertThat(query("SELECT ok || ':' || (error IS NOT NULL) FROM source_polls WHERE source_id = '" + id + "'"))
        .isEqualTo("false:true");
  }

  @Test
  void sourcesAreAdminOnlyAndValidated() {
    String user = api.post("/v1/auth/register", new JsonObject().put("email", "u" + UUID.randomUUID() + "@example.com")
        .put("password", "just a user passphrase")).bodyAsJsonObject().getString("accessToken");
    JsonObject body = new JsonObject().put("kind", "rss").put("name", "x").put("url", "https://feeds.example/jobs.rss");
    assertThat(api.post("/v1/admin/sources", body, user).statusCode()).isEqualTo(403);
    assertThat(api.post("/v1/admin/sources", body.copy().put("kind", "myspace"), admin).statusCode()).isEqualTo(400);
    assertThat(api.post("/v1/admin/sources", body.copy().put("schedule", "PT1S"), admin).statusCode()).isEqualTo(400);
    assertThat(api.post("/v1/admin/sources", body, admin).statusCode()).isEqualTo(201);
    assertThat(api.post("/v1/admin/sources", body, admin).statusCode()).isEqualTo(409);
    assertThat(api.get("/v1/admin/sources/" + UUID.randomUUID(), admin).statusCode()).isEqualTo(404);
  }

  private static String query(String sql) throws Exception {
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(sql);
         ResultSet rs = s.executeQuery()) {
      List<String> values = new ArrayList<>();
      rs.next();
      values.add(rs.getString(1));
      return values.get(0);
    }
  }
}
