package com.jobswipe.inbox;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.MailFiles;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestChromium;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages links in account mail open, in real Chromium under their strict CSP: the link from the mail file
 * verifies the address, and the reset page sets a new password; the token leaves the address bar and the page
 * reports no CSP violation.
 */
class LinkPagesBrowserTest {

  private static final String PASSWORD = "correct battery horse staple 7";
  private static final Path DATA = Path.of("target", "test-data", "link-pages-" + UUID.randomUUID());
  private static final String ASSET_LINKS = "[{\"relation\":[\"delegate_permission/common.handle_all_urls\"],"
      + "\"target\":{\"namespace\":\"android_app\",\"package_name\":\"app.jobswipe\","
      + "\"sha256_cert_fingerprints\":[\"14:6D:E9:83:C5:73:06:50:D8:EE:B9:95:2F:34:FC:64:16:A0:83:42:E6:1D:BE:A8:8A:04:96:B2:3F:CF:44:E5\"]}}]";
  private static final Pattern LINK = Pattern.compile("(http://\\S+\\?token=[A-Za-z0-9_\\-]+)");

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static Playwright playwright;
  private static Browser browser;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    int port = FreePorts.next();
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of(
        "PORT", Integer.toString(port),
        "JOBSWIPE_PUBLIC_URL", "http://127.0.0.1:" + port,
        "JOBSWIPE_DATA_DIR", DATA.toString(),
        "JOBSWIPE_ASSETLINKS", ASSET_LINKS));
    api = new Api(vertx, node.port());
    playwright = TestChromium.playwright();
    browser = TestChromium.launch(playwright);
  }

  @AfterAll
  static void stop() {
    browser.close();
    playwright.close();
    node.close();
    vertx.close().await();
  }

  @Test
  void theVerificationLinkConfirmsTheAddressInTheBrowser() {
    String email = "browser." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String access = api.post("/v1/auth/register", new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject().getString("accessToken");
    String link = linkIn(email, "Confirm your JobSwipe email address");

    Page page = browser.newPage();
    List<String> console = consoleOf(page);
    page.navigate(link);
    page.locator("#status.ok").waitFor(new Locator.WaitForOptions().setTimeout(15_000));
    assertThat(page.locator("#status").textContent()).contains("confirmed");
    assertThat(page.url()).doesNotContain("token");
    assertThat(console).noneMatch(line -> line.contains("Content Security Policy"));
    assertThat(api.get("/v1/me", access).bodyAsJsonObject().getBoolean("emailVerified")).isTrue();
    page.close();
  }

  @Test
  void theResetLinkSetsANewPasswordInTheBrowser() {
    String email = "reset." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    api.post("/v1/auth/register", new JsonObject().put("email", email).put("password", PASSWORD));
    api.post("/v1/auth/password/forgot", new JsonObject().put("email", email));
    String link = linkIn(email, "Reset your JobSwipe password");

    Page page = browser.newPage();
    List<String> console = consoleOf(page);
    page.navigate(link);
    String fresh = "a new long passphrase from the browser 8";
    page.fill("#password", fresh);
    page.fill("#again", fresh);
    page.click("button[type=submit]");
    page.locator("#status.ok").waitFor(new Locator.WaitForOptions().setTimeout(15_000));
    assertThat(page.url()).doesNotContain("token");
    assertThat(console).noneMatch(line -> line.contains("Content Security Policy"));
    assertThat(api.post("/v1/auth/login", new JsonObject().put("email", email).put("password", fresh)).statusCode())
        .isEqualTo(200);
    page.close();
  }

  @Test
  void theAppLinkFilesAreServedFromConfigurationOrNotAtAll() {
    var assetLinks = api.get("/.well-known/assetlinks.json", null);
    assertThat(assetLinks.statusCode()).isEqualTo(200);
    assertThat(assetLinks.getHeader("Content-Type")).isEqualTo("application/json");
    assertThat(assetLinks.bodyAsJsonArray().getJsonObject(0).getJsonObject("target").getString("package_name"))
        .isEqualTo("app.jobswipe");
    assertThat(api.get("/.well-known/apple-app-site-association", null).statusCode()).isEqualTo(404);
  }

  private static List<String> consoleOf(Page page) {
    List<String> lines = new CopyOnWriteArrayList<>();
    page.onConsoleMessage(message -> lines.add(message.text()));
    return lines;
  }

  private static String linkIn(String to, String subject) {
    MailFiles.Mail mail = MailFiles.await(DATA.resolve("outbox"),
        m -> m.to().equals(to) && m.subject().equals(subject), Duration.ofSeconds(10));
    Matcher m = LINK.matcher(mail.part("text/plain"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
