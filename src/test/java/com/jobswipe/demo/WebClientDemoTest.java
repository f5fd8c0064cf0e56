package com.jobswipe.demo;

import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.MailFiles;
import com.jobswipe.testing.TcpProxy;
import com.jobswipe.testing.TestChromium;
import com.jobswipe.testing.TestDatabase;
import com.jobswipe.testing.TestNodes;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web client in Debian's Chromium against a real node in demo mode: the page talks to the node through a TCP
 * relay the test can cut, so a dropped socket is a real dropped connection. Screenshots of each screen go to
 * {@code target/web-client-screenshots/}.
 */
class WebClientDemoTest {

  private static final Path SHOTS = Path.of("target", "web-client-screenshots");
  private static final double LONG = 120_000;
  private static final String PASSWORD = "Pw-" + UUID.randomUUID();
  private static final String AXE = resource("/axe/axe.min.js");

  private static TestDatabase database;
  private static DemoMode demo;
  private static Vertx vertx;
  private static Api api;
  private static TcpProxy proxy;
  private static HttpServer extraBoard;
  private static Playwright playwright;
  private static Browser browser;
  private static Path dataDir;
  private static String base;

  private BrowserContext context;
  private Page page;

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabase.create();
    dataDir = Path.of("target", "web-demo-" + UUID.randomUUID());
    int port = FreePorts.next();
    demo = DemoMode.start(TestNodes.environment(Map.of(
        "DATABASE_URL", database.url().toString(),
        "PORT", Integer.toString(port),
        "JOBSWIPE_DEMO_BOARDS_PORT", "0",
        "JOBSWIPE_DATA_DIR", dataDir.toString())));
    vertx = Vertx.vertx();
    api = new Api(vertx, port);
    proxy = new TcpProxy(vertx, "127.0.0.1", port);
    proxy.restore().await();
    base = "http://127.0.0.1:" + proxy.port();
    // An employer that is not part of the demo, with the Greenhouse board API's real payload.
    String board = resource("/fixtures/sources/greenhouse-jobs.json");
    extraBoard = vertx.createHttpServer().requestHandler(req -> req.response()
        .putHeader("content-type", "application/json").end(board)).listen(0, "127.0.0.1").await();
    Files.createDirectories(SHOTS);
    playwright = TestChromium.playwright();
    browser = TestChromium.launch(playwright);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    if (demo != null) {
      demo.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    database.close();
  }

  @BeforeEach
  void openPage() {
    context = browser.newContext(new Browser.NewContextOptions().setViewportSize(420, 860));
    context.setDefaultTimeout(30_000);
    page = context.newPage();
    page.onConsoleMessage(message -> System.out.println("page console: " + message.text()));
    page.onWebSocket(socket -> {
      System.out.println("page socket opened " + socket.url().replaceAll("access_token=[^&]+", "access_token=…"));
      socket.onClose(closed -> System.out.println("page socket closed"));
    });
  }

  @AfterEach
  void closePage(TestInfo info) {
    shot("last-" + info.getTestMethod().orElseThrow().getName());
    context.close();
  }

  @Test
  void newUserVerifiesUploadsAResumeAndWatchesARightSwipeReachSubmitted() {
    String email = "web." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    page.navigate(base + "/app/#/signup");
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill(PASSWORD);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create account")).click();
    page.getByText("Verify " + email).waitFor();
    shot("signup-verify-notice");
    accessible();

    // The link in the mail the node wrote to its outbox, opened in the same browser.
    MailFiles.Mail mail = MailFiles.await(dataDir.resolve("outbox"), m -> m.to().contains(email), Duration.ofSeconds(60));
    Page link = context.newPage();
    link.navigate(base + "/verify-email?token=" + mail.token());
    link.getByText("Your email address is confirmed").waitFor();
    link.close();

    page.navigate(base + "/app/#/profile");
    page.getByLabel("Full name").fill("Robin Web");
    page.getByLabel("Skills").fill("Kotlin, Java, PostgreSQL");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save profile")).click();
    page.getByText("Profile saved").waitFor();
    page.getByLabel("Resume file (PDF or DOCX)").setInputFiles(new FilePayload("Robin-Web-CV.pdf", "application/pdf",
        DemoResume.pdf()));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Upload resume")).click();
    page.getByRole(AriaRole.LIST, new Page.GetByRoleOptions().setName("Skills found")).getByText("Kafka").waitFor();
    shot("profile-resume-parsed");
    accessible();

    page.navigate(base + "/app/#/deck");
    swipeUntil(title -> !isHandOff(title), "Apply");
    Locator applied = page.locator("[data-application] .status");
    applied.first().waitFor();
    shot("deck-applied");
    accessible();
    page.waitForSelector("[data-application] [data-status=SUBMITTED]", new Page.WaitForSelectorOptions().setTimeout(LONG));
    shot("deck-submitted");
    assertThat(page.evaluate("() => performance.getEntriesByType('navigation').length")).isEqualTo(1);
  }

  @Test
  void needsHumanPostingShowsItsQuestionAndTheAnswerLeadsToSubmitted() {
    signIn(DemoMode.DEMO_EMAIL, demo.accounts().demoPassword());
    page.navigate(base + "/app/#/deck");
    swipeUntil(DemoWorld.QUESTION_TITLE::equals, "Apply");
    page.locator("[data-application] a").first().click();
    Locator question = page.getByLabel("How many years of professional Kotlin experience do you have?");
    question.waitFor(new Locator.WaitForOptions().setTimeout(LONG));
    shot("needs-human-question");
    accessible();
    question.selectOption("3-5");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send answers and continue")).click();
    page.waitForSelector("#application-status [data-status=SUBMITTED]", new Page.WaitForSelectorOptions().setTimeout(LONG));
    shot("application-submitted");
    accessible();
  }

  @Test
  void captchaPostingPausesForAHumanLiveWithItsScreenshot() {
    // An account of its own: the other tests pass the hand-off postings on the shared demo account's deck.
    signIn(freshApplicant(), PASSWORD);
    page.navigate(base + "/app/#/deck");
    swipeUntil(DemoWorld.CAPTCHA_TITLE::equals, "Apply");
    page.locator("[data-application] a").first().click();
    page.waitForSelector("#application-status [data-status=NEEDS_HUMAN]", new Page.WaitForSelectorOptions().setTimeout(LONG));
    page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("This application needs you")).waitFor();
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Open the employer’s page")).getAttribute("href"))
        .contains("/apply/");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Show screenshot")).first().click();
    Locator screenshot = page.locator("img.shot").first();
    screenshot.waitFor();
    page.waitForFunction("img => img.complete && img.naturalWidth > 0", screenshot.elementHandle());
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("I solved it – continue")).isVisible()).isTrue();
    // The status arrived over the socket: the page was never reloaded after signing in.
    assertThat(page.evaluate("() => performance.getEntriesByType('navigation').length")).isEqualTo(1);
    shot("needs-human-captcha");
    accessible();
  }

  @Test
  void coverLetterTemplateIsAddedAndPreviewedWithTheKeyboard() {
    signIn(DemoMode.DEMO_EMAIL, demo.accounts().demoPassword());
    page.navigate(base + "/app/#/profile");
    String name = "Letter " + UUID.randomUUID().toString().substring(0, 6);
    page.getByLabel("Template name").fill(name);
    page.getByLabel("Letter", new Page.GetByLabelOptions().setExact(true))
        .fill("Dear {{ job.company }} team,\nI am applying for the {{job.title}} role.");
    page.getByLabel("Letter", new Page.GetByLabelOptions().setExact(true)).press("Tab");
    page.keyboard().press("Enter");
    Locator preview = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Preview: " + name));
    preview.focus();
    page.keyboard().press("Enter");
    Locator letter = page.locator("pre.letter");
    letter.waitFor();
    assertThat(letter.textContent()).isEqualTo("Dear Example Ltd team,\nI am applying for the Senior Backend Engineer role.");
    shot("profile-cover-letter");
    accessible();

    page.getByLabel("Template name").fill(name + " broken");
    page.getByLabel("Letter", new Page.GetByLabelOptions().setExact(true)).fill("Dear {{job.boss}}");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add template")).click();
    page.getByText("unknown placeholder").first().waitFor();
  }

  @Test
  void notificationPreferencesAreChangedFromTheInbox() {
    signIn(DemoMode.DEMO_EMAIL, demo.accounts().demoPassword());
    page.navigate(base + "/app/#/inbox");
    Locator submitted = page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("An application was submitted"));
    submitted.getByLabel("Email").uncheck();
    page.getByLabel("Hour of the day (0–23)").fill("7");
    page.getByLabel("Hold phone notifications during quiet hours").check();
    page.getByLabel("Time zone").fill("Europe/Berlin");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save preferences")).click();
    page.getByText("Preferences saved").waitFor();
    shot("inbox-preferences");
    accessible();
    // Security mail cannot be turned off: the API says so and the page offers no way to.
    assertThat(page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName("Password reset link"))
        .getByLabel("Email").isDisabled()).isTrue();

    JsonObject saved = api.request(io.vertx.core.http.HttpMethod.GET, "/v1/notifications/preferences")
        .bearerTokenAuthentication(login(DemoMode.DEMO_EMAIL, demo.accounts().demoPassword())).send().await().bodyAsJsonObject();
    JsonObject kind = saved.getJsonArray("kinds").stream().map(JsonObject.class::cast)
        .filter(k -> k.getString("kind").equals("application.submitted")).findFirst().orElseThrow();
    assertThat(kind.getBoolean("email")).isFalse();
    assertThat(saved.getJsonObject("digest").getInteger("hour")).isEqualTo(7);
    assertThat(saved.getJsonObject("quietHours").getString("timezone")).isEqualTo("Europe/Berlin");
    assertThat(saved.getJsonObject("quietHours").getBoolean("enabled")).isTrue();
  }

  @Test
  void sensitiveActAsksForThePasswordOnceAndRetries() {
    signIn(DemoMode.ADMIN_EMAIL, demo.accounts().adminPassword());
    // A session signed in six minutes ago: its token says so, as the node's own would.
    page.evaluate("stale => { const s = JSON.parse(sessionStorage.getItem('jobswipe.session'));"
        + " s.accessToken = stale; sessionStorage.setItem('jobswipe.session', JSON.stringify(s)); }",
        staleToken(page.evaluate("() => JSON.parse(sessionStorage.getItem('jobswipe.session')).accessToken").toString()));
    page.navigate(base + "/app/#/admin");
    page.getByLabel("Key name").fill("step-up " + UUID.randomUUID().toString().substring(0, 6));
    page.getByLabel("reports:read").check();
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create key")).click();
    Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Confirm it is you"));
    dialog.waitFor();
    assertThat(page.evaluate("() => document.activeElement.type")).isEqualTo("password");
    shot("step-up");
    accessible();
    page.keyboard().type(demo.accounts().adminPassword());
    page.keyboard().press("Enter");
    page.getByText("Copy this key now").waitFor();
    assertThat(dialog.count()).isZero();
  }

  @Test
  void withoutABrowserTheApplicationSaysAutomationHasNotStartedAndWhy() throws Exception {
    // A second demo node whose automation role has no Chromium (the page itself still runs in one).
    try (TestDatabase ownDatabase = TestDatabase.create()) {
      int port = FreePorts.next();
      DemoMode bare = DemoMode.start(TestNodes.environment(Map.of(
          "DATABASE_URL", ownDatabase.url().toString(),
          "PORT", Integer.toString(port),
          "JOBSWIPE_DEMO_BOARDS_PORT", "0",
          "JOBSWIPE_CHROMIUM", dataDir.resolve("no-such-chromium").toAbsolutePath().toString(),
          "JOBSWIPE_DATA_DIR", dataDir.resolveSibling(dataDir.getFileName() + "-bare").toString())));
      try {
        String bareBase = "http://127.0.0.1:" + port;
        page.navigate(bareBase + "/app/#/signin");
        page.getByLabel("Email").fill(DemoMode.DEMO_EMAIL);
        page.getByLabel("Password").fill(bare.accounts().demoPassword());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")).waitFor();
        page.navigate(bareBase + "/app/#/deck");
        swipeUntil(title -> !isHandOff(title), "Apply");
        page.locator("[data-application] a").first().click();
        page.waitForSelector("#application-status [data-status=QUEUED]");
        Locator notice = page.locator("[data-automation=not-started]");
        notice.waitFor();
        assertThat(notice.getAttribute("role")).isEqualTo("status");
        // The reason is the server's own (GET /v1/status, asked of the automation role over the bus).
        assertThat(notice.getAttribute("data-automation-reason")).isEqualTo("browser-missing");
        assertThat(notice.textContent()).contains("Automation has not started this application")
            .contains("Chromium was not found");
        shot("automation-not-started");
        accessible();
      } finally {
        bare.close();
      }
    }
  }

  /** A verified account with a backend engineer's profile and resume, made through the API; answers its email. */
  private static String freshApplicant() {
    String email = "applicant." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    var registered = api.post("/v1/auth/register", new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    MailFiles.Mail mail = MailFiles.await(dataDir.resolve("outbox"), m -> m.to().contains(email), Duration.ofSeconds(60));
    var verified = api.post("/v1/auth/verify-email", new JsonObject().put("token", mail.token()));
    assertThat(verified.statusCode()).as(verified.bodyAsString()).isEqualTo(204);
    String token = login(email, PASSWORD);
    JsonObject profile = new JsonObject().put("fullName", "Casey Captcha").put("email", email).put("phone", "+49 30 7654321")
        .put("location", "Berlin").put("skills", new JsonArray().add("Kotlin").add("Java").add("PostgreSQL").add("Kafka"))
        .put("workAuthorization", new JsonObject().put("authorizedCountries", new JsonArray().add("DE").add("NO"))
            .put("requiresSponsorship", false));
    var saved = api.request(io.vertx.core.http.HttpMethod.PUT, "/v1/profile").bearerTokenAuthentication(token)
        .sendJsonObject(profile).await();
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    var resume = api.request(io.vertx.core.http.HttpMethod.POST, "/v1/profile/resumes").bearerTokenAuthentication(token)
        .sendMultipartForm(io.vertx.ext.web.multipart.MultipartForm.create().binaryFileUpload("file", "Casey-CV.pdf",
            io.vertx.core.buffer.Buffer.buffer(DemoResume.pdf()), "application/pdf")).await();
    assertThat(resume.statusCode()).as(resume.bodyAsString()).isEqualTo(201);
    return email;
  }

  private static String staleToken(String token) {
    JsonObject claims = com.jobswipe.auth.JwtForge.claimsOf(token).put("auth_time", java.time.Instant.now().minusSeconds(360)
        .getEpochSecond()).put("jti", UUID.randomUUID().toString());
    JsonObject key = com.jobswipe.auth.JwtKeys.parse(TestNodes.JWT_KEYS).signing();
    return com.jobswipe.auth.JwtForge.es256(new JsonObject().put("alg", "ES256").put("kid", key.getString("kid")).put("typ", "JWT"),
        claims, key);
  }

  @Test
  void keyboardAloneSignsUpPassesAndSaves() {
    String email = "keys." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    page.navigate(base + "/app/#/signup");
    page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Create your account")).waitFor();
    // Each screen puts focus on its content, so the first Tab reaches the first field.
    page.keyboard().press("Tab");
    assertThat(page.evaluate("() => document.activeElement.type")).isEqualTo("email");
    page.keyboard().type(email);
    page.keyboard().press("Tab");
    page.keyboard().type(PASSWORD);
    page.keyboard().press("Enter");
    page.locator(".card").waitFor();
    String first = page.locator("#card-title").textContent();
    String firstJob = page.locator(".card").getAttribute("data-job");
    page.keyboard().press("ArrowLeft");
    page.waitForFunction("j => document.querySelector('.card')?.dataset.job !== j", firstJob);
    String second = page.locator("#card-title").textContent();
    String secondJob = page.locator(".card").getAttribute("data-job");
    page.keyboard().press("ArrowDown");
    page.waitForFunction("j => document.querySelector('.card')?.dataset.job !== j", secondJob);
    shot("deck-keyboard");
    page.navigate(base + "/app/#/saved");
    page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(second).setExact(true)).waitFor();
    assertThat(page.locator("h2").allTextContents()).contains(second).hasSize(1);
    shot("saved");
    accessible();
  }

  @Test
  void adminAddsASourceAndPollsIt() {
    signIn(DemoMode.ADMIN_EMAIL, demo.accounts().adminPassword());
    page.navigate(base + "/app/#/admin");
    page.getByLabel("Kind").selectOption("greenhouse");
    page.getByLabel("List URL").fill("http://127.0.0.1:" + extraBoard.actualPort() + "/v1/boards/zephyrhealth/jobs?content=true");
    page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Zephyr Health (added in the test)");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add source")).click();
    Locator poll = page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Poll now: Zephyr Health (added in the test)"));
    poll.click();
    page.getByText("Zephyr Health (added in the test): fetched").waitFor(new Locator.WaitForOptions().setTimeout(LONG));
    assertThat(page.locator("[data-report]").textContent()).doesNotContain("fetched 0");
    shot("operator");
    accessible();
  }

  @Test
  void droppedSocketCatchesUpOnEveryEventWhenRestored() throws Exception {
    signIn(DemoMode.DEMO_EMAIL, demo.accounts().demoPassword());
    page.navigate(base + "/app/#/deck");
    page.waitForSelector("html[data-live=open]");
    String token = login(DemoMode.DEMO_EMAIL, demo.accounts().demoPassword());
    // The domain is paused for half a minute: the application waits, the socket is cut, and every later step happens
    // unseen. The test's own socket opens after the cut and sees live events only, so the SUBMITTED it waits for
    // cannot have reached the page before the cut.
    String admin = login(DemoMode.ADMIN_EMAIL, demo.accounts().adminPassword());
    putDomain(admin, java.time.Instant.now().plusSeconds(30).toString());
    swipeUntil(title -> !isHandOff(title), "Apply");
    page.locator("[data-application]").first().waitFor();
    String applicationId = page.locator("[data-application]").first().getAttribute("data-application");

    proxy.cut().await();
    page.waitForSelector("html[data-live=reconnecting]");
    Promise<Long> submitted = Promise.promise();
    WebSocketClient sockets = vertx.createWebSocketClient();
    sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(demo.app().node().config().http().port())
        .setURI("/v1/ws").addHeader("Authorization", "Bearer " + token)).await().textMessageHandler(text -> {
          JsonObject event = new JsonObject(text);
          if (applicationId.equals(event.getString("applicationId")) && "SUBMITTED".equals(event.getString("status"))) {
            submitted.tryComplete(event.getLong("eventId"));
          }
        });
    long lastEvent = submitted.future().await(3, TimeUnit.MINUTES);

    proxy.restore().await();
    page.waitForSelector("[data-application=\"" + applicationId + "\"] [data-status=SUBMITTED]",
        new Page.WaitForSelectorOptions().setTimeout(LONG));
    page.waitForSelector("html[data-live=open]");
    assertThat(Long.parseLong(page.evaluate("() => document.documentElement.dataset.lastEventId").toString()))
        .isGreaterThanOrEqualTo(lastEvent);
    shot("socket-restored");
    sockets.close().await();
  }

  private void putDomain(String admin, String pausedUntil) {
    JsonObject body = new JsonObject().put("maxConcurrency", 2).put("perMinute", 100).put("perHour", 1000).put("perDay", 10000);
    if (pausedUntil != null) {
      body.put("pausedUntil", pausedUntil);
    }
    var answer = api.request(io.vertx.core.http.HttpMethod.PUT, "/v1/admin/domains/127.0.0.1")
        .bearerTokenAuthentication(admin).sendJsonObject(body).await();
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
  }

  private static boolean isHandOff(String title) {
    return title.equals(DemoWorld.QUESTION_TITLE) || title.equals(DemoWorld.CAPTCHA_TITLE);
  }

  /** Passes cards (with the keyboard) until one whose title {@code wanted} accepts, then presses {@code button} on it. */
  private void swipeUntil(java.util.function.Predicate<String> wanted, String button) {
    for (int i = 0; i < 300; i++) {
      Locator title = page.locator("#card-title");
      title.waitFor();
      String text = title.textContent();
      if (wanted.test(text)) {
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(button).setExact(true)).click();
        return;
      }
      String job = page.locator(".card").getAttribute("data-job");
      page.locator(".card").focus();
      page.keyboard().press("ArrowLeft");
      page.waitForFunction("j => document.querySelector('.card')?.dataset.job !== j", job);
    }
    throw new AssertionError("no wanted card in 300");
  }

  private void signIn(String email, String password) {
    page.navigate(base + "/app/#/signin");
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill(password);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")).waitFor();
  }

  private static String login(String email, String password) {
    return api.post("/v1/auth/login", new JsonObject().put("email", email).put("password", password))
        .bodyAsJsonObject().getString("accessToken");
  }

  private void shot(String name) {
    page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve(name + ".png")).setFullPage(true));
  }

  /** axe-core (vendored from npm) on the page as it stands: no violation of WCAG 2.x A/AA, labels and contrast included. */
  private void accessible() {
    // Evaluated over the DevTools protocol: the page's own CSP (script-src 'self') stays on and untouched.
    page.evaluate(AXE);
    Object result = page.evaluate("async () => { const r = await axe.run(document, { runOnly: { type: 'tag',"
        + " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });"
        + " return JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) }))); }");
    JsonArray violations = new JsonArray(result.toString());
    assertThat(violations).as(violations.encodePrettily()).isEmpty();
  }

  private static String resource(String name) {
    try (InputStream in = WebClientDemoTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
