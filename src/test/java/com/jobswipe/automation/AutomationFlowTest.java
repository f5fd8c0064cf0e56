package com.jobswipe.automation;

import com.jobswipe.automation.browser.AtsReplicas;
import com.jobswipe.automation.browser.AtsReplicas.Submission;
import com.jobswipe.bus.Role;
import com.jobswipe.testing.Admins;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Right swipe to submitted form, end to end on a real node: HTTP, PostgreSQL, RabbitMQ, Debian Chromium and local
 * replicas of real ATS forms that record every field and file they receive. Also the human hand-off (a required
 * question nobody answered, a captcha), cancellation, and the owner's WebSocket seeing each step.
 */
class AutomationFlowTest {

  private static final String PASSWORD = "correct battery horse staple 7";

  private static Vertx vertx;
  /** Held for the whole class: Vert.x closes a client, and its sockets, once nothing references it any more. */
  private static WebSocketClient sockets;
  private static AtsReplicas replicas;
  private static RunningNode node;
  private static Api api;

  @BeforeAll
  static void start() {
    assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium package (scripts/test installs it)").isExecutable();
    vertx = Vertx.vertx();
    sockets = vertx.createWebSocketClient();
    replicas = AtsReplicas.start();
    node = RunningNode.start(EnumSet.of(Role.API, Role.AUTOMATION, Role.NOTIFICATION), Map.of(
        "RABBITMQ_URI", "amqp://guest:guest@127.0.0.1:5672",
        "JOBSWIPE_FETCH_ALLOW_PRIVATE", "true",
        "JOBSWIPE_AUTOMATION_RECONCILE_SECONDS", "2",
        "JOBSWIPE_EMAIL_VERIFICATION", "off",
        "JOBSWIPE_ADMIN_EMAILS", "ops@example.com"));
    api = new Api(vertx, node.port());
    allowEveryApplicationAtOnce();
  }

  /**
   * Every posting here is on the replicas' one domain. With its default of 10 starts a minute, the class's
   * eleventh application would wait for the minute window to pass, and its test would race that window; the
   * limits are stated here instead (the limits themselves are tested in DomainRulesTest and DomainPermitsTest).
   */
  private static void allowEveryApplicationAtOnce() {
    try (Connection db = node.database().connect();
         PreparedStatement upsert = db.prepareStatement("INSERT INTO domains (domain, max_concurrency, per_minute,"
             + " per_hour, per_day) VALUES ('127.0.0.1', 5, 1000, 10000, 10000) ON CONFLICT (domain) DO UPDATE"
             + " SET per_minute = EXCLUDED.per_minute, per_hour = EXCLUDED.per_hour, per_day = EXCLUDED.per_day")) {
      assertThat(upsert.executeUpdate()).isEqualTo(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stop() {
    node.close();
    replicas.close();
    vertx.close().await();
  }

  /** A candidate with a complete profile and a PDF resume. */
  private static String candidate() throws Exception {
    String email = "jane." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    String token = api.post("/v1/auth/register", new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject().getString("accessToken");
    HttpResponse<Buffer> profile = api.request(HttpMethod.PUT, "/v1/profile").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject()
            .put("fullName", "Jane Doe")
            .put("email", "jane.doe@example.org")
            .put("phone", "+49 30 1234567")
            .put("location", "Berlin")
            .put("links", new JsonObject().put("linkedin", "https://www.linkedin.com/in/janedoe")
                .put("github", "https://github.com/janedoe").put("portfolio", "https://janedoe.dev"))
            .put("skills", new JsonArray().add("Kotlin").add("PostgreSQL"))
            .put("workAuthorization", new JsonObject().put("authorizedCountries", new JsonArray().add("US").add("DE"))
                .put("requiresSponsorship", false)))
        .await();
    assertThat(profile.statusCode()).as(profile.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> upload = api.request(HttpMethod.POST, "/v1/profile/resumes").bearerTokenAuthentication(token)
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "Jane-Doe-CV.pdf", Buffer.buffer(AutomationFlowTestResumes.pdf()),
            "application/pdf"))
        .await();
    assertThat(upload.statusCode()).as(upload.bodyAsString()).isEqualTo(201);
    return token;
  }

  private static String job(String path, String company) throws Exception {
    try (Connection db = node.database().connect();
         PreparedStatement insert = db.prepareStatement("INSERT INTO jobs (title, company, company_key, apply_url,"
             + " ats_domain) VALUES ('Backend Engineer', ?, lower(?), ?, '127.0.0.1') RETURNING id")) {
      insert.setString(1, company);
      insert.setString(2, company);
      insert.setString(3, replicas.url(path));
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static String swipeRight(String token, String jobId) {
    HttpResponse<Buffer> swipe = api.post("/v1/swipes", new JsonObject().put("jobId", jobId).put("direction", "right")
        .put("clientId", UUID.randomUUID().toString()), token);
    assertThat(swipe.statusCode()).as(swipe.bodyAsString()).isEqualTo(201);
    return swipe.bodyAsJsonObject().getString("applicationId");
  }

  private static JsonObject awaitStatus(String token, String applicationId, String status) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    JsonObject application = null;
    while (Instant.now().isBefore(deadline)) {
      application = api.get("/v1/applications/" + applicationId, token).bodyAsJsonObject();
      if (status.equals(application.getString("status"))) {
        return application;
      }
      if (Set.of("SUBMITTED", "FAILED", "CANCELLED", "UNKNOWN").contains(application.getString("status"))) {
        break; // ended elsewhere: no point waiting
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
    throw new AssertionError("application never reached " + status + ": " + application);
  }

  @Test
  void aRightSwipeFillsAndSubmitsTheGreenhouseFormOnceWithEveryStepLive() throws Exception {
    String token = candidate();
    String jobId = job("/greenhouse/acme/jobs/4012345", "Acme Corp");
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    // The handler is set before connecting, so not even the first frame can pass unseen.
    sockets.webSocket().textMessageHandler(text -> events.add(new JsonObject(text)))
        .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port())
            .setURI("/v1/ws").addHeader("Authorization", "Bearer " + token)).await();

    String applicationId = swipeRight(token, jobId);
    JsonObject application = awaitStatus(token, applicationId, "SUBMITTED");

    List<Submission> posts = replicas.submissionsTo("/greenhouse/acme/jobs/4012345");
    assertThat(posts).hasSize(1);
    Submission form = posts.get(0);
    assertThat(form.field("job_application[first_name]")).isEqualTo("Jane");
    assertThat(form.field("job_application[last_name]")).isEqualTo("Doe");
    assertThat(form.field("job_application[email]")).isEqualTo("jane.doe@example.org");
    assertThat(application.getString("submittedAt")).isNotNull();
    JsonArray steps = application.getJsonArray("steps");
    JsonObject fill = steps.stream().map(JsonObject.class::cast).filter(s -> "fill".equals(s.getString("step")))
        .findFirst().orElseThrow();
    assertThat(fill.getJsonArray("fields")).contains("job_application[first_name]", "job_application[email]");
    assertThat(steps.encode()).doesNotContain("jane.doe@example.org").doesNotContain("+49 30 1234567");
    Instant deadline = Instant.now().plusSeconds(10);
    while (events.stream().noneMatch(e -> "SUBMITTED".equals(e.getString("status"))) && Instant.now().isBefore(deadline)) {
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    assertThat(events.stream().filter(e -> applicationId.equals(e.getString("applicationId")))
        .map(e -> e.getString("status")).toList()).containsSubsequence("FILLING", "SUBMITTING", "SUBMITTED");
    // A submitted application cannot be cancelled.
    assertThat(api.post("/v1/applications/" + applicationId + "/cancel", new JsonObject(), token).statusCode())
        .isEqualTo(409);
  }

  @Test
  void aLeverPostingIsAppliedToFromTheStoredProfileAndResume() throws Exception {
    String token = candidate();
    String applicationId = swipeRight(token, job(AtsReplicas.LEVER_POSTING + "/apply", "Lever Works"));

    awaitStatus(token, applicationId, "SUBMITTED");

    List<Submission> posts = replicas.submissionsTo(AtsReplicas.LEVER_POSTING + "/apply");
    assertThat(posts).hasSize(1);
    Submission form = posts.get(0);
    assertThat(form.field("name")).isEqualTo("Jane Doe");
    assertThat(form.field("email")).isEqualTo("jane.doe@example.org");
    assertThat(form.field("urls[LinkedIn]")).isEqualTo("https://www.linkedin.com/in/janedoe");
    assertThat(form.field("cards[9b0f5e2a-7c41-4c8e-b1d2-5a6f7e8d9c01][field0]")).as("authorised").isEqualTo("Yes");
    assertThat(form.field("cards[9b0f5e2a-7c41-4c8e-b1d2-5a6f7e8d9c01][field1]")).as("sponsorship").isEqualTo("No");
    assertThat(form.field("eeo[gender]")).isEmpty();
    assertThat(form.upload("resume").filename()).endsWith(".pdf");
    assertThat(new String(form.upload("resume").bytes(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .as("the decrypted resume, not its ciphertext").isEqualTo("%PDF-");
  }

  @Test
  void anAshbyPostingIsAppliedToThroughItsGraphQlForm() throws Exception {
    String token = candidate();
    String applicationId = swipeRight(token, job(AtsReplicas.ASHBY_POSTING + "/application", "Ashby Labs"));

    awaitStatus(token, applicationId, "SUBMITTED");

    List<Submission> posts = replicas.submissionsTo("/ashby/api/non-user-graphql?op=ApiSubmitSingleApplicationFormAction");
    assertThat(posts).hasSize(1);
    JsonArray answers = new JsonObject(posts.get(0).field("operations")).getJsonObject("variables")
        .getJsonArray("fieldSubmissions");
    assertThat(answers.encode()).contains("\"_systemfield_name\"", "Jane Doe", "jane.doe@example.org",
        "https://www.linkedin.com/in/janedoe").doesNotContain("_systemfield_eeoc_gender");
    assertThat(new String(posts.get(0).upload("0").bytes(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
  }

  @Test
  void aRequiredQuestionNobodyAnsweredWaitsForTheUserThenSubmitsWithTheAnswer() throws Exception {
    String token = candidate();
    String applicationId = swipeRight(token, job("/careers/apply/kotlin-engineer", "Kotlin Works"));

    JsonObject paused = awaitStatus(token, applicationId, "NEEDS_HUMAN");
    JsonObject question = paused.getJsonArray("pendingQuestions").getJsonObject(0);
    assertThat(question.getString("label")).contains("Kotlin experience");
    assertThat(question.getJsonArray("options")).contains("3-5");
    assertThat(replicas.submissionsTo("/careers/apply/kotlin-engineer")).isEmpty();
    HttpResponse<Buffer> screenshot = api.get("/v1/applications/" + applicationId + "/screenshots/0", token);
    assertThat(screenshot.statusCode()).isEqualTo(200);
    assertThat(screenshot.getHeader("Content-Type")).isEqualTo("image/png");

    HttpResponse<Buffer> resumed = api.post("/v1/applications/" + applicationId + "/resume", new JsonObject()
        .put("answers", new JsonArray().add(new JsonObject().put("question", question.getString("label"))
            .put("answer", "3-5"))), token);
    assertThat(resumed.statusCode()).as(resumed.bodyAsString()).isEqualTo(200);
    assertThat(resumed.bodyAsJsonObject().getString("status")).isEqualTo("QUEUED");
    awaitStatus(token, applicationId, "SUBMITTED");

    List<Submission> posts = replicas.submissionsTo("/careers/apply/kotlin-engineer");
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).field("kotlin_years")).isEqualTo("3-5");
    // The answer rests sealed: no column of the task holds it in the clear.
    try (Connection db = node.database().connect();
         PreparedStatement q = db.prepareStatement("SELECT answers_enc FROM application_tasks WHERE application_id = ?")) {
      q.setObject(1, UUID.fromString(applicationId));
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        byte[] sealed = rs.getBytes(1);
        assertThat(sealed).isNotNull();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("3-5");
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
      "/captcha/recaptcha, RECAPTCHA_V2",
      "/captcha/hcaptcha, HCAPTCHA",
      "/captcha/turnstile, CLOUDFLARE_TURNSTILE",
      "/captcha/cloudflare, CLOUDFLARE_CHALLENGE"})
  void aCaptchaPausesTheApplicationWithAScreenshotAndTheUserMayCancelIt(String page, String kind) throws Exception {
    String token = candidate();
    String applicationId = swipeRight(token, job(page, "Captcha Co " + kind));

    JsonObject paused = awaitStatus(token, applicationId, "NEEDS_HUMAN");

    JsonObject question = paused.getJsonArray("pendingQuestions").getJsonObject(0);
    assertThat(question.getString("type")).isEqualTo("captcha");
    assertThat(question.getString("kind")).isEqualTo(kind);
    HttpResponse<Buffer> screenshot = api.get("/v1/applications/" + applicationId + "/screenshots/0", token);
    assertThat(screenshot.statusCode()).isEqualTo(200);
    assertThat(screenshot.body().getBytes(0, 4)).containsExactly(0x89, 'P', 'N', 'G');
    HttpResponse<Buffer> cancelled = api.post("/v1/applications/" + applicationId + "/cancel", new JsonObject(), token);
    assertThat(cancelled.statusCode()).as(cancelled.bodyAsString()).isEqualTo(200);
    assertThat(api.get("/v1/applications/" + applicationId, token).bodyAsJsonObject().getString("status"))
        .isEqualTo("CANCELLED");
    String stranger = candidate();
    assertThat(api.post("/v1/applications/" + applicationId + "/cancel", new JsonObject(), stranger).statusCode())
        .isEqualTo(404);
    assertThat(api.post("/v1/applications/" + applicationId + "/resume", new JsonObject(), token).statusCode())
        .isEqualTo(409);
  }

  @Test
  void aRightSwipeMayAskForADryRunOfItsOwnApplication() throws Exception {
    String token = candidate();
    String jobId = job("/greenhouse-new/acmelogistics/jobs/4012346", "Dry Run Works");
    HttpResponse<Buffer> left = api.post("/v1/swipes", new JsonObject().put("jobId", jobId).put("direction", "left")
        .put("clientId", UUID.randomUUID().toString()).put("dryRun", true), token);
    assertThat(left.statusCode()).as("a dry run of nothing").isEqualTo(400);
    int before = replicas.submissionsTo("/greenhouse-new/acmelogistics/jobs/4012346").size();
    // The test's jobs carry no ATS kind, so their endings count as ats="unknown".
    String ended = "jobswipe_automation_applications_total{ats=\"unknown\",status=\"CANCELLED\"}";
    double endedBefore = metric(ended);

    HttpResponse<Buffer> swipe = api.post("/v1/swipes", new JsonObject().put("jobId", jobId).put("direction", "right")
        .put("clientId", UUID.randomUUID().toString()).put("dryRun", true), token);
    assertThat(swipe.statusCode()).as(swipe.bodyAsString()).isEqualTo(201);
    JsonObject application = awaitStatus(token, swipe.bodyAsJsonObject().getString("applicationId"), "CANCELLED");

    assertThat(application.getBoolean("dryRun")).isTrue();
    assertThat(application.getJsonArray("steps").encode()).contains("dry_run");
    assertThat(replicas.submissionsTo("/greenhouse-new/acmelogistics/jobs/4012346")).hasSize(before);
    // Counted right after the commit the status read saw: wait for it rather than race it.
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (metric(ended) < endedBefore + 1) {
      assertThat(Instant.now()).as("the dry run's ending never reached /metrics").isBefore(deadline);
      LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
  }

  /** One series' value on the node's /metrics. */
  private static double metric(String series) {
    HttpResponse<Buffer> scraped = api.get("/metrics", TestNodes.OPS_TOKEN);
    assertThat(scraped.statusCode()).isEqualTo(200);
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series)
        + " (\\S+)$").matcher(scraped.bodyAsString());
    assertThat(m.find()).as(series + " on /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void aPostingThatIsGoneFailsWithTheReasonAndAScreenshotOfThePage() throws Exception {
    String token = candidate();
    String applicationId = swipeRight(token, job("/careers/apply/filled-last-week", "Gone Inc"));

    JsonObject failed = awaitStatus(token, applicationId, "FAILED");

    JsonObject open = failed.getJsonArray("steps").stream().map(JsonObject.class::cast)
        .filter(step -> "open".equals(step.getString("step"))).findFirst().orElseThrow();
    assertThat(open.getString("outcome")).isEqualTo("gone");
    assertThat(open.getJsonObject("detail").getString("reason")).contains("404");
    HttpResponse<Buffer> screenshot = api.get("/v1/applications/" + applicationId + "/screenshots/0", token);
    assertThat(screenshot.statusCode()).isEqualTo(200);
    assertThat(screenshot.getHeader("Content-Type")).isEqualTo("image/png");
    assertThat(screenshot.body().getBytes(0, 4)).containsExactly(0x89, 'P', 'N', 'G');
  }

  @Test
  void adminsSetADomainsLimitsAndDryRunsFillWithoutSubmitting() throws Exception {
    String admin = Admins.admin(api, node.database(), "ops@example.com", PASSWORD);
    JsonObject limits = new JsonObject().put("maxConcurrency", 2).put("perMinute", 30).put("perHour", 300)
        .put("perDay", 3000);
    HttpResponse<Buffer> put = api.request(HttpMethod.PUT, "/v1/admin/domains/Boards.Greenhouse.io")
        .bearerTokenAuthentication(admin).sendJsonObject(limits).await();
    assertThat(put.statusCode()).as(put.bodyAsString()).isEqualTo(200);
    assertThat(put.bodyAsJsonObject().getString("domain")).isEqualTo("boards.greenhouse.io");
    assertThat(api.get("/v1/admin/domains", admin).bodyAsJsonObject().getJsonArray("items").encode())
        .contains("\"maxConcurrency\":2");
    String user = candidate();
    assertThat(api.request(HttpMethod.PUT, "/v1/admin/domains/example.com").bearerTokenAuthentication(user)
        .sendJsonObject(limits).await().statusCode()).isEqualTo(403);
    assertThat(api.request(HttpMethod.PUT, "/v1/admin/domains/example.com").bearerTokenAuthentication(admin)
        .sendJsonObject(limits.copy().put("perMinute", 0)).await().statusCode()).isEqualTo(400);
    assertThat(api.request(HttpMethod.PUT, "/v1/admin/domains/example.com").bearerTokenAuthentication(admin)
        .sendJsonObject(limits.copy().put("perMinute", 500)).await().statusCode()).isEqualTo(400);

    // A dry-run profile: the form is filled and photographed, never sent.
    HttpResponse<Buffer> profile = api.get("/v1/profile", user);
    JsonObject dry = profile.bodyAsJsonObject();
    JsonObject body = new JsonObject().put("fullName", dry.getString("fullName")).put("email", dry.getString("email"))
        .put("phone", dry.getString("phone")).put("location", dry.getString("location"))
        .put("links", dry.getJsonObject("links")).put("skills", dry.getJsonArray("skills"))
        .put("workAuthorization", dry.getJsonObject("workAuthorization")).put("dryRun", true);
    assertThat(api.request(HttpMethod.PUT, "/v1/profile").bearerTokenAuthentication(user).sendJsonObject(body).await()
        .statusCode()).isEqualTo(200);
    String applicationId = swipeRight(user, job("/greenhouse-new/acmelogistics/jobs/4012346", "Acme Logistics"));

    JsonObject application = awaitStatus(user, applicationId, "CANCELLED");

    assertThat(application.getBoolean("dryRun")).isTrue();
    assertThat(application.getJsonArray("steps").encode()).contains("dry_run").contains("\"fill\"");
    assertThat(replicas.submissionsTo("/greenhouse-new/acmelogistics/jobs/4012346")).isEmpty();
    assertThat(api.get("/v1/applications/" + applicationId + "/screenshots/0", user).statusCode()).isEqualTo(200);
  }
}
