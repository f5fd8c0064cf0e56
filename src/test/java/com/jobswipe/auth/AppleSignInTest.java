package com.jobswipe.auth;

import com.jobswipe.bus.Role;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestNodes;
import com.jobswipe.testing.oidc.LocalOidcProvider;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in with Apple against a local provider of the {@code APPLE} flavor: the consent page POSTs the code back
 * (form_post), the code is redeemed with an ES256 client secret the provider verifies, the name comes once in the
 * posted {@code user} field, and the iOS SDK's id_token signs in natively. The test plays the browser.
 */
class AppleSignInTest {

  private static final String SERVICES_ID = "com.jobswipe.web";
  private static final String BUNDLE_ID = "com.jobswipe.ios";
  private static final String TEAM = "TEAM123456";
  private static final String KEY_ID = "KEY1234567";
  private static final String APP_REDIRECT = OAuthReplies.APP_REDIRECT;
  private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");
  private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

  private static Vertx vertx;
  private static KeyPair teamKey;
  private static LocalOidcProvider apple;
  private static RunningNode node;
  private static Api api;
  private static WebClient browser;

  @BeforeAll
  static void startAll() throws Exception {
    vertx = Vertx.vertx();
    teamKey = p256();
    apple = LocalOidcProvider.startApple(vertx, SERVICES_ID, TEAM, KEY_ID, teamKey.getPublic()).await();
    int port = FreePorts.next();
    String publicUrl = "http://127.0.0.1:" + port;
    apple.allowRedirectUri(publicUrl + "/v1/auth/oauth/apple/callback");
    node = RunningNode.start(EnumSet.of(Role.API), Map.ofEntries(
        Map.entry("PORT", Integer.toString(port)),
        Map.entry("JOBSWIPE_PUBLIC_URL", publicUrl),
        Map.entry("JOBSWIPE_APPLE_CLIENT_ID", SERVICES_ID),
        Map.entry("JOBSWIPE_APPLE_TEAM_ID", TEAM),
        Map.entry("JOBSWIPE_APPLE_KEY_ID", KEY_ID),
        Map.entry("JOBSWIPE_APPLE_PRIVATE_KEY", pem(teamKey)),
        Map.entry("JOBSWIPE_APPLE_ISSUER", apple.issuer().toString()),
        Map.entry("JOBSWIPE_APPLE_AUDIENCES", BUNDLE_ID),
        // A CORS allow-list that does not name the provider: its form post is a navigation, not a CORS request.
        Map.entry("JOBSWIPE_CORS_ORIGINS", "https://app.jobswipe.example"),
        Map.entry("JOBSWIPE_OAUTH_APP_REDIRECT", APP_REDIRECT)));
    api = new Api(vertx, port);
    browser = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
  }

  @AfterAll
  static void stopAll() {
    node.close();
    vertx.close().await();
  }

  /** The page Apple shows after consent, as the browser submits it: where to, and the hidden fields. */
  private record PostedForm(String action, MultiMap fields) {
  }

  private static HttpResponse<Buffer> startSignIn() {
    HttpResponse<Buffer> start = api.get("/v1/auth/oauth/apple/start", null);
    assertThat(start.statusCode()).as(start.bodyAsString()).isEqualTo(302);
    return start;
  }

  private static PostedForm consent(HttpResponse<Buffer> start) {
    HttpResponse<Buffer> page = browser.getAbs(start.getHeader("Location")).send().await();
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    String html = page.bodyAsString();
    Matcher action = FORM_ACTION.matcher(html);
    assertThat(action.find()).as(html).isTrue();
    MultiMap fields = MultiMap.caseInsensitiveMultiMap();
    Matcher hidden = HIDDEN.matcher(html);
    while (hidden.find()) {
      fields.add(unescape(hidden.group(1)), unescape(hidden.group(2)));
    }
    return new PostedForm(unescape(action.group(1)), fields);
  }

  /** The browser submits the provider's form to our callback, from the provider's page, with the cookies it has. */
  private static HttpResponse<Buffer> post(PostedForm form, String cookie) {
    var request = browser.postAbs(form.action()).putHeader("Origin", originOf(apple.issuer()));
    if (cookie != null) {
      request.putHeader("Cookie", cookie);
    }
    return request.sendForm(form.fields()).await();
  }

  private static HttpResponse<Buffer> webSignIn() {
    HttpResponse<Buffer> start = startSignIn();
    HttpResponse<Buffer> callback = post(consent(start), binding(start));
    if (callback.statusCode() != 303) {
      return callback;
    }
    return api.post("/v1/auth/oauth/exchange", new JsonObject().put("code", OAuthReplies.codeOf(callback)));
  }

  private static String binding(HttpResponse<Buffer> start) {
    return OAuthReplies.cookie(start, OAuthRoutes.CROSS_SITE_BINDING_COOKIE);
  }

  @Test
  void aWebSignInPostsBackAndEndsWithAOneTimeCodeAndKeepsTheNameToldOnlyTheFirstTime() throws Exception {
    String subject = "001234." + UUID.randomUUID().toString().replace("-", "") + ".0123";
    String relay = UUID.randomUUID().toString().substring(0, 10) + "@privaterelay.appleid.com";
    apple.nextUser(new LocalOidcProvider.User(subject, relay, true, "Ada Lovelace"));

    HttpResponse<Buffer> start = startSignIn();
    String cookie = start.cookies().stream().filter(c -> c.startsWith(OAuthRoutes.CROSS_SITE_BINDING_COOKIE + "="))
        .findFirst().orElseThrow();
    assertThat(cookie).as("sent back on Apple's cross-site POST").contains("SameSite=None").contains("Secure")
        .containsIgnoringCase("HttpOnly");
    assertThat(URI.create(start.getHeader("Location")).getRawQuery()).contains("response_mode=form_post");
    PostedForm form = consent(start);
    assertThat(form.fields().get("user")).as("the name, on the first authorization").contains("Ada");
    HttpResponse<Buffer> callback = post(form, binding(start));
    assertThat(callback.statusCode()).as(callback.bodyAsString()).isEqualTo(303);
    HttpResponse<Buffer> first = api.post("/v1/auth/oauth/exchange", new JsonObject().put("code", OAuthReplies.codeOf(callback)));

    assertThat(first.statusCode()).as(first.bodyAsString()).isEqualTo(200);
    JsonObject user = first.bodyAsJsonObject().getJsonObject("user");
    assertThat(user.getString("email")).as("a private relay address Apple verified").isEqualTo(relay);
    assertThat(api.get("/v1/me", first.bodyAsJsonObject().getString("accessToken")).statusCode()).isEqualTo(200);
    JsonObject redeemed = apple.tokenRequests().get(apple.tokenRequests().size() - 1);
    assertThat(redeemed.getString("client_auth_method")).isEqualTo("client_secret_post");
    assertThat(redeemed.getString("client_secret").split("\\.")).hasSize(3);
    assertThat(storedName(subject)).isEqualTo("Ada Lovelace");

    PostedForm again = consent(startSignIn());
    assertThat(again.fields().contains("user")).as("Apple tells the name once").isFalse();
    apple.nextUser(new LocalOidcProvider.User(subject, relay, true, "Ada Lovelace"));
    HttpResponse<Buffer> second = webSignIn();
    assertThat(second.statusCode()).as(second.bodyAsString()).isEqualTo(200);
    assertThat(second.bodyAsJsonObject().getJsonObject("user").getString("id")).isEqualTo(user.getString("id"));
    assertThat(storedName(subject)).as("kept, not lost on a sign-in without it").isEqualTo("Ada Lovelace");
  }

  @Test
  void aPostedAnswerIsRefusedInABrowserThatDidNotStartTheSignIn() {
    apple.nextUser(new LocalOidcProvider.User("csrf." + UUID.randomUUID(), "csrf@icloud.example", true, "C"));
    HttpResponse<Buffer> attacker = startSignIn();
    HttpResponse<Buffer> victim = startSignIn();
    PostedForm attackersAnswer = consent(attacker);

    HttpResponse<Buffer> withoutCookie = post(attackersAnswer, null);
    assertThat(withoutCookie.statusCode()).isEqualTo(401);
    assertThat(withoutCookie.bodyAsJsonObject().getString("detail")).contains("another browser");

    HttpResponse<Buffer> withTheVictimsCookie = post(consent(startSignIn()), binding(victim));
    assertThat(withTheVictimsCookie.statusCode()).isEqualTo(401);
    assertThat(withTheVictimsCookie.getHeader("Content-Type")).isEqualTo("application/problem+json");
  }

  @Test
  void theIosSdksIdTokenForTheBundleIdSignsInOnceWithTheHashOfANonceThisServerIssued() throws Exception {
    String email = "ios." + UUID.randomUUID().toString().substring(0, 6) + "@icloud.example";
    apple.nextUser(new LocalOidcProvider.User("ios." + UUID.randomUUID(), email, true, "Ios User"));
    HttpResponse<Buffer> issued = api.post("/v1/auth/oauth/apple/nonce", new JsonObject());
    assertThat(issued.statusCode()).isEqualTo(201);
    String nonce = issued.bodyAsJsonObject().getString("nonce");
    // The SDK puts the SHA-256 of the app's nonce in the request, and Apple issues the token for the app.
    apple.forgeNextIdToken(claims -> claims.put("aud", BUNDLE_ID));
    String idToken = sdkIdToken(sha256Hex(nonce));

    HttpResponse<Buffer> signedIn = api.post("/v1/auth/oauth/apple/id-token", new JsonObject().put("idToken", idToken));

    assertThat(signedIn.statusCode()).as(signedIn.bodyAsString()).isEqualTo(200);
    assertThat(signedIn.bodyAsJsonObject().getJsonObject("user").getString("email")).isEqualTo(email);
    assertThat(api.post("/v1/auth/oauth/apple/id-token", new JsonObject().put("idToken", idToken)).statusCode())
        .as("the nonce is spent").isEqualTo(401);
    apple.forgeNextIdToken(claims -> claims.put("aud", "com.someone.else"));
    String foreign = sdkIdToken(sha256Hex(api.post("/v1/auth/oauth/apple/nonce", new JsonObject())
        .bodyAsJsonObject().getString("nonce")));
    assertThat(api.post("/v1/auth/oauth/apple/id-token", new JsonObject().put("idToken", foreign)).statusCode())
        .as("another app's token").isEqualTo(401);
  }

  @Test
  void aClientSecretSignedWithARevokedKeyIsRefusedAndTheSignInFailsCleanly() throws Exception {
    apple.nextUser(new LocalOidcProvider.User("revoked." + UUID.randomUUID(), "revoked@icloud.example", true, "R"));
    apple.registerClientKey(KEY_ID, p256().getPublic());
    try {
      HttpResponse<Buffer> refused = webSignIn();
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(401);
      assertThat(refused.bodyAsJsonObject().getString("detail")).contains("did not confirm");
    } finally {
      apple.registerClientKey(KEY_ID, teamKey.getPublic());
    }
    assertThat(webSignIn().statusCode()).as("with the team's key registered again").isEqualTo(200);
  }

  @Test
  void theProviderRefusesClientSecretsWithAWrongSignatureIssuerAudienceOrLifetimeAsAppleDoes() throws Exception {
    Instant now = Instant.now();
    String audience = apple.issuer().toString();
    ECPrivateKey ours = (ECPrivateKey) teamKey.getPrivate();
    assertThat(tokenError(secret(ours, KEY_ID, TEAM, SERVICES_ID, audience, now, now.plusSeconds(300))))
        .as("a good secret gets past client authentication, to the bogus code").isEqualTo("invalid_grant");
    assertThat(tokenError(secret((ECPrivateKey) p256().getPrivate(), KEY_ID, TEAM, SERVICES_ID, audience, now,
        now.plusSeconds(300)))).isEqualTo("invalid_client");
    assertThat(tokenError(secret(ours, KEY_ID, "OTHERTEAM1", SERVICES_ID, audience, now, now.plusSeconds(300))))
        .isEqualTo("invalid_client");
    assertThat(tokenError(secret(ours, KEY_ID, TEAM, SERVICES_ID, "https://example.com", now, now.plusSeconds(300))))
        .isEqualTo("invalid_client");
    assertThat(tokenError(secret(ours, "OTHERKEY12", TEAM, SERVICES_ID, audience, now, now.plusSeconds(300))))
        .isEqualTo("invalid_client");
    assertThat(tokenError(secret(ours, KEY_ID, TEAM, SERVICES_ID, audience, now.minusSeconds(600),
        now.minusSeconds(60)))).as("expired").isEqualTo("invalid_client");
    assertThat(tokenError(secret(ours, KEY_ID, TEAM, SERVICES_ID, audience, now,
        now.plusSeconds(15_777_000L + 60)))).as("longer than six months")
        .isEqualTo("invalid_client");
  }

  private static String tokenError(String clientSecret) {
    HttpResponse<Buffer> response = browser.postAbs(apple.issuer() + "/auth/token").sendForm(
        MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code").add("code", "c-bogus")
            .add("redirect_uri", "http://127.0.0.1/none").add("client_id", SERVICES_ID)
            .add("client_secret", clientSecret)).await();
    assertThat(response.statusCode()).isEqualTo(400);
    return response.bodyAsJsonObject().getString("error");
  }

  /** A client secret made here, field by field, to spoil one at a time. */
  private static String secret(ECPrivateKey key, String kid, String team, String subject, String audience,
                               Instant issuedAt, Instant expires) throws GeneralSecurityException {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String input = b64.encodeToString(new JsonObject().put("alg", "ES256").put("kid", kid).encode()
        .getBytes(StandardCharsets.UTF_8)) + "." + b64.encodeToString(new JsonObject().put("iss", team)
        .put("iat", issuedAt.getEpochSecond()).put("exp", expires.getEpochSecond()).put("aud", audience)
        .put("sub", subject).encode().getBytes(StandardCharsets.UTF_8));
    java.security.Signature es256 = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
    es256.initSign(key);
    es256.update(input.getBytes(StandardCharsets.US_ASCII));
    return input + "." + b64.encodeToString(es256.sign());
  }

  /** What the iOS SDK does: an authorization of its own carrying the hashed nonce, ending in the id_token. */
  private static String sdkIdToken(String hashedNonce) throws GeneralSecurityException {
    String redirect = "http://127.0.0.1/sdk-redirect";
    apple.allowRedirectUri(redirect);
    HttpResponse<Buffer> page = browser.getAbs(apple.issuer() + "/auth/authorize")
        .addQueryParam("response_type", "code").addQueryParam("response_mode", "form_post")
        .addQueryParam("client_id", SERVICES_ID).addQueryParam("redirect_uri", redirect)
        .addQueryParam("scope", "openid email").addQueryParam("state", "sdk").addQueryParam("nonce", hashedNonce)
        .send().await();
    assertThat(page.statusCode()).as(page.bodyAsString()).isEqualTo(200);
    Matcher code = Pattern.compile("name=\"code\" value=\"([^\"]+)\"").matcher(page.bodyAsString());
    assertThat(code.find()).isTrue();
    Instant now = Instant.now();
    HttpResponse<Buffer> tokens = browser.postAbs(apple.issuer() + "/auth/token").sendForm(
        MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code").add("code", unescape(code.group(1)))
            .add("redirect_uri", redirect).add("client_id", SERVICES_ID).add("client_secret",
                secret((ECPrivateKey) teamKey.getPrivate(), KEY_ID, TEAM, SERVICES_ID, apple.issuer().toString(),
                    now, now.plusSeconds(300)))).await();
    assertThat(tokens.statusCode()).as(tokens.bodyAsString()).isEqualTo(200);
    return tokens.bodyAsJsonObject().getString("id_token");
  }

  private static String storedName(String subject) throws Exception {
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(
        "SELECT id, name_enc FROM oauth_identities WHERE provider = 'apple' AND subject = ?")) {
      s.setString(1, subject);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        byte[] sealed = rs.getBytes("name_enc");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).as("encrypted at rest").doesNotContain("Ada");
        return DataKeyRing.parse(TestNodes.DATA_KEYS).decryptString(sealed,
            EncryptedColumn.OAUTH_NAME.context(rs.getObject("id", UUID.class)));
      }
    }
  }

  private static KeyPair p256() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** The private key as Apple's .p8 download holds it. */
  private static String pem(KeyPair pair) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static String sha256Hex(String text) throws GeneralSecurityException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static String originOf(URI uri) {
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&#39;", "'")
        .replace("&amp;", "&");
  }
}
