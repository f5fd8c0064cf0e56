package com.jobswipe;

import com.jobswipe.testing.Admins;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sees of a real node: a request's id followed from the api into the role that served it (in the
 * node's real log output), the meters moving after real actions (a poll of a local feed, a failed poll, a wrong
 * password, a lockout, a rate-limit refusal), and the shipped dashboard and alert rules using only metric names the
 * node really exposes, the rules checked by {@code promtool} where it is installed.
 */
class ObservabilityTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int AUTH_PER_MINUTE = 12;

  private static Vertx vertx;
  private static HttpServer feeds;
  private static RunningNode node;
  private static Api api;
  private static String admin;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    byte[] feed;
    try (InputStream in = ObservabilityTest.class.getResourceAsStream("/fixtures/sources/rss-aggregator.xml")) {
      feed = in.readAllBytes();
    }
    feeds = vertx.createHttpServer().requestHandler(request -> {
      if (request.path().endsWith("/feed.xml")) {
        request.response().putHeader("Content-Type", "application/rss+xml").end(Buffer.buffer(feed));
      } else {
        request.response().setStatusCode(404).end();
      }
    }).listen(0, "127.0.0.1").await();
    node = RunningNode.start(EnumSet.allOf(com.jobswipe.bus.Role.class), Map.of(
        "JOBSWIPE_DATA_DIR", Path.of("target", "test-data", "observe-" + UUID.randomUUID()).toString(),
        "JOBSWIPE_FETCH_ALLOW_PRIVATE", "true",
        "JOBSWIPE_FETCH_HOST_DELAY_MS", "0",
        "JOBSWIPE_INGESTION_SCHEDULER", "false",
        "JOBSWIPE_EMAIL_VERIFICATION", "off",
        "JOBSWIPE_ADMIN_EMAILS", "ops@example.com",
        "JOBSWIPE_RATE_AUTH_PER_MINUTE", Integer.toString(AUTH_PER_MINUTE),
        "JOBSWIPE_LOCKOUT_THRESHOLD", "3"));
    api = new Api(vertx, node.port());
    admin = Admins.admin(api, node.database(), "ops@example.com", "operations passphrase 2026");
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  @Test
  void aRequestIdFollowsTheRequestIntoTheRoleThatServedIt() throws Exception {
    String good = source("/" + UUID.randomUUID() + "/feed.xml");
    String gone = source("/" + UUID.randomUUID() + "/gone.xml");
    String okId = "trace-ok-" + UUID.randomUUID();
    String failedId = "trace-failed-" + UUID.randomUUID();
    try (LogTap tap = LogTap.open()) {
      CompletableFuture<String> served = tap.firstLine(line -> line.contains("[" + okId + "] ingestion.sources.sync"));
      CompletableFuture<String> failed = tap.firstLine(line -> line.contains("[" + failedId + "] source " + gone));
      assertThat(sync(good, okId).statusCode()).isEqualTo(200);
      assertThat(sync(gone, failedId).statusCode()).isEqualTo(503);

      assertThat(served.get(WAIT.toSeconds(), TimeUnit.SECONDS)).contains("served in").endsWith(": ok");
      // The ingestion role's own warning about the failed poll carries the id of the request that asked for it.
      assertThat(failed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).contains("failed");
    }
  }

  @Test
  void metersMoveAfterRealPollsSignInsLockoutsAndRefusals() {
    String before = scrape();
    String good = source("/" + UUID.randomUUID() + "/feed.xml");
    String gone = source("/" + UUID.randomUUID() + "/gone.xml");
    HttpResponse<Buffer> polled = sync(good, "poll-" + UUID.randomUUID());
    assertThat(polled.statusCode()).isEqualTo(200);
    JsonObject report = polled.bodyAsJsonObject();
    assertThat(sync(gone, "poll-" + UUID.randomUUID()).statusCode()).isEqualTo(503);

    String user = "counted-" + UUID.randomUUID() + "@example.com";
    assertThat(api.post("/v1/auth/register", new JsonObject().put("email", user)
        .put("password", "correct battery horse staple 7")).statusCode()).isEqualTo(201);
    // Wrong passwords until the limiter refuses: the account locks on the way (threshold 3), then 429.
    List<Integer> statuses = new ArrayList<>();
    while (!statuses.contains(429)) {
      assertThat(statuses).as("never refused").hasSizeLessThan(3 * AUTH_PER_MINUTE);
      statuses.add(api.post("/v1/auth/login", new JsonObject().put("email", user).put("password", "wrong " + statuses.size()))
          .statusCode());
    }
    assertThat(statuses.subList(0, statuses.size() - 1)).containsOnly(401);

    String after = scrape();
    assertThat(delta(before, after, "jobswipe_ingestion_polls_total{kind=\"rss\",outcome=\"ok\"}")).isEqualTo(1);
    assertThat(delta(before, after, "jobswipe_ingestion_polls_total{kind=\"rss\",outcome=\"failed\"}")).isEqualTo(1);
    assertThat(delta(before, after, "jobswipe_ingestion_poll_failures_total{kind=\"rss\",reason=\"gone\"}"))
        .isEqualTo(1);
    // The poll's own report (new, or merged into a job an earlier test's poll of the same feed stored).
    assertThat(report.getInteger("created") + report.getInteger("merged")).isPositive();
    assertThat(delta(before, after, "jobswipe_ingestion_postings_total{change=\"new\",kind=\"rss\"}"))
        .isEqualTo(report.getInteger("created").doubleValue());
    assertThat(delta(before, after, "jobswipe_ingestion_postings_total{change=\"duplicate\",kind=\"rss\"}"))
        .isEqualTo(report.getInteger("merged").doubleValue());
    assertThat(delta(before, after, "jobswipe_ingestion_postings_total{change=\"changed\",kind=\"rss\"}"))
        .isEqualTo(report.getInteger("updated").doubleValue());
    assertThat(delta(before, after, "jobswipe_ingestion_poll_duration_seconds_count{kind=\"rss\"}")).isEqualTo(2);
    assertThat(delta(before, after, "jobswipe_auth_sign_ins_total{method=\"password\",outcome=\"bad-password\"}"))
        .isGreaterThanOrEqualTo(3);
    assertThat(delta(before, after, "jobswipe_auth_sign_ins_total{method=\"password\",outcome=\"locked\"}")
        + delta(before, after, "jobswipe_auth_sign_ins_total{method=\"password\",outcome=\"bad-password\"}"))
        .isEqualTo(statuses.size() - 1);
    assertThat(delta(before, after, "jobswipe_auth_lockouts_total{scope=\"account\"}")
        + delta(before, after, "jobswipe_auth_lockouts_total{scope=\"client\"}")).isGreaterThanOrEqualTo(1);
    assertThat(delta(before, after, "jobswipe_rate_limit_refusals_total{rule=\"auth-ip\"}")
        + delta(before, after, "jobswipe_rate_limit_refusals_total{rule=\"auth-account\"}")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void automationGaugesComeFromTheDatabaseAndShowATrippedCircuitByDomain() {
    String text = scrape();
    assertThat(value(text, "jobswipe_automation_backlog{state=\"QUEUED\"}")).isZero();
    assertThat(value(text, "jobswipe_automation_backlog_oldest_seconds")).isZero();
    assertThat(value(text, "jobswipe_automation_browsers_in_use")).isZero();
    assertThat(value(text, "jobswipe_websockets_open")).isZero();

    openCircuit("boards.observed.example");
    String tripped = awaitScrape(t -> t.contains("jobswipe_automation_circuit_state{domain=\"boards.observed.example\"}"));
    assertThat(value(tripped, "jobswipe_automation_circuit_state{domain=\"boards.observed.example\"}")).isEqualTo(2);
    assertThat(value(tripped, "jobswipe_automation_circuits{state=\"open\"}")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theDashboardAndTheAlertRulesUseOnlyMetricsANodeExposes() throws Exception {
    // Series that exist only while something is wrong: a tripped circuit.
    openCircuit("drift.observed.example");
    String exposition = awaitScrape(t -> t.contains("domain=\"drift.observed.example\""));
    // Kept for whoever edits the dashboard: every name a node exposes.
    Files.createDirectories(Path.of("target", "observability"));
    Files.writeString(Path.of("target", "observability", "metrics.txt"), exposition);
    Set<String> exposed = names(exposition);
    Set<String> used = new TreeSet<>();
    used.addAll(metricNames(Files.readString(Path.of("deploy", "grafana", "jobswipe.json"))));
    used.addAll(metricNames(Files.readString(Path.of("deploy", "prometheus", "alerts.yml"))));
    assertThat(used).as("metric names in deploy/").hasSizeGreaterThan(10);
    assertThat(exposed).containsAll(used);
  }

  @Test
  void theAlertRulesPassPromtool() throws Exception {
    Path promtool = Path.of("/usr/bin/promtool");
    if (!Files.isExecutable(promtool)) {
      // Debian's prometheus package brings it (scripts/test installs it); without it, the drift test above still
      // holds the rules to the node's metric names.
      System.err.println("promtool not installed: alert rules not syntax-checked");
      return;
    }
    Process check = new ProcessBuilder(promtool.toString(), "check", "rules", "deploy/prometheus/alerts.yml")
        .redirectErrorStream(true).start();
    String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(check.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(check.exitValue()).as(output).isZero();
    assertThat(output).contains("SUCCESS");
  }

  // ------------------------------------------------------------------ helpers

  /** An operator opens a domain's circuit through the admin API. */
  private static void openCircuit(String domain) {
    HttpResponse<Buffer> put = api.request(HttpMethod.PUT, "/v1/admin/domains/" + domain)
        .bearerTokenAuthentication(admin).sendJsonObject(new JsonObject().put("maxConcurrency", 2).put("perMinute", 5)
            .put("perHour", 50).put("perDay", 100).put("circuitState", "open")).await();
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
  }

  private static String source(String path) {
    HttpResponse<Buffer> created = api.post("/v1/admin/sources", new JsonObject().put("kind", "rss")
        .put("name", "observed " + UUID.randomUUID()).put("url", "http://127.0.0.1:" + feeds.actualPort() + path),
        admin);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("id");
  }

  private static HttpResponse<Buffer> sync(String sourceId, String requestId) {
    return api.request(HttpMethod.POST, "/v1/admin/sources/" + sourceId + "/sync")
        .bearerTokenAuthentication(admin).putHeader("X-Request-Id", requestId)
        .sendJsonObject(new JsonObject()).await();
  }

  private static String scrape() {
    HttpResponse<Buffer> response = api.get("/metrics", TestNodes.OPS_TOKEN);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.bodyAsString();
  }

  private static String awaitScrape(Predicate<String> wanted) {
    Instant deadline = Instant.now().plus(WAIT);
    String text = scrape();
    while (!wanted.test(text)) {
      assertThat(Instant.now()).as("metrics never showed it:\n" + text).isBefore(deadline);
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      text = scrape();
    }
    return text;
  }

  /** The sample value of one series (exact name and labels as Prometheus prints them, labels sorted). */
  static double value(String exposition, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
    assertThat(m.find()).as(series + " on /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static double delta(String before, String after, String series) {
    return value(after, series) - value(before, series);
  }

  /** Every series name in an exposition. */
  static Set<String> names(String exposition) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(exposition);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * Metric names in a dashboard or rule file: our own and Vert.x's and the JVM's, as written in the queries. {@code up}
   * is Prometheus's own (a failed scrape), not the node's, so it is not looked for.
   */
  static Set<String> metricNames(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("\\b((?:jobswipe|vertx|jvm|process)_[a-zA-Z0-9_]+)").matcher(text);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  /**
   * The node's log output as it is written: the shipped SLF4J configuration logs to {@code System.out}, looked up at
   * every line, so a tee on it sees every line; a waiter is completed by the first line it matches.
   */
  private static final class LogTap extends OutputStream implements AutoCloseable {
    private final PrintStream original = System.out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final List<Map.Entry<Predicate<String>, CompletableFuture<String>>> waiters =
        new java.util.concurrent.CopyOnWriteArrayList<>();

    static LogTap open() {
      LogTap tap = new LogTap();
      System.setOut(new PrintStream(tap, true, StandardCharsets.UTF_8));
      return tap;
    }

    CompletableFuture<String> firstLine(Predicate<String> wanted) {
      CompletableFuture<String> found = new CompletableFuture<>();
      waiters.add(Map.entry(wanted, found));
      return found;
    }

    @Override
    public synchronized void write(int b) {
      original.write(b);
      if (b == '\n') {
        String text = line.toString(StandardCharsets.UTF_8);
        line.reset();
        waiters.forEach(w -> {
          if (w.getKey().test(text)) {
            w.getValue().complete(text);
          }
        });
      } else {
        line.write(b);
      }
    }

    @Override
    public void close() {
      System.setOut(original);
      original.flush();
    }
  }
}
