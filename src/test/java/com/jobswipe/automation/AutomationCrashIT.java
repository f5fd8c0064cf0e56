package com.jobswipe.automation;

import com.jobswipe.automation.browser.AtsReplicas;
import com.jobswipe.automation.browser.AtsReplicas.Submission;
import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.ServerProcess;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once submit against crashes: 20 applications are worked by the packaged jar running only the automation
 * role (on the embedded default's in-process backlog, so the reconciler is what brings a dead worker's tasks back),
 * which is killed with SIGKILL at random moments and started again until every application has ended. The local Greenhouse replica counts what it receives per applicant: nobody's form may arrive twice, and every
 * application must end SUBMITTED (confirmed) or UNKNOWN (the click may have happened, a person checks) — never
 * clicked a second time.
 */
class AutomationCrashIT {

  private static final int APPLICATIONS = 20;
  private static final String PASSWORD = "correct battery horse staple 7";

  private static Vertx vertx;
  private static AtsReplicas replicas;
  private static RunningNode api;
  private static Api http;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium package (scripts/test installs it)").isExecutable();
    vertx = Vertx.vertx();
    replicas = AtsReplicas.start();
    api = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of("JOBSWIPE_EMAIL_VERIFICATION", "off"));
    http = new Api(vertx, api.port());
    try (Connection db = api.database().connect()) {
      // The replica's host: limits generous enough that the test measures crashes, not politeness.
      db.createStatement().executeUpdate("INSERT INTO domains (domain, max_concurrency, per_minute, per_hour, per_day)"
          + " VALUES ('127.0.0.1', 5, 1000, 10000, 100000)");
    }
  }

  @AfterAll
  static void stop() {
    api.close();
    replicas.close();
    vertx.close().await();
  }

  /** A running automation process and its node id (its runs claim tasks as {@code nodeId/run}). */
  private record Worker(ServerProcess process, String nodeId) {
  }

  private Worker worker() throws Exception {
    ServerProcess worker = ServerProcess.start(Map.ofEntries(
        Map.entry("DATABASE_URL", api.database().url().toString()),
        Map.entry("PORT", Integer.toString(FreePorts.next())),
        Map.entry("JOBSWIPE_DATA_DIR", Files.createTempDirectory("worker-").toString()),
        Map.entry("JOBSWIPE_DATA_KEYS", TestNodes.DATA_KEYS),
        Map.entry("JOBSWIPE_JWT_KEYS", TestNodes.JWT_KEYS),
        Map.entry("JOBSWIPE_FETCH_ALLOW_PRIVATE", "true"),
        Map.entry("JOBSWIPE_AUTOMATION_LEASE_SECONDS", "10"),
        Map.entry("JOBSWIPE_AUTOMATION_RECONCILE_SECONDS", "1"),
        Map.entry("JOBSWIPE_AUTOMATION_STALE_SECONDS", "5"),
        Map.entry("JOBSWIPE_AUTOMATION_BUSY_RETRY_SECONDS", "1"),
        Map.entry("JOBSWIPE_AUTOMATION_BACKOFF_SECONDS", "1")), "--roles", "automation");
    Matcher ready = Pattern.compile("node (\\S+) ready with roles")
        .matcher(worker.awaitLine(line -> line.contains("ready with roles"), Duration.ofSeconds(60)));
    assertThat(ready.find()).isTrue();
    return new Worker(worker, ready.group(1));
  }

  /** A candidate whose profile email is {@code email}, with a resume, who swipes right on a Greenhouse job. */
  private static String applicant(String email) throws Exception {
    String token = http.post("/v1/auth/register", new JsonObject().put("email", "account." + email)
        .put("password", PASSWORD)).bodyAsJsonObject().getString("accessToken");
    assertThat(http.request(HttpMethod.PUT, "/v1/profile").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("fullName", "Jane Doe").put("email", email).put("phone", "+49 30 1234567")
            .put("location", "Berlin")
            .put("links", new JsonObject().put("linkedin", "https://www.linkedin.com/in/janedoe")
                .put("github", "https://github.com/janedoe").put("portfolio", "https://janedoe.dev"))
            .put("workAuthorization", new JsonObject()
                .put("authorizedCountries", new JsonArray().add("US").add("DE")).put("requiresSponsorship", false)))
        .await().statusCode()).isEqualTo(200);
    HttpResponse<Buffer> upload = http.request(HttpMethod.POST, "/v1/profile/resumes").bearerTokenAuthentication(token)
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "cv.pdf",
            Buffer.buffer(AutomationFlowTestResumes.pdf()), "application/pdf"))
        .await();
    assertThat(upload.statusCode()).as(upload.bodyAsString()).isEqualTo(201);
    String jobId;
    try (Connection db = api.database().connect();
         PreparedStatement insert = db.prepareStatement("INSERT INTO jobs (title, company, company_key, apply_url,"
             + " ats_domain) VALUES ('Backend Engineer', ?, ?, ?, '127.0.0.1') RETURNING id")) {
      String company = "Company " + UUID.randomUUID();
      insert.setString(1, company);
      insert.setString(2, company.toLowerCase());
      insert.setString(3, replicas.url("/greenhouse/acme/jobs/4012345"));
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        jobId = rs.getString(1);
      }
    }
    HttpResponse<Buffer> swipe = http.post("/v1/swipes", new JsonObject().put("jobId", jobId).put("direction", "right")
        .put("clientId", UUID.randomUUID().toString()), token);
    assertThat(swipe.statusCode()).isEqualTo(201);
    return swipe.bodyAsJsonObject().getString("applicationId");
  }

  private Map<String, String> statuses() throws Exception {
    Map<String, String> statuses = new HashMap<>();
    try (Connection db = api.database().connect();
         ResultSet rs = db.createStatement().executeQuery("SELECT id::text, status FROM applications")) {
      while (rs.next()) {
        statuses.put(rs.getString(1), rs.getString(2));
      }
    }
    return statuses;
  }

  private static boolean ended(Map<String, String> statuses) {
    return statuses.values().stream().allMatch(s -> Set.of("SUBMITTED", "UNKNOWN", "FAILED", "CANCELLED",
        "NEEDS_HUMAN").contains(s));
  }

  private static String sleepThen(long millis, String label) throws InterruptedException {
    Thread.sleep(millis);
    return label;
  }

  /** Waits until one of this worker's own runs holds a task in {@code state}; answers the state, or "late". */
  private String awaitOwnTaskIn(String nodeId, String state, Duration patience) throws Exception {
    Instant until = Instant.now().plus(patience);
    try (Connection db = api.database().connect();
         PreparedStatement held = db.prepareStatement("SELECT 1 FROM application_tasks WHERE state = ?"
             + " AND locked_by LIKE ? AND lease_until > now() LIMIT 1")) {
      held.setString(1, state);
      held.setString(2, nodeId + "/%");
      while (Instant.now().isBefore(until)) {
        try (ResultSet rs = held.executeQuery()) {
          if (rs.next()) {
            return state;
          }
        }
        Thread.sleep(10);
      }
    }
    return "late";
  }

  @Test
  void killingTheWorkerMidFillAndAroundTheClickNeverSubmitsAFormTwice() throws Exception {
    Map<String, String> emailOf = new HashMap<>();
    for (int i = 0; i < APPLICATIONS; i++) {
      String email = "jane.crash" + i + "@example.org";
      emailOf.put(applicant(email), email);
    }
    // Kills aimed at each moment of a run: while one of the worker's own tasks is FILLING (mid-fill: the form
    // is filled again by the next worker), while one is SUBMITTING (around the click: never clicked again), and
    // at a random moment (often while browsers start or claims are made).
    List<String> targets = List.of("FILLING", "SUBMITTING", "random", "SUBMITTING", "FILLING", "random", "SUBMITTING",
        "FILLING");
    Random random = new Random();
    List<String> hits = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
    for (String target : targets) {
      if (ended(statuses()) || Instant.now().isAfter(deadline)) {
        break;
      }
      Worker worker = worker();
      String hit = target.equals("random") ? sleepThen(500 + random.nextInt(5_000), "random")
          : awaitOwnTaskIn(worker.nodeId(), target, Duration.ofSeconds(30));
      worker.process().kill();
      hits.add(hit);
    }
    try (ServerProcess last = worker().process()) {
      while (!ended(statuses()) && Instant.now().isBefore(deadline)) {
        Thread.sleep(250);
      }
      assertThat(ended(statuses())).as("every application ended (%s); last worker said:%n%s", statuses(),
          last.output()).isTrue();
    }

    Map<String, Integer> received = new HashMap<>();
    for (Submission form : replicas.submissionsTo("/greenhouse/acme/jobs/4012345")) {
      received.merge(form.field("job_application[email]"), 1, Integer::sum);
    }
    Map<String, String> statuses = statuses();
    System.out.printf("crash test: kills %s; outcomes %s%n", hits,
        statuses.values().stream().collect(java.util.stream.Collectors.groupingBy(s -> s,
            java.util.stream.Collectors.counting())));
    assertThat(hits).as("kills that landed mid-fill and around a click").contains("FILLING", "SUBMITTING");
    assertThat(received.values()).as("forms received per applicant").allMatch(count -> count == 1);
    assertThat(statuses).hasSize(APPLICATIONS);
    statuses.forEach((application, status) -> {
      assertThat(status).as(application).isIn("SUBMITTED", "UNKNOWN");
      if (status.equals("SUBMITTED")) {
        assertThat(received).as("the replica received %s's form", emailOf.get(application))
            .containsEntry(emailOf.get(application), 1);
      }
    });
  }
}
