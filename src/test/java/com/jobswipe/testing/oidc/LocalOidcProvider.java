package com.jobswipe.testing.oidc;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * An OpenID Connect provider on 127.0.0.1 that tests start in-process in place of Google or LinkedIn. It
 * speaks the real protocol: discovery (OpenID Connect Discovery 1.0), a JWK Set, the authorization code
 * grant with PKCE S256 required (RFC 6749, RFC 7636), client_secret_basic and client_secret_post, RS256
 * id_tokens and userinfo, shaped like the real provider's (see {@link Flavor}). The {@link Flavor#APPLE} flavor
 * answers the authorization request with a page that POSTs the code to the client ({@code form_post}), and
 * authenticates the client by an ES256 JWT it signed ({@link #startApple}), refusing a bad one with
 * {@code invalid_client} as Apple does.
 *
 * <p>Nobody types a password: the authorization endpoint behaves as if the user set by {@link #nextUser}
 * consented at once and redirects straight back with a code. A client under test therefore needs only an
 * HTTP client that does not follow redirects.
 *
 * <p>Test hooks see what clients sent ({@link #tokenRequests()}, {@link #authorizationRequests()}) and
 * spoil what the provider sends ({@link #forgeNextIdToken}, {@link #signNextIdTokenWithUnknownKey()},
 * {@link #rotateSigningKey()}, {@link #advanceClock}). They may be called from any thread.
 */
public final class LocalOidcProvider extends VerticleBase {

  /** Someone who signs in. The name splits at its first space into given_name and family_name. */
  public record User(String subject, String email, boolean emailVerified, String name) {
  }

  static final Duration CODE_LIFETIME = Duration.ofSeconds(60);
  static final long ACCESS_TOKEN_SECONDS = 3599;
  static final Duration ID_TOKEN_LIFETIME = Duration.ofHours(1);
  private static final String JSON = "application/json; charset=utf-8";
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final List<String> AUTHORIZATION_PARAMETERS = List.of("response_type", "client_id",
      "redirect_uri", "scope", "state", "nonce", "code_challenge", "code_challenge_method");

  /**
   * How an Apple client authenticates: an ES256 JWT signed with the team's key, {@code iss} the team,
   * {@code sub} the client id, {@code aud} the issuer, {@code kid} the key's id, at most six months long.
   */
  private record AppleClient(String teamId, String keyId, PublicKey publicKey) {
  }

  /** Apple's limit on a client secret's lifetime: 15777000 s, six months. */
  static final long APPLE_SECRET_MAX_SECONDS = 15_777_000;

  private final Flavor flavor;
  private final String clientId;
  private final String clientSecret;
  private final AtomicReference<AppleClient> appleClient = new AtomicReference<>();
  /** Subjects who authorized before: Apple posts the name only on a user's first authorization. */
  private final Set<String> authorizedBefore = ConcurrentHashMap.newKeySet();
  private final SecureRandom random = new SecureRandom();
  private final Set<String> redirectUris = ConcurrentHashMap.newKeySet();
  private final Map<String, IssuedCode> codes = new ConcurrentHashMap<>();
  /** Redeemed code to the access token it bought, so a replay can revoke it (RFC 6749 §4.1.2). */
  private final Map<String, String> redeemedCodes = new ConcurrentHashMap<>();
  private final Map<String, Grant> accessTokens = new ConcurrentHashMap<>();
  private final List<JsonObject> tokenRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger authorizationRequests = new AtomicInteger();
  private final AtomicReference<User> user = new AtomicReference<>();
  private final AtomicReference<Function<JsonObject, JsonObject>> nextIdTokenForgery = new AtomicReference<>();
  private final AtomicBoolean nextIdTokenWithUnknownKey = new AtomicBoolean();
  private volatile Duration clockOffset = Duration.ZERO;
  private volatile SigningKeys keys;
  private volatile URI issuer;
  private HttpServer server;

  private LocalOidcProvider(Flavor flavor, String clientId, String clientSecret) {
    this.flavor = flavor;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
  }

  /**
   * Deploys an {@link Flavor#APPLE} provider that knows one client (a Services ID), which authenticates with client
   * secrets signed by the key whose public half is {@code clientKey}.
   */
  public static Future<LocalOidcProvider> startApple(Vertx vertx, String clientId, String teamId, String keyId,
                                                     PublicKey clientKey) {
    LocalOidcProvider provider = new LocalOidcProvider(Flavor.APPLE, clientId, "");
    provider.appleClient.set(new AppleClient(teamId, keyId, clientKey));
    return vertx.deployVerticle(provider).map(deploymentId -> provider);
  }

  /** Replaces the public key Apple client secrets must verify with, as when the team revokes its key. */
  public LocalOidcProvider registerClientKey(String keyId, PublicKey clientKey) {
    appleClient.updateAndGet(held -> new AppleClient(held.teamId(), keyId, clientKey));
    return this;
  }

  /** Deploys a provider that knows one client, listening on a free loopback port. */
  public static Future<LocalOidcProvider> start(Vertx vertx, Flavor flavor, String clientId, String clientSecret) {
    LocalOidcProvider provider = new LocalOidcProvider(flavor, clientId, clientSecret);
    return vertx.deployVerticle(provider).map(deploymentId -> provider);
  }

  @Override
  public Future<?> start() {
    return vertx.executeBlocking(SigningKeys::generate).compose(generated -> {
      keys = generated;
      server = vertx.createHttpServer().requestHandler(router());
      return server.listen(0, "127.0.0.1");
    }).onSuccess(listening -> issuer = URI.create("http://127.0.0.1:" + listening.actualPort() + flavor.pathPrefix()));
  }

  @Override
  public Future<?> stop() {
    return server.close();
  }

  public Future<Void> close() {
    return vertx.undeploy(deploymentID());
  }

  /** {@code http://127.0.0.1:<port>/google} or {@code .../linkedin}; iss of every id_token, exactly. */
  public URI issuer() {
    return issuer;
  }

  public Flavor flavor() {
    return flavor;
  }

  /** Who consents at the authorization endpoint from now on; {@code null} makes every user decline. */
  public LocalOidcProvider nextUser(User next) {
    user.set(next);
    return this;
  }

  /** Registers a redirect URI. Once one is registered, authorization requests must name one exactly. */
  public LocalOidcProvider allowRedirectUri(String redirectUri) {
    redirectUris.add(redirectUri);
    return this;
  }

  /**
   * Every token request so far, oldest first: the form fields as sent, plus {@code client_auth_method}
   * ({@code client_secret_basic}, {@code client_secret_post} or {@code none}) and, for Basic,
   * {@code basic_client_id}.
   */
  public List<JsonObject> tokenRequests() {
    return tokenRequests.stream().map(JsonObject::copy).toList();
  }

  /** How many requests reached the authorization endpoint, rejected ones included. */
  public int authorizationRequests() {
    return authorizationRequests.get();
  }

  /**
   * Lets the next id_token carry altered claims (wrong aud, iss or nonce, expired...). The mutator gets the
   * claims the provider would have signed and returns the ones to sign instead; signing stays valid.
   */
  public LocalOidcProvider forgeNextIdToken(Function<JsonObject, JsonObject> claimsMutator) {
    nextIdTokenForgery.set(claimsMutator);
    return this;
  }

  /** Signs the next id_token with a key, and under a kid, that the JWK Set does not list. */
  public LocalOidcProvider signNextIdTokenWithUnknownKey() {
    nextIdTokenWithUnknownKey.set(true);
    return this;
  }

  /**
   * Publishes a new signing key next to the old ones and signs with it from now on, as providers do when
   * they rotate: a client holding the old JWK Set meets an unknown kid until it fetches the set again.
   */
  public Future<Void> rotateSigningKey() {
    return vertx.executeBlocking(SigningKeys::newKey).onSuccess(next -> keys.rotateTo(next)).mapEmpty();
  }

  /** Moves the provider's clock forward: codes and access tokens expire, new tokens are stamped later. */
  public LocalOidcProvider advanceClock(Duration by) {
    clockOffset = clockOffset.plus(by);
    return this;
  }

  private Router router() {
    String prefix = flavor.pathPrefix();
    Router router = Router.router(vertx);
    router.get(prefix + "/.well-known/openid-configuration").handler(this::discovery);
    router.get(prefix + flavor.jwksPath()).handler(this::jwks);
    router.get(prefix + flavor.authorizationPath()).handler(this::authorize);
    router.post(prefix + flavor.tokenPath())
        .handler(BodyHandler.create(false).setBodyLimit(16 * 1024))
        .handler(this::token);
    if (flavor.userinfoPath() != null) {
      // OpenID Connect Core §5.3.1: the userinfo endpoint takes GET and POST.
      router.route(prefix + flavor.userinfoPath()).method(HttpMethod.GET).method(HttpMethod.POST)
          .handler(this::userinfo);
    }
    return router;
  }

  private void discovery(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600");
    json(ctx.response(), 200, flavor.discovery(issuer.toString()));
  }

  private void jwks(RoutingContext ctx) {
    // Vert.x schedules its own JWK Set refresh from this max-age, as it would against Google.
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=3600, must-revalidate, no-transform");
    json(ctx.response(), 200, keys.jwks());
  }

  private void authorize(RoutingContext ctx) {
    authorizationRequests.incrementAndGet();
    MultiMap query = ctx.queryParams();
    OAuthError problem = authorizationProblem(query);
    if (problem != null) {
      // Nothing redirects here: with a bad client or redirect URI the target is not to be trusted
      // (RFC 6749 §4.1.2.1), and the real providers show an error page for the rest too.
      problem.send(ctx.response());
      return;
    }
    String redirectUri = query.get("redirect_uri");
    String state = query.get("state");
    User consenting = user.get();
    if (consenting == null) {
      Map<String, String> denied = new LinkedHashMap<>();
      if (flavor == Flavor.APPLE) {
        denied.put("state", state);
        denied.put("error", "user_cancelled_authorize");
        formPost(ctx.response(), redirectUri, denied);
        return;
      }
      denied.put("error", "access_denied");
      denied.put("state", state);
      redirect(ctx.response(), redirectUri, denied);
      return;
    }
    List<String> scopes = scopes(query.get("scope"));
    String code = flavor.newCode(randomToken());
    codes.put(code, new IssuedCode(redirectUri, query.get("code_challenge"), query.get("nonce"), scopes, consenting,
        now().plus(CODE_LIFETIME)));
    Map<String, String> answer = flavor.authorizationResponse(code, state, scopes);
    if (flavor == Flavor.APPLE) {
      if (authorizedBefore.add(consenting.subject()) && scopes.contains("name")) {
        answer.put("user", appleUser(consenting, scopes));
      }
      formPost(ctx.response(), redirectUri, answer);
      return;
    }
    redirect(ctx.response(), redirectUri, answer);
  }

  /** The {@code user} field as Apple posts it: the name split in two, and the email. */
  private static String appleUser(User user, List<String> scopes) {
    int space = user.name().indexOf(' ');
    JsonObject name = space < 0 ? new JsonObject().put("firstName", user.name()).put("lastName", "")
        : new JsonObject().put("firstName", user.name().substring(0, space))
            .put("lastName", user.name().substring(space + 1));
    JsonObject posted = new JsonObject().put("name", name);
    if (scopes.contains("email")) {
      posted.put("email", user.email());
    }
    return posted.encode();
  }

  /**
   * response_mode=form_post (OAuth 2.0 Form Post Response Mode): a page whose form the browser submits at once to
   * the client's redirect URI, every parameter a hidden field, as appleid.apple.com answers.
   */
  private static void formPost(HttpServerResponse response, String redirectUri, Map<String, String> parameters) {
    StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><head><title>Submit This Form</title></head>"
        + "<body onload=\"javascript:document.forms[0].submit()\">\n<form method=\"post\" action=\"")
        .append(html(redirectUri)).append("\">\n");
    parameters.forEach((name, value) -> page.append("<input type=\"hidden\" name=\"").append(html(name))
        .append("\" value=\"").append(html(value)).append("\"/>\n"));
    page.append("</form></body></html>\n");
    response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(page.toString());
  }

  private static String html(String text) {
    return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("'", "&#39;");
  }

  private OAuthError authorizationProblem(MultiMap query) {
    for (String name : AUTHORIZATION_PARAMETERS) {
      if (query.getAll(name).size() > 1) {
        return error(400, "invalid_request", name + " must not be repeated");
      }
    }
    if (!clientId.equals(query.get("client_id"))) {
      return error(401, "invalid_client", "The OAuth client was not found.");
    }
    String redirectUri = query.get("redirect_uri");
    if (redirectUri == null || redirectUri.isEmpty()) {
      return error(400, "invalid_request", "Missing required parameter: redirect_uri");
    }
    if (!redirectUris.isEmpty() && !redirectUris.contains(redirectUri)) {
      return error(400, "redirect_uri_mismatch", "redirect_uri is not registered for this client");
    }
    if (!"code".equals(query.get("response_type"))) {
      return error(400, "unsupported_response_type", "response_type must be code");
    }
    if (flavor == Flavor.APPLE) {
      return appleAuthorizationProblem(query);
    }
    if (!scopes(query.get("scope")).contains("openid")) {
      return error(400, "invalid_scope", "scope must contain openid");
    }
    String state = query.get("state");
    if (state == null || state.isEmpty()) {
      return error(400, "invalid_request", "Missing required parameter: state");
    }
    if (!Pkce.isWellFormedS256Challenge(query.get("code_challenge"))) {
      return error(400, "invalid_request", "PKCE required: code_challenge must be an S256 challenge");
    }
    if (!"S256".equals(query.get("code_challenge_method"))) {
      return error(400, "invalid_request", "PKCE required: code_challenge_method must be S256");
    }
    return null;
  }

  /** Apple's rules: state optional, no PKCE, and form_post whenever the name or email is asked for. */
  private OAuthError appleAuthorizationProblem(MultiMap query) {
    List<String> scopes = scopes(query.get("scope"));
    if ((scopes.contains("name") || scopes.contains("email")) && !"form_post".equals(query.get("response_mode"))) {
      return error(400, "invalid_request", "response_mode must be form_post when name or email scope is requested.");
    }
    String state = query.get("state");
    if (state == null || state.isEmpty()) {
      // Apple accepts a missing state; the callback under test never sends one, so it is refused here.
      return error(400, "invalid_request", "Missing required parameter: state");
    }
    return null;
  }

  private void token(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    BasicCredentials basic = BasicCredentials.parse(authorization);
    tokenRequests.add(describe(form, basic));
    ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store").putHeader("Pragma", "no-cache");

    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.toLowerCase().startsWith(FORM)) {
      error(400, "invalid_request", "Content-Type must be " + FORM).send(ctx.response());
      return;
    }
    for (String name : form.names()) {
      if (form.getAll(name).size() > 1) {
        error(400, "invalid_request", name + " must not be repeated").send(ctx.response());
        return;
      }
    }
    if (basic != null && form.contains("client_secret")) {
      error(400, "invalid_request", "use one client authentication method, not two").send(ctx.response());
      return;
    }
    if (flavor == Flavor.APPLE) {
      if (basic != null || !clientId.equals(form.get("client_id")) || !appleSecretValid(form.get("client_secret"))) {
        // Apple answers any client authentication failure with a bare 400 invalid_client.
        json(ctx.response(), 400, new JsonObject().put("error", "invalid_client"));
        return;
      }
    } else if (!clientAuthenticated(form, basic)) {
      ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"" + issuer + "\"");
      error(401, "invalid_client", "Unauthorized").send(ctx.response());
      return;
    }
    String grantType = form.get("grant_type");
    if (grantType == null) {
      error(400, "invalid_request", "Missing required parameter: grant_type").send(ctx.response());
      return;
    }
    if (!"authorization_code".equals(grantType)) {
      error(400, "unsupported_grant_type", "Invalid grant_type: " + grantType).send(ctx.response());
      return;
    }
    String code = form.get("code");
    // Any attempt spends the code, so a wrong verifier cannot be followed by a guess at the right one.
    IssuedCode issued = code == null ? null : codes.remove(code);
    if (issued == null) {
      String boughtToken = code == null ? null : redeemedCodes.get(code);
      if (boughtToken == null) {
        error(400, "invalid_grant", "Malformed auth code.").send(ctx.response());
        return;
      }
      accessTokens.remove(boughtToken);
      error(400, "invalid_grant", "Code was already redeemed.").send(ctx.response());
      return;
    }
    redeemedCodes.put(code, "");
    OAuthError grantProblem = grantProblem(issued, form);
    if (grantProblem != null) {
      grantProblem.send(ctx.response());
      return;
    }
    Instant now = now();
    String accessToken = flavor.newAccessToken(randomToken());
    accessTokens.put(accessToken, new Grant(issued.user(), issued.scopes(), now.plusSeconds(ACCESS_TOKEN_SECONDS)));
    redeemedCodes.put(code, accessToken);
    json(ctx.response(), 200, new JsonObject()
        .put("access_token", accessToken)
        .put("expires_in", ACCESS_TOKEN_SECONDS)
        .put("scope", flavor.grantedScope(issued.scopes()))
        .put("token_type", "Bearer")
        .put("id_token", idToken(issued, accessToken, now)));
  }

  /** An Apple client secret: ES256 under the registered key and kid, for this client, from its team, unexpired. */
  private boolean appleSecretValid(String secret) {
    AppleClient client = appleClient.get();
    if (secret == null || client == null) {
      return false;
    }
    String[] parts = secret.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    try {
      JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
      es256.initVerify(client.publicKey());
      es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      long now = now().getEpochSecond();
      return "ES256".equals(header.getString("alg")) && client.keyId().equals(header.getString("kid"))
          && es256.verify(Base64.getUrlDecoder().decode(parts[2]))
          && client.teamId().equals(claims.getString("iss")) && clientId.equals(claims.getString("sub"))
          && issuer.toString().equals(claims.getValue("aud"))
          && claims.getValue("iat") instanceof Number iat && claims.getValue("exp") instanceof Number exp
          && iat.longValue() <= now + 60 && exp.longValue() > now
          && exp.longValue() - iat.longValue() <= APPLE_SECRET_MAX_SECONDS;
    } catch (RuntimeException | GeneralSecurityException malformed) {
      return false;
    }
  }

  private boolean clientAuthenticated(MultiMap form, BasicCredentials basic) {
    if (basic != null) {
      return basic.matches(clientId, clientSecret);
    }
    return clientId.equals(form.get("client_id")) && clientSecret.equals(form.get("client_secret"));
  }

  private OAuthError grantProblem(IssuedCode issued, MultiMap form) {
    if (now().isAfter(issued.expiresAt())) {
      return error(400, "invalid_grant", "Code has expired.");
    }
    if (!issued.redirectUri().equals(form.get("redirect_uri"))) {
      return error(400, "invalid_grant", "redirect_uri differs from the one in the authorization request.");
    }
    if (flavor == Flavor.APPLE && issued.codeChallenge() == null) {
      return null;
    }
    if (form.get("code_verifier") == null) {
      return error(400, "invalid_grant", "Missing code verifier.");
    }
    if (!Pkce.matches(form.get("code_verifier"), issued.codeChallenge())) {
      return error(400, "invalid_grant", "Invalid code verifier.");
    }
    return null;
  }

  private String idToken(IssuedCode issued, String accessToken, Instant now) {
    JsonObject claims = flavor.idTokenClaims(new Flavor.IdTokenRequest(issuer.toString(), clientId, issued.user(),
        issued.scopes(), issued.nonce(), accessTokenHash(accessToken), now.getEpochSecond(),
        now.plus(ID_TOKEN_LIFETIME).getEpochSecond()));
    Function<JsonObject, JsonObject> forgery = nextIdTokenForgery.getAndSet(null);
    if (forgery != null) {
      claims = forgery.apply(claims);
    }
    return nextIdTokenWithUnknownKey.getAndSet(false) ? keys.signWithUnpublishedKey(claims) : keys.sign(claims);
  }

  private void userinfo(RoutingContext ctx) {
    String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      // RFC 6750 §3.1: a request without credentials gets the challenge but no error code.
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"" + issuer + "\"");
      json(ctx.response(), 401, new JsonObject().put("error", "invalid_request")
          .put("error_description", "Missing access token"));
      return;
    }
    Grant grant = accessTokens.get(authorization.substring(7).trim());
    if (grant == null || now().isAfter(grant.expiresAt())) {
      ctx.response().putHeader("WWW-Authenticate",
          "Bearer realm=\"" + issuer + "\", error=\"invalid_token\", error_description=\"Invalid Credentials\"");
      json(ctx.response(), 401, new JsonObject().put("error", "invalid_token")
          .put("error_description", "Invalid Credentials"));
      return;
    }
    json(ctx.response(), 200, flavor.userinfo(grant.user(), grant.scopes(), issuer.toString()));
  }

  private static JsonObject describe(MultiMap form, BasicCredentials basic) {
    JsonObject request = new JsonObject();
    form.forEach(field -> request.put(field.getKey(), field.getValue()));
    if (basic != null) {
      request.put("client_auth_method", "client_secret_basic").put("basic_client_id", basic.clientId());
    } else {
      request.put("client_auth_method", form.contains("client_secret") ? "client_secret_post" : "none");
    }
    return request;
  }

  private static OAuthError error(int status, String error, String description) {
    return new OAuthError(status, error, description);
  }

  private static void json(HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(body.encode());
  }

  private static void redirect(HttpServerResponse response, String redirectUri, Map<String, String> parameters) {
    StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
    parameters.forEach((name, value) -> location.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
    location.setLength(location.length() - 1);
    response.setStatusCode(302).putHeader(HttpHeaders.LOCATION, location.toString())
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
  }

  private static List<String> scopes(String scope) {
    return scope == null || scope.isBlank() ? List.of() : List.of(scope.trim().split(" +"));
  }

  /** OpenID Connect Core §3.1.3.6: base64url of the left half of SHA-256 over the access token. */
  private static String accessTokenHash(String accessToken) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, digest.length / 2));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private String randomToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private Instant now() {
    return Instant.now().plus(clockOffset);
  }

  /** An error as RFC 6749 §5.2 shapes it, with the HTTP status it goes out with. */
  private record OAuthError(int status, String error, String description) {

    void send(HttpServerResponse response) {
      json(response, status, new JsonObject().put("error", error).put("error_description", description));
    }
  }

  private record IssuedCode(String redirectUri, String codeChallenge, String nonce,
                            List<String> scopes, User user, Instant expiresAt) {
  }

  private record Grant(User user, List<String> scopes, Instant expiresAt) {
  }

  /** HTTP Basic client credentials; RFC 6749 §2.3.1 form-encodes both parts before joining them. */
  private record BasicCredentials(String clientId, String secret) {

    static BasicCredentials parse(String authorization) {
      if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
        return null;
      }
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return new BasicCredentials("", "");
      }
      int colon = decoded.indexOf(':');
      return colon < 0 ? new BasicCredentials(decoded, "")
          : new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    /**
     * Many clients (Vert.x among them) skip the form-encoding and Google accepts that, so both the raw and
     * the decoded form count.
     */
    boolean matches(String expectedId, String expectedSecret) {
      return (clientId.equals(expectedId) || formDecoded(clientId).equals(expectedId))
          && (secret.equals(expectedSecret) || formDecoded(secret).equals(expectedSecret));
    }

    private static String formDecoded(String value) {
      try {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return value;
      }
    }
  }
}
