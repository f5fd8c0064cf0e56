package com.jobswipe.api;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestChromium;
import com.jobswipe.testing.oidc.Flavor;
import com.jobswipe.testing.oidc.LocalOidcProvider;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Continue with Google" in the web client, in Debian's Chromium against a real node and a local OpenID provider
 * that speaks Google's protocol: the page lists only the configured providers, starts the flow with a challenge of a
 * secret it keeps in the tab, follows the provider back, and exchanges the one-time code with that secret.
 */
class WebClientOAuthTest {

  private static final Path SHOTS = Path.of("target", "web-client-screenshots");

  private static Vertx vertx;
  private static LocalOidcProvider google;
  private static RunningNode node;
  private static Playwright playwright;
  private static Browser browser;
  private static String base;

  @BeforeAll
  static void start() throws IOException {
    vertx = Vertx.vertx();
    google = LocalOidcProvider.start(vertx, Flavor.GOOGLE, "google-web", "google-web-secret").await();
    int port = FreePorts.next();
    base = "http://127.0.0.1:" + port;
    google.allowRedirectUri(base + "/v1/auth/oauth/google/callback");
    // Google only: LinkedIn is not configured here, so the page must not offer it.
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of(
        "PORT", Integer.toString(port),
        "JOBSWIPE_PUBLIC_URL", base,
        "JOBSWIPE_GOOGLE_CLIENT_ID", "google-web",
        "JOBSWIPE_GOOGLE_CLIENT_SECRET", "google-web-secret",
        "JOBSWIPE_GOOGLE_ISSUER", google.issuer().toString(),
        "JOBSWIPE_DATA_DIR", Path.of("target", "test-data", "web-oauth-" + UUID.randomUUID()).toString()));
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
    if (node != null) {
      node.close();
    }
    vertx.close().await();
  }

  @Test
  void continueWithGoogleSignsInThroughTheProviderAndLandsSignedIn() {
    String email = "web.google." + UUID.randomUUID().toString().substring(0, 8) + "@gmail.example";
    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(), email, true, "Wen Google"));
    try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(420, 860))) {
      context.setDefaultTimeout(30_000);
      Page page = context.newPage();
      List<String> visited = new CopyOnWriteArrayList<>();
      page.onRequest(request -> {
        if (request.isNavigationRequest()) {
          visited.add(request.url());
        }
      });
      page.navigate(base + "/app/#/signin");
      Locator continueWithGoogle = page.getByRole(AriaRole.BUTTON,
          new Page.GetByRoleOptions().setName("Continue with Google"));
      continueWithGoogle.waitFor();
      assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue with LinkedIn")).count())
          .isZero();
      page.screenshot(new Page.ScreenshotOptions().setPath(SHOTS.resolve("signin-providers.png")).setFullPage(true));
      accessible(page);

      continueWithGoogle.click();
      page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")).waitFor();
      page.waitForURL(url -> url.endsWith("/app/#/deck"));

      JsonObject session = new JsonObject(page.evaluate("() => sessionStorage.getItem('jobswipe.session')").toString());
      assertThat(session.getJsonObject("user").getString("email")).isEqualTo(email);
      // The secret was spent on the exchange and is gone from the tab.
      assertThat(page.evaluate("() => sessionStorage.getItem('jobswipe.oauth.verifier')")).isNull();
      // The flow went start → provider → callback → the client's #/oauth, the start carrying the tab's challenge.
      assertThat(visited).anySatisfy(url -> assertThat(url)
          .matches("\\Q" + base + "/v1/auth/oauth/google/start?app_challenge=\\E[A-Za-z0-9_-]{43}"));
      assertThat(visited).anySatisfy(url -> assertThat(url).startsWith(google.issuer().toString()));
      // The session is real: the API knows the user by the token the page holds.
      Object me = page.evaluate("async () => (await fetch('/v1/me', { headers: { Authorization: 'Bearer '"
          + " + JSON.parse(sessionStorage.getItem('jobswipe.session')).accessToken } })).json()");
      assertThat(new JsonObject(toJson(me)).getString("email")).isEqualTo(email);
    }
  }

  @Test
  void aCodeThatReachesAnotherTabIsRefusedThere() {
    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(),
        "web.other." + UUID.randomUUID().toString().substring(0, 8) + "@gmail.example", true, "Otto Tab"));
    try (BrowserContext context = browser.newContext()) {
      context.setDefaultTimeout(30_000);
      Page starter = context.newPage();
      // The tab that started the sign-in never exchanges its code: the test takes the code from its request.
      List<String> exchanges = new CopyOnWriteArrayList<>();
      starter.route("**/v1/auth/oauth/exchange", route -> {
        exchanges.add(route.request().postData());
        route.abort();
      });
      starter.navigate(base + "/app/#/signin");
      starter.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue with Google")).click();
      starter.waitForCondition(() -> !exchanges.isEmpty());
      JsonObject sent = new JsonObject(exchanges.get(0));
      assertThat(sent.getString("codeVerifier")).matches("[A-Za-z0-9_-]{43}");

      // Another tab (its own sessionStorage, so no verifier) opens the same landing link.
      Page other = context.newPage();
      other.navigate(base + "/app/#/oauth?code=" + sent.getString("code"));
      other.getByText("belongs to the app that started the sign-in").waitFor();
      assertThat(other.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main")).isVisible()).isFalse();
      assertThat(other.evaluate("() => sessionStorage.getItem('jobswipe.session')")).isNull();
    }
  }

  private static String toJson(Object value) {
    return value instanceof Map<?, ?> map ? new JsonObject(cast(map)).encode() : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> map) {
    return (Map<String, Object>) map;
  }

  /** axe-core (vendored) on the sign-in screen with its provider buttons: no WCAG 2.x A/AA violation. */
  private static void accessible(Page page) {
    page.evaluate(resource("/axe/axe.min.js"));
    Object result = page.evaluate("async () => { const r = await axe.run(document, { runOnly: { type: 'tag',"
        + " values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });"
        + " return JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')) }))); }");
    JsonArray violations = new JsonArray(result.toString());
    assertThat(violations).as(violations.encodePrettily()).isEmpty();
  }

  private static String resource(String name) {
    try (InputStream in = WebClientOAuthTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
