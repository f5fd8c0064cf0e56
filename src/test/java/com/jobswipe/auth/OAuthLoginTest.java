package com.jobswipe.auth;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.MailFiles;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.oidc.Flavor;
import com.jobswipe.testing.oidc.LocalOidcProvider;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.Map;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Google and LinkedIn sign-in against local OpenID providers that speak the real protocol (discovery,
 * JWKS, authorization with PKCE, token, userinfo). The test plays the browser: it follows each redirect.
 */
class OAuthLoginTest {

  private static Vertx vertx;
  private static LocalOidcProvider google;
  private static LocalOidcProvider linkedin;
  private static RunningNode node;
  private static Api api;
  private static WebClient browser;
  private static final String APP_REDIRECT = OAuthReplies.APP_REDIRECT;
  private static final String CHIEF = "chief@gmail.example";
  /** This class's own data directory: its outbox holds only the mail these tests caused. */
  private static final java.nio.file.Path DATA = java.nio.file.Path.of("target", "test-data",
      "oauth-login-" + UUID.randomUUID());

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    google = LocalOidcProvider.start(vertx, Flavor.GOOGLE, "google-client", "google-secret").await();
    linkedin = LocalOidcProvider.start(vertx, Flavor.LINKEDIN, "linkedin-client", "linkedin-secret").await();
    int port = FreePorts.next();
    String publicUrl = "http://127.0.0.1:" + port;
    google.allowRedirectUri(publicUrl + "/v1/auth/oauth/google/callback");
    linkedin.allowRedirectUri(publicUrl + "/v1/auth/oauth/linkedin/callback");
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.ofEntries(
        Map.entry("PORT", Integer.toString(port)),
        Map.entry("JOBSWIPE_PUBLIC_URL", publicUrl),
        Map.entry("JOBSWIPE_GOOGLE_CLIENT_ID", "google-client"),
        Map.entry("JOBSWIPE_GOOGLE_CLIENT_SECRET", "google-secret"),
        Map.entry("JOBSWIPE_GOOGLE_ISSUER", google.issuer().toString()),
        Map.entry("JOBSWIPE_LINKEDIN_CLIENT_ID", "linkedin-client"),
        Map.entry("JOBSWIPE_LINKEDIN_CLIENT_SECRET", "linkedin-secret"),
        Map.entry("JOBSWIPE_LINKEDIN_ISSUER", linkedin.issuer().toString()),
        Map.entry("JOBSWIPE_GOOGLE_AUDIENCES", "google-ios-client"),
        Map.entry("JOBSWIPE_OAUTH_APP_REDIRECT", APP_REDIRECT),
        Map.entry("JOBSWIPE_ADMIN_EMAILS", CHIEF),
        Map.entry("JOBSWIPE_DATA_DIR", DATA.toString())));
    api = new Api(vertx, port);
    browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  /**
   * start → provider's authorize page (consents at once) → our callback, as a browser would go, carrying the
   * cookie start set → the app's redirect with a one-time code, which the app exchanges for tokens.
   */
  private static HttpResponse<Buffer> signIn(String provider) {
    HttpResponse<Buffer> callback = browserSignIn(provider, "");
    if (callback.statusCode() != 302) {
      return callback;
    }
    return api.post("/v1/auth/oauth/exchange", new JsonObject().put("code", OAuthReplies.codeOf(callback)));
  }

  private static HttpResponse<Buffer> browserSignIn(String provider, String startQuery) {
    HttpResponse<Buffer> start = api.get("/v1/auth/oauth/" + provider + "/start" + startQuery, null);
    assertThat(start.statusCode()).as(start.bodyAsString()).isEqualTo(302);
    HttpResponse<Buffer> consent = browser.requestAbs(HttpMethod.GET, start.getHeader("Location")).send().await();
    assertThat(consent.statusCode()).as(consent.bodyAsString()).isEqualTo(302);
    return browser.requestAbs(HttpMethod.GET, consent.getHeader("Location")).putHeader("Cookie", binding(start))
        .send().await();
  }

  private static String binding(HttpResponse<Buffer> start) {
    return OAuthReplies.cookie(start, OAuthRoutes.BINDING_COOKIE);
  }

  @Test
  void providersListsEveryConfiguredProviderWithoutSigningIn() {
    HttpResponse<Buffer> listed = api.get("/v1/auth/oauth/providers", null);
    assertThat(listed.statusCode()).as(listed.bodyAsString()).isEqualTo(200);
    assertThat(listed.getHeader("Cache-Control")).isEqualTo("public, max-age=300");
    assertThat(listed.bodyAsJsonObject()).isEqualTo(new JsonObject().put("providers", new io.vertx.core.json.JsonArray()
        .add(new JsonObject().put("id", "google").put("name", "Google").put("startUrl", "/v1/auth/oauth/google/start"))
        .add(new JsonObject().put("id", "linkedin").put("name", "LinkedIn")
            .put("startUrl", "/v1/auth/oauth/linkedin/start"))));
    // Each listed startUrl is a live start of that provider's flow.
    for (Object provider : listed.bodyAsJsonObject().getJsonArray("providers")) {
      HttpResponse<Buffer> start = api.get(((JsonObject) provider).getString("startUrl"), null);
      assertThat(start.statusCode()).as(start.bodyAsString()).isEqualTo(302);
    }
  }

  @Test
  void googleSignInCreatesAVerifiedAccountWithPkceAndTheSameSubjectSignsBackIn() throws Exception {
    String email = "gina." + UUID.randomUUID().toString().substring(0, 6) + "@gmail.example";
    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(), email, true, "Gina"));

    HttpResponse<Buffer> first = signIn("google");
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    JsonObject user = first.bodyAsJsonObject().getJsonObject("user");
    assertThat(user.getString("email")).isEqualTo(email);
    assertThat(user.getBoolean("emailVerified")).isTrue();
    assertThat(api.get("/v1/me", first.bodyAsJsonObject().getString("accessToken")).statusCode()).isEqualTo(200);

    JsonObject exchange = google.tokenRequests().get(google.tokenRequests().size() - 1);
    assertThat(exchange.getString("code_verifier")).hasSizeGreaterThanOrEqualTo(43);
    assertThat(exchange.getString("redirect_uri")).endsWith("/v1/auth/oauth/google/callback");

    HttpResponse<Buffer> again = signIn("google");
    assertThat(again.bodyAsJsonObject().getJsonObject("user").getString("id")).isEqualTo(user.getString("id"));
    assertThat(query("SELECT count(*)::text FROM oauth_identities WHERE provider = 'google' AND email = ?", email))
        .isEqualTo("1");
  }

  @Test
  void anAccountWithMfaStillNeedsItsSecondFactorAfterOAuth() {
    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(), "mfa." + UUID.randomUUID()
        .toString().substring(0, 6) + "@gmail.example", true, "M"));
    String access = signIn("google").bodyAsJsonObject().getString("accessToken");
    byte[] secret = Totp.fromBase32(api.post("/v1/auth/mfa/enroll", new JsonObject(), access).bodyAsJsonObject()
        .getString("secret"));
    assertThat(api.post("/v1/auth/mfa/confirm", new JsonObject().put("code",
        Totp.code(secret, Totp.step(java.time.Instant.now()))), access).statusCode()).isEqualTo(200);

    JsonObject again = signIn("google").bodyAsJsonObject();

    assertThat(again.getBoolean("mfaRequired")).isTrue();
    assertThat(again.containsKey("accessToken")).isFalse();
  }

  @Test
  void linkedInSignInWorksTheSameWay() {
    String email = "lee." + UUID.randomUUID().toString().substring(0, 6) + "@linkedin.example";
    linkedin.nextUser(new LocalOidcProvider.User("li-" + UUID.randomUUID(), email, true, "Lee"));

    HttpResponse<Buffer> response = signIn("linkedin");

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    assertThat(response.bodyAsJsonObject().getJsonObject("user").getString("email")).isEqualTo(email);
  }

  @Test
  void aCallbackReplayedWithTheSameStateIsRefused() {
    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(), "replay@gmail.example", true, "R"));
    HttpResponse<Buffer> start = api.get("/v1/auth/oauth/google/start", null);
    String callback = browser.requestAbs(HttpMethod.GET, start.getHeader("Location")).send().await()
        .getHeader("Location");

    HttpResponse<Buffer> first = browser.requestAbs(HttpMethod.GET, callback).putHeader("Cookie", binding(start))
        .send().await();
    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(302);
    HttpResponse<Buffer> replay = browser.requestAbs(HttpMethod.GET, callback).putHeader("Cookie", binding(start))
        .send().await();
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(replay.bodyAsJsonObject().getString("type")).endsWith("/invalid-token");
  }

  @Test
  void aCallbackIsRefusedInABrowserThatDidNotStartTheSignIn() {
    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(), "csrf@gmail.example", true, "C"));
    HttpResponse<Buffer> attacker = api.get("/v1/auth/oauth/google/start", null);
    HttpResponse<Buffer> victim = api.get("/v1/auth/oauth/google/start", null);
    String attackersCallback = browser.requestAbs(HttpMethod.GET, attacker.getHeader("Location")).send().await()
        .getHeader("Location");

    HttpResponse<Buffer> withoutCookie = browser.requestAbs(HttpMethod.GET, attackersCallback).send().await();
    assertThat(withoutCookie.statusCode()).isEqualTo(401);
    assertThat(withoutCookie.bodyAsJsonObject().getString("detail")).contains("another browser");

    String another = browser.requestAbs(HttpMethod.GET, api.get("/v1/auth/oauth/google/start", null)
        .getHeader("Location")).send().await().getHeader("Location");
    HttpResponse<Buffer> withTheVictimsCookie = browser.requestAbs(HttpMethod.GET, another)
        .putHeader("Cookie", binding(victim)).send().await();
    assertThat(withTheVictimsCookie.statusCode()).isEqualTo(401);
  }

  @Test
  void theAppGetsTokensOnlyByExchangingItsOneTimeCodeWithTheVerifierItStartedWith() throws Exception {
    String email = "app." + UUID.randomUUID().toString().substring(0, 6) + "@gmail.example";
    String verifier = "app-held-secret-" + UUID.randomUUID() + UUID.randomUUID();
    String challenge = OAuthLogin.challenge(verifier);

    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(), email, true, "App"));
    HttpResponse<Buffer> intercepted = browserSignIn("google", "?app_challenge=" + challenge);
    assertThat(intercepted.statusCode()).isEqualTo(302);
    assertThat(intercepted.bodyAsString()).as("no token in the browser's page").isNullOrEmpty();
    assertThat(api.post("/v1/auth/oauth/exchange", new JsonObject().put("code", OAuthReplies.codeOf(intercepted)))
        .statusCode()).as("another app that caught the link has no verifier").isEqualTo(401);

    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(), email, true, "App"));
    String code = OAuthReplies.codeOf(browserSignIn("google", "?app_challenge=" + challenge));
    HttpResponse<Buffer> app = api.post("/v1/auth/oauth/exchange", new JsonObject().put("code", code)
        .put("codeVerifier", verifier));
    assertThat(app.statusCode()).as(app.bodyAsString()).isEqualTo(200);
    assertThat(api.get("/v1/me", app.bodyAsJsonObject().getString("accessToken")).statusCode()).isEqualTo(200);
    assertThat(api.post("/v1/auth/oauth/exchange", new JsonObject().put("code", code).put("codeVerifier", verifier))
        .statusCode()).as("single use").isEqualTo(401);
    assertThat(api.get("/v1/auth/oauth/google/start?app_challenge=short", null).statusCode()).isEqualTo(400);
  }

  @Test
  void aNativeSdkIdTokenSignsInOnceWithANonceThisServerIssued() {
    String email = "sdk." + UUID.randomUUID().toString().substring(0, 6) + "@gmail.example";
    google.nextUser(new LocalOidcProvider.User("g-sdk-" + UUID.randomUUID(), email, true, "Sdk"));
    HttpResponse<Buffer> issued = api.post("/v1/auth/oauth/google/nonce", new JsonObject());
    assertThat(issued.statusCode()).isEqualTo(201);
    String nonce = issued.bodyAsJsonObject().getString("nonce");
    String idToken = sdkIdToken(nonce);

    HttpResponse<Buffer> signedIn = api.post("/v1/auth/oauth/google/id-token", new JsonObject().put("idToken", idToken));

    assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(200);
    assertThat(signedIn.bodyAsJsonObject().getJsonObject("user").getString("email")).isEqualTo(email);
    assertThat(api.post("/v1/auth/oauth/google/id-token", new JsonObject().put("idToken", idToken)).statusCode())
        .as("the nonce is spent: a replayed token is refused").isEqualTo(401);
    google.nextUser(new LocalOidcProvider.User("g-sdk-" + UUID.randomUUID(), "own-nonce@gmail.example", true, "N"));
    assertThat(api.post("/v1/auth/oauth/google/id-token", new JsonObject().put("idToken", sdkIdToken("made-up")))
        .statusCode()).as("a nonce we never issued").isEqualTo(401);
    assertThat(api.post("/v1/auth/oauth/google/id-token", new JsonObject().put("idToken", "not.a.jwt")).statusCode())
        .isEqualTo(401);
    assertThat(api.post("/v1/auth/oauth/google/id-token", new JsonObject()).statusCode()).isEqualTo(400);
  }

  @Test
  void anIdTokenForTheMobileAppsClientIdIsAcceptedAndOneForAnotherClientIsNot() {
    google.nextUser(new LocalOidcProvider.User("g-ios-" + UUID.randomUUID(), "ios@gmail.example", true, "I"));
    google.forgeNextIdToken(claims -> claims.put("aud", "google-ios-client"));
    String ios = sdkIdToken(api.post("/v1/auth/oauth/google/nonce", new JsonObject()).bodyAsJsonObject()
        .getString("nonce"));
    assertThat(api.post("/v1/auth/oauth/google/id-token", new JsonObject().put("idToken", ios)).statusCode())
        .isEqualTo(200);

    google.forgeNextIdToken(claims -> claims.put("aud", "someone-else"));
    String foreign = sdkIdToken(api.post("/v1/auth/oauth/google/nonce", new JsonObject()).bodyAsJsonObject()
        .getString("nonce"));
    assertThat(api.post("/v1/auth/oauth/google/id-token", new JsonObject().put("idToken", foreign)).statusCode())
        .isEqualTo(401);
  }

  /** What Google's SDK does on the phone: a code flow of its own with our nonce, ending in the id_token. */
  private static String sdkIdToken(String nonce) {
    JsonObject discovery = browser.getAbs(google.issuer() + "/.well-known/openid-configuration").send().await()
        .bodyAsJsonObject();
    String verifier = "sdk-verifier-" + UUID.randomUUID() + UUID.randomUUID();
    String redirect = "http://127.0.0.1/sdk-redirect";
    google.allowRedirectUri(redirect);
    HttpResponse<Buffer> authorized = browser.getAbs(discovery.getString("authorization_endpoint"))
        .addQueryParam("response_type", "code").addQueryParam("client_id", "google-client")
        .addQueryParam("redirect_uri", redirect).addQueryParam("scope", "openid email profile")
        .addQueryParam("state", "sdk").addQueryParam("nonce", nonce)
        .addQueryParam("code_challenge", OAuthLogin.challenge(verifier)).addQueryParam("code_challenge_method", "S256")
        .send().await();
    assertThat(authorized.statusCode()).as(authorized.bodyAsString()).isEqualTo(302);
    String code = java.util.Arrays.stream(URI.create(authorized.getHeader("Location")).getRawQuery().split("&"))
        .filter(pair -> pair.startsWith("code=")).map(pair -> URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8))
        .findFirst().orElseThrow();
    HttpResponse<Buffer> tokens = browser.postAbs(discovery.getString("token_endpoint")).sendForm(MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "authorization_code").add("code", code).add("redirect_uri", redirect)
        .add("client_id", "google-client").add("client_secret", "google-secret").add("code_verifier", verifier)).await();
    assertThat(tokens.statusCode()).as(tokens.bodyAsString()).isEqualTo(200);
    return tokens.bodyAsJsonObject().getString("id_token");
  }

  @Test
  void anIdTokenForAnotherClientOrWithAnotherNonceOrSignedWithAnUnknownKeyIsRefused() {
    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(), "forged@gmail.example", true, "F"));

    google.forgeNextIdToken(claims -> claims.put("aud", "someone-else"));
    assertThat(signIn("google").statusCode()).isEqualTo(401);
    google.forgeNextIdToken(claims -> claims.put("nonce", "replayed-nonce"));
    assertThat(signIn("google").statusCode()).isEqualTo(401);
    google.forgeNextIdToken(claims -> {
      claims.remove("aud");
      return claims;
    });
    assertThat(signIn("google").statusCode()).isEqualTo(401);
    google.forgeNextIdToken(claims -> claims.put("exp", claims.getLong("iat") - 3600));
    assertThat(signIn("google").statusCode()).isEqualTo(401);
    google.signNextIdTokenWithUnknownKey();
    assertThat(signIn("google").statusCode()).isEqualTo(401);

    assertThat(signIn("google").statusCode()).as("an honest token still passes afterwards").isEqualTo(200);
  }

  @Test
  void anUnverifiedProviderEmailIsNotLinkedToAnything() {
    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(), "unverified@gmail.example", false, "U"));

    HttpResponse<Buffer> response = signIn("google");

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void aLocalAccountThatNeverProvedItsEmailIsClaimedByTheRealOwner() throws Exception {
    String email = "victim." + UUID.randomUUID().toString().substring(0, 6) + "@gmail.example";
    JsonObject squatter = api.post("/v1/auth/register", new JsonObject().put("email", email)
        .put("password", "squatters long password 1")).bodyAsJsonObject();
    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(), email, true, "Owner"));

    HttpResponse<Buffer> owner = signIn("google");

    assertThat(owner.statusCode()).isEqualTo(200);
    assertThat(owner.bodyAsJsonObject().getJsonObject("user").getString("id"))
        .isEqualTo(squatter.getJsonObject("user").getString("id"));
    assertThat(api.post("/v1/auth/login", new JsonObject().put("email", email)
        .put("password", "squatters long password 1")).statusCode()).isEqualTo(401);
    assertThat(api.post("/v1/auth/refresh", new JsonObject().put("refreshToken",
        squatter.getString("refreshToken"))).statusCode()).isEqualTo(401);
  }

  @Test
  void aListedAdminAddressThatOnlyTheProviderVerifiedIsNoAdminUntilADeliveredLinkProvesIt() throws Exception {
    google.nextUser(new LocalOidcProvider.User("g-" + UUID.randomUUID(), CHIEF, true, "Chief"));
    JsonObject session = signIn("google").bodyAsJsonObject();
    String access = session.getString("accessToken");
    assertThat(session.getJsonObject("user").getBoolean("emailVerified")).isTrue();
    assertThat(session.getJsonObject("user").getString("role")).isEqualTo("user");
    assertThat(api.get("/v1/admin/api-keys", access).statusCode()).isEqualTo(403);

    // The owner of the mailbox asks for the link and opens it: now the address is proven, and admin.
    assertThat(api.post("/v1/auth/verify-email/resend", new JsonObject(), access).statusCode()).isEqualTo(202);
    String token = MailFiles.await(DATA.resolve("outbox"), mail -> mail.to().equals(CHIEF)
        && mail.subject().equals("Confirm your JobSwipe email address"), Duration.ofSeconds(10)).token();
    assertThat(api.post("/v1/auth/verify-email", new JsonObject().put("token", token)).statusCode()).isEqualTo(204);
    assertThat(api.get("/v1/admin/api-keys", access).statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownProviderIs404AndACancelledSignInIs401() {
    assertThat(api.get("/v1/auth/oauth/myspace/start", null).statusCode()).isEqualTo(404);
    HttpResponse<Buffer> cancelled = api.get("/v1/auth/oauth/google/callback?error=access_denied&state=x", null);
    assertThat(cancelled.statusCode()).isEqualTo(401);
    assertThat(api.get("/v1/auth/oauth/google/callback", null).statusCode()).isEqualTo(400);
  }

  private static String query(String sql, String param) throws Exception {
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, param);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

}
