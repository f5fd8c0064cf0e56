package com.jobswipe.bench;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.EmbeddingMessages.ModelInfo;
import com.jobswipe.bus.EmptyRequest;
import com.jobswipe.bus.Role;
import com.jobswipe.matching.JobFixtures;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestDatabase;
import com.jobswipe.text.CompanyNames;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feed latency and throughput over HTTP at N open jobs, against a bare Vert.x JSON endpoint in the same run.
 *
 * <p>Jobs are fixture postings (seven families) with synthetic vectors: one random centroid per family plus
 * noise, unit length, labelled with the embedding role's model so the profile vectors (made by the real
 * model) search them. The ranking does the same work as with real vectors; embedding 100,000 postings with
 * the real model would take ten minutes and measure the model, not the feed.
 *
 * <p>Measured: the index rebuild at start; latency of a new ranking (first page) and of a cursor page,
 * sequentially; then requests/second with {@code concurrency} connections for {@code seconds}, first on
 * {@code GET /v1/feed} (every request a new ranking) and on cursor pages, then on a bare endpoint that
 * answers a feed-sized JSON page.
 *
 * <p>{@code bench/feed.sh 10000 100000}
 */
public final class FeedBench {

  private static final int DIMENSIONS = 384;
  private static final int USERS = 20;

  private FeedBench() {
  }

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    Vertx vertx = Vertx.vertx();
    TestDatabase database = TestDatabase.create();
    EnumSet<Role> roles = EnumSet.of(Role.API, Role.MATCHING, Role.EMBEDDING, Role.NOTIFICATION);
    Map<String, String> env = Map.of("JOBSWIPE_EMAIL_VERIFICATION", "off");
    RunningNode first = RunningNode.startOn(database, roles, env);
    ModelInfo model = Bus.EMBEDDING_MODEL.request(first.app().vertx().eventBus(), new EmptyRequest()).await();
    first.app().stop();

    long insertStarted = System.nanoTime();
    insertJobs(database, jobs, model.model());
    System.out.printf("%,d jobs inserted in %.1f s%n", jobs, seconds(insertStarted));

    long startStarted = System.nanoTime();
    RunningNode node = RunningNode.startOn(database, roles, env);
    System.out.printf("node start with the matching index rebuilt from PostgreSQL: %.1f s%n", seconds(startStarted));
    try {
      Api api = new Api(vertx, node.port());
      List<String> tokens = users(api);
      WebClient http = WebClient.create(vertx, new WebClientOptions()
          .setDefaultHost("127.0.0.1").setDefaultPort(node.port()), new PoolOptions().setHttp1MaxSize(concurrency));

      List<Long> fresh = new ArrayList<>();
      List<Long> pages = new ArrayList<>();
      Random random = new Random(1);
      for (int i = 0; i < 300; i++) {
        String token = tokens.get(random.nextInt(tokens.size()));
        long t0 = System.nanoTime();
        JsonObject page = get(http, "/v1/feed?limit=20", token).await().bodyAsJsonObject();
        fresh.add(System.nanoTime() - t0);
        long t1 = System.nanoTime();
        get(http, "/v1/feed?limit=20&cursor=" + page.getString("nextCursor"), token).await();
        pages.add(System.nanoTime() - t1);
      }
      System.out.printf("latency, new ranking (first page of 20): p50 %.1f ms, p99 %.1f ms%n",
          percentile(fresh, 50), percentile(fresh, 99));
      System.out.printf("latency, cursor page of 20:             p50 %.1f ms, p99 %.1f ms%n",
          percentile(pages, 50), percentile(pages, 99));

      String cursorOf = get(http, "/v1/feed?limit=1", tokens.get(0)).await().bodyAsJsonObject().getString("nextCursor");
      double feedRate = load("new rankings", vertx, seconds, concurrency, () -> get(http, "/v1/feed?limit=20",
          tokens.get(random.nextInt(tokens.size()))));
      double pageRate = load("cursor pages", vertx, seconds, concurrency, () -> get(http, "/v1/feed?limit=20&cursor=" + cursorOf,
          tokens.get(0)));

      Buffer sample = get(http, "/v1/feed?limit=20", tokens.get(0)).await().body();
      HttpServer bare = vertx.createHttpServer().requestHandler(request -> request.response()
          .putHeader("Content-Type", "application/json").end(new JsonObject(sample).encode()))
          .listen(0, "127.0.0.1").await();
      WebClient bareClient = WebClient.create(vertx, new WebClientOptions()
          .setDefaultHost("127.0.0.1").setDefaultPort(bare.actualPort()), new PoolOptions().setHttp1MaxSize(concurrency));
      double bareRate = load("bare endpoint", vertx, seconds, concurrency, () -> bareClient.get("/feed").send());
      System.out.printf("throughput, %d connections, %d s each: new rankings %.0f req/s, cursor pages %.0f req/s,"
          + " bare Vert.x JSON endpoint %.0f req/s (cursor pages at %.0f %% of it)%n", concurrency, seconds,
          feedRate, pageRate, bareRate, 100 * pageRate / bareRate);
    } finally {
      node.close();
      vertx.close().await();
    }
  }

  private static Future<HttpResponse<Buffer>> get(WebClient http, String path, String token) {
    return http.get(path).bearerTokenAuthentication(token).send().map(response -> {
      if (response.statusCode() != 200) {
        throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.bodyAsString());
      }
      return response;
    });
  }

  /**
   * Keeps {@code concurrency} requests in flight for {@code seconds}; answers completed requests per second and
   * prints the CPU time the whole process (server and load client) spent per request, which moves far less than
   * the rate on a machine shared with other work.
   */
  private static double load(String name, Vertx vertx, int seconds, int concurrency,
                             java.util.function.Supplier<Future<?>> request) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    AtomicLong done = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    List<Future<Void>> loops = new ArrayList<>();
    for (int i = 0; i < concurrency; i++) {
      io.vertx.core.Promise<Void> finished = io.vertx.core.Promise.promise();
      vertx.runOnContext(v -> loop(request, end, done, failed, finished));
      loops.add(finished.future());
    }
    long started = System.nanoTime();
    Future.all(loops).await();
    if (failed.get() > 0) {
      System.out.printf("  (%d requests failed)%n", failed.get());
    }
    double rate = done.get() / seconds(started);
    System.out.printf("  %s: %.0f req/s, process CPU %.2f ms per request%n", name, rate,
        (os.getProcessCpuTime() - cpuBefore) / 1e6 / Math.max(1, done.get()));
    return rate;
  }

  private static void loop(java.util.function.Supplier<Future<?>> request, long end, AtomicLong done,
                           AtomicLong failed, io.vertx.core.Promise<Void> finished) {
    if (System.nanoTime() >= end) {
      finished.complete();
      return;
    }
    request.get().onComplete(result -> {
      (result.succeeded() ? done : failed).incrementAndGet();
      loop(request, end, done, failed, finished);
    });
  }

  private static List<String> users(Api api) {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < USERS; i++) {
      JobFixtures.Family family = JobFixtures.FAMILIES.get(i % JobFixtures.FAMILIES.size());
      String token = api.post("/v1/auth/register", new JsonObject().put("email", "bench" + i + "@example.com")
          .put("password", "throughput under load 2026")).bodyAsJsonObject().getString("accessToken");
      HttpResponse<Buffer> put = api.request(io.vertx.core.http.HttpMethod.PUT, "/v1/profile")
          .bearerTokenAuthentication(token)
          .sendJsonObject(new JsonObject().put("headline", family.titles().get(0))
              .put("skills", new JsonArray(family.skills().subList(0, 4)))).await();
      if (put.statusCode() != 200) {
        throw new IllegalStateException("profile: " + put.bodyAsString());
      }
      tokens.add(token);
    }
    return tokens;
  }

  private static void insertJobs(TestDatabase database, int count, String model) throws Exception {
    Random random = new Random(11);
    float[][] centroids = new float[JobFixtures.FAMILIES.size()][];
    for (int f = 0; f < centroids.length; f++) {
      centroids[f] = unit(gaussian(random), null, 0);
    }
    Instant now = Instant.now();
    try (Connection db = database.connect();
         PreparedStatement insert = db.prepareStatement("""
             INSERT INTO jobs (id, title, company, company_key, title_key, locations, remote, employment_type,
                               salary_max, salary_currency, salary_period, description_text, apply_url, posted_at,
                               family, seniority, skills, embedding, embedding_model)
             VALUES (?, ?, ?, ?, lower(?), ?, ?, 'full_time', ?, ?, 'year', ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      db.setAutoCommit(false);
      for (int i = 0; i < count; i++) {
        int f = i % JobFixtures.FAMILIES.size();
        JobFixtures.Posting p = JobFixtures.posting(JobFixtures.FAMILIES.get(f), random, now, 30);
        String company = p.company() + " " + (i % 500);
        float[] vector = unit(centroids[f], gaussian(random), 0.7f);
        Float[] boxed = new Float[DIMENSIONS];
        for (int d = 0; d < DIMENSIONS; d++) {
          boxed[d] = vector[d];
        }
        UUID id = UUID.randomUUID();
        int c = 1;
        insert.setObject(c++, id);
        insert.setString(c++, p.title());
        insert.setString(c++, company);
        insert.setString(c++, CompanyNames.key(company));
        insert.setString(c++, p.title());
        insert.setArray(c++, db.createArrayOf("text", p.locations().toArray()));
        insert.setString(c++, p.remote());
        insert.setDouble(c++, p.salaryMax());
        insert.setString(c++, p.currency());
        insert.setString(c++, p.description());
        insert.setString(c++, "https://boards.example.com/jobs/" + id);
        insert.setTimestamp(c++, Timestamp.from(p.postedAt()));
        insert.setString(c++, p.family());
        insert.setString(c++, p.seniority());
        insert.setArray(c++, db.createArrayOf("text", p.skills().toArray()));
        insert.setArray(c++, db.createArrayOf("real", boxed));
        insert.setString(c, model);
        insert.addBatch();
        if (i % 1_000 == 999) {
          insert.executeBatch();
          db.commit();
        }
      }
      insert.executeBatch();
      db.commit();
    }
  }

  private static float[] gaussian(Random random) {
    float[] v = new float[DIMENSIONS];
    for (int d = 0; d < DIMENSIONS; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return v;
  }

  /** {@code a + weight·b}, unit length (b unit-scaled first). */
  private static float[] unit(float[] a, float[] b, float weight) {
    float[] v = a.clone();
    if (b != null) {
      float[] bu = unit(b, null, 0);
      for (int d = 0; d < DIMENSIONS; d++) {
        v[d] += weight * bu[d];
      }
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    for (int d = 0; d < DIMENSIONS; d++) {
      v[d] /= norm;
    }
    return v;
  }

  private static double percentile(List<Long> nanos, int p) {
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    int at = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, at)) / 1e6;
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
