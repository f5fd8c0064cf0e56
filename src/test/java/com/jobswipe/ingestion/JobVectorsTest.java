package com.jobswipe.ingestion;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.bus.SourceMessages.JobsChanged;
import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Pools;
import com.jobswipe.testing.Admins;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Job vectors on a real node (api, ingestion, embedding with the in-process model) and database: a poll that adds
 * or changes jobs is followed by a pass that stores each job's vector with the model's id and tells matching.
 */
class JobVectorsTest {

  private static final String MODEL = "all-minilm-l6-v2-q@1.19.0-beta29";

  private static Vertx vertx;
  private static HttpServer boards;
  private static final Map<String, Buffer> served = new ConcurrentHashMap<>();
  private static RunningNode node;
  private static Api api;
  private static String admin;
  /** Vector writes announced on jobs.upserted (textChanged=false), in order. */
  private static final BlockingQueue<JobsChanged> vectorEvents = new LinkedBlockingQueue<>();

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    boards = vertx.createHttpServer().requestHandler(request -> {
      Buffer body = served.get(request.path());
      if (body == null) {
        request.response().setStatusCode(404).end();
      } else {
        request.response().putHeader("Content-Type", "application/json").end(body);
      }
    }).listen(0, "127.0.0.1").await();
    node = RunningNode.start(EnumSet.of(Role.API, Role.INGESTION, Role.EMBEDDING, Role.NOTIFICATION), Map.of(
        "JOBSWIPE_FETCH_ALLOW_PRIVATE", "true",
        "JOBSWIPE_FETCH_HOST_DELAY_MS", "0",
        "JOBSWIPE_INGESTION_SCHEDULER", "false",
        "JOBSWIPE_EMAIL_VERIFICATION", "off",
        "JOBSWIPE_ADMIN_EMAILS", "ops@example.com"));
    api = new Api(vertx, node.port());
    admin = Admins.admin(api, node.database(), "ops@example.com", "operations passphrase 2026");
    Bus.JOBS_UPSERTED.subscribe(node.app().vertx().eventBus(), event -> {
      if (!event.textChanged()) {
        vectorEvents.add(event);
      }
    });
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  /** A Greenhouse board of one company: title → description. */
  private static String board(String path, String company, Map<String, String> jobs) {
    JsonArray list = new JsonArray();
    // Greenhouse job ids are global (a dedup key): each board path has ids of its own, the same at every poll.
    long id = 8_000_000_000L + Math.floorMod(path.hashCode(), 1_000_000) * 100L;
    for (Map.Entry<String, String> job : jobs.entrySet()) {
      list.add(new JsonObject().put("id", id).put("title", job.getKey()).put("company_name", company)
          .put("absolute_url", "https://job-boards.greenhouse.io/" + path.replace("/", "") + "/jobs/" + id)
          .put("updated_at", "2026-11-01T10:00:00Z").put("location", new JsonObject().put("name", "Remote"))
          .put("content", "&lt;p&gt;" + job.getValue() + "&lt;/p&gt;"));
      id++;
    }
    served.put(path, Buffer.buffer(new JsonObject().put("jobs", list).encode()));
    return "http://127.0.0.1:" + boards.actualPort() + path;
  }

  private static String source(String url) {
    HttpResponse<Buffer> created = api.post("/v1/admin/sources", new JsonObject().put("kind", "greenhouse")
        .put("name", url).put("url", url), admin);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private static JsonObject sync(String sourceId) {
    HttpResponse<Buffer> response = api.post("/v1/admin/sources/" + sourceId + "/sync", new JsonObject(), admin);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject();
  }

  /** Waits for the announcements of vectors written for every one of {@code ids}. */
  private static void awaitVectors(Set<String> ids) throws InterruptedException {
    Set<String> missing = new HashSet<>(ids);
    while (!missing.isEmpty()) {
      JobsChanged event = vectorEvents.poll(60, TimeUnit.SECONDS);
      assertThat(event).as("no vectors announced for %s", missing).isNotNull();
      missing.removeAll(event.jobIds());
    }
  }

  /** Title → [id, model, dimensions, embedded_version = version, vector length, version]. */
  private static Map<String, List<String>> jobs(String sourceId) throws Exception {
    Map<String, List<String>> jobs = new LinkedHashMap<>();
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement("""
        SELECT j.title, j.id, j.embedding_model, array_length(j.embedding, 1), j.embedded_version = j.version,
               (SELECT sqrt(sum(x::float8 * x::float8)) FROM unnest(j.embedding) x), j.version
        FROM jobs j JOIN job_sources s ON s.job_id = j.id WHERE s.source_id = ?::uuid ORDER BY j.title""")) {
      s.setString(1, sourceId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 2; i <= 7; i++) {
            row.add(rs.getString(i));
          }
          jobs.put(rs.getString(1), row);
        }
      }
    }
    return jobs;
  }

  private static Set<String> ids(Map<String, List<String>> jobs) {
    Set<String> ids = new HashSet<>();
    jobs.values().forEach(row -> ids.add(row.get(0)));
    return ids;
  }

  private static void execute(String sql) throws Exception {
    try (Connection c = node.database().connect()) {
      c.createStatement().execute(sql);
    }
  }

  @Test
  void polledJobsGetVectorsStoredWithTheModelThatMadeThem() throws Exception {
    String token = UUID.randomUUID().toString().substring(0, 8);
    String url = board("/" + token + "/first.json", "Acme " + token, Map.of(
        "Senior Backend Engineer", "Design and run the Java services behind our payments platform.",
        "Pastry Chef", "Bake croissants and tarts for our three cafés in Lyon, from 5 am.",
        "Data Analyst", "Build dashboards in SQL and Looker for the growth and finance teams."));
    vectorEvents.clear();
    String sourceId = source(url);

    assertThat(sync(sourceId).getInteger("created")).isEqualTo(3);
    Map<String, List<String>> before = jobs(sourceId);
    awaitVectors(ids(before));

    Map<String, List<String>> jobs = jobs(sourceId);
    assertThat(jobs).hasSize(3).allSatisfy((title, row) -> {
      assertThat(row.get(1)).as(title).isEqualTo(MODEL);
      assertThat(row.get(2)).as(title).isEqualTo("384");
      assertThat(row.get(3)).as("%s: vector of the current text", title).isEqualTo("t");
      assertThat(Double.parseDouble(row.get(4))).as(title).isCloseTo(1.0, within(1e-3));
    });
  }

  @Test
  void vectorsOfAnotherModelAndOfChangedTextAreReplaced() throws Exception {
    String token = UUID.randomUUID().toString().substring(0, 8);
    String path = "/" + token + "/second.json";
    Map<String, String> postings = new LinkedHashMap<>();
    postings.put("Site Reliability Engineer", "Keep our Kubernetes clusters and Postgres fleet healthy.");
    postings.put("Account Executive", "Sell our logistics software to mid-sized retailers in Germany.");
    String url = board(path, "Globex " + token, postings);
    vectorEvents.clear();
    String sourceId = source(url);
    sync(sourceId);
    awaitVectors(ids(jobs(sourceId)));
    Map<String, List<String>> first = jobs(sourceId);
    String sre = first.get("Site Reliability Engineer").get(0);
    String sales = first.get("Account Executive").get(0);
    // The SRE job's vector came from a model the embedding role no longer runs; the sales job's text changes.
    execute("UPDATE jobs SET embedding = '{0.6,0.8}', embedding_model = 'old-model@0.9' WHERE id = '" + sre + "'");
    String oldSalesVector = vectorOf(sales);
    postings.put("Account Executive", "Sell our logistics software to large grocery chains across the Nordics.");
    board(path, "Globex " + token, postings);
    vectorEvents.clear();

    assertThat(sync(sourceId).getInteger("updated")).isEqualTo(1);
    awaitVectors(Set.of(sre, sales));

    Map<String, List<String>> after = jobs(sourceId);
    assertThat(after.get("Site Reliability Engineer")).containsSubsequence(MODEL, "384", "t");
    assertThat(after.get("Account Executive")).containsSubsequence(MODEL, "384", "t");
    assertThat(after.get("Account Executive").get(5)).as("version").isEqualTo("2");
    assertThat(vectorOf(sales)).isNotEqualTo(oldSalesVector);
  }

  @Test
  void aVectorOfTextThatChangedMeanwhileIsNotStored() throws Exception {
    String id;
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO jobs (title, company, apply_url, version) VALUES ('Welder', 'Initech', 'https://initech.example/"
            + UUID.randomUUID() + "', 3) RETURNING id")) {
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        id = rs.getString(1);
      }
    }
    Pool pool = Pools.shared(vertx, ConnectionSettings.fromUrl(node.database().url()), "vectors-test", 1);
    try {
      JobStore store = new JobStore(pool);
      float[] vector = {0.6f, 0.8f};

      List<String> stale = store.writeVectors(pool, List.of(new JobStore.JobVector(UUID.fromString(id), 2, vector)),
          "m@1").await();
      List<String> current = store.writeVectors(pool, List.of(new JobStore.JobVector(UUID.fromString(id), 3, vector)),
          "m@1").await();

      assertThat(stale).as("read at version 2, the job is at 3").isEmpty();
      assertThat(current).containsExactly(id);
      assertThat(vectorOf(id)).isEqualTo("{0.6,0.8}");
    } finally {
      pool.close().await();
    }
  }

  private static String vectorOf(String jobId) throws Exception {
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(
        "SELECT embedding::text FROM jobs WHERE id = ?::uuid")) {
      s.setString(1, jobId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
