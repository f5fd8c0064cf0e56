package com.jobswipe.notification.push;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Google's side of FCM on 127.0.0.1 over TLS: the OAuth2 token endpoint (JWT-bearer grant, RFC 7523, checked
 * the way Google documents it) and {@code POST /v1/projects/{project}/messages:send} with FCM's error model.
 * The assertion is verified with {@code java.security} alone, so nothing here shares code with the signer
 * under test. Its clock is the test's, so expiry follows the test, not the wall.
 *
 * <p>By default every well-formed message to a valid token is accepted; {@link #answer} scripts a device
 * token's fate (UNREGISTERED, 429, 503...). Hooks may be called from any thread.
 */
public final class FcmReplica {

  /** What the replica answers for one device token instead of accepting. */
  record Scripted(int status, String errorCode, String retryAfter) {
  }

  static final long TOKEN_SECONDS = 3599;
  private static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";
  private static final String BAD_REQUEST = "type.googleapis.com/google.rpc.BadRequest";
  private static final Pattern DEVICE_TOKEN = Pattern.compile("[A-Za-z0-9_:\\-]{20,4096}");
  private static final Map<Integer, String> STATUS = Map.of(400, "INVALID_ARGUMENT", 401, "UNAUTHENTICATED",
      403, "PERMISSION_DENIED", 404, "NOT_FOUND", 429, "RESOURCE_EXHAUSTED", 500, "INTERNAL", 503, "UNAVAILABLE");

  private final Vertx vertx;
  private final Clock clock;
  private final String projectId;
  private final String clientEmail;
  private final PublicKey accountKey;
  private final String keyId;
  private final TestPki pki;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> issued = new ConcurrentHashMap<>();
  private final Map<String, Scripted> scripts = new ConcurrentHashMap<>();
  private final List<JsonObject> assertions = new CopyOnWriteArrayList<>();
  private final List<String> refusedAssertions = new CopyOnWriteArrayList<>();
  private final List<JsonObject> delivered = new CopyOnWriteArrayList<>();
  private final AtomicInteger unauthenticated = new AtomicInteger();
  private final AtomicBoolean refuseEveryBearer = new AtomicBoolean();
  private final AtomicInteger messageIds = new AtomicInteger();
  private HttpServer server;
  private int port;

  private FcmReplica(Vertx vertx, Clock clock, TestPki pki, String projectId, String clientEmail, String keyId,
      PublicKey accountKey) {
    this.vertx = vertx;
    this.clock = clock;
    this.pki = pki;
    this.projectId = projectId;
    this.clientEmail = clientEmail;
    this.keyId = keyId;
    this.accountKey = accountKey;
  }

  /** A replica that knows one service account (its email, key id and public key) of one project. */
  public static Future<FcmReplica> start(Vertx vertx, Clock clock, TestPki pki, String projectId, String clientEmail,
      String keyId, PublicKey accountKey) {
    FcmReplica replica = new FcmReplica(vertx, clock, pki, projectId, clientEmail, keyId, accountKey);
    return replica.listen().map(replica);
  }

  private Future<Void> listen() {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false).setBodyLimit(64 * 1024));
    router.post("/token").handler(this::token);
    router.post("/v1/projects/:project/messages:send").handler(this::send);
    server = vertx.createHttpServer(new HttpServerOptions()
            .setSsl(true)
            .setKeyCertOptions(new PemKeyCertOptions()
                .setCertValue(Buffer.buffer(pki.serverChainPem()))
                .setKeyValue(Buffer.buffer(pki.serverKeyPem()))))
        .requestHandler(router);
    return server.listen(0, "127.0.0.1").onSuccess(s -> port = s.actualPort()).mapEmpty();
  }

  public Future<Void> close() {
    return server.close();
  }

  public URI tokenUri() {
    return URI.create("https://127.0.0.1:" + port + "/token");
  }

  public URI endpoint() {
    return URI.create("https://127.0.0.1:" + port);
  }

  /** From now on, messages to {@code deviceToken} get this answer. */
  void answer(String deviceToken, Scripted scripted) {
    scripts.put(deviceToken, scripted);
  }

  /** Claims of every assertion that bought a token, oldest first. */
  List<JsonObject> assertions() {
    return List.copyOf(assertions);
  }

  /** Why each refused assertion was refused. */
  List<String> refusedAssertions() {
    return List.copyOf(refusedAssertions);
  }

  /** Messages accepted (200), as sent. */
  public List<JsonObject> delivered() {
    return List.copyOf(delivered);
  }

  int unauthenticated() {
    return unauthenticated.get();
  }

  /** Forgets every token issued so far, as a revocation does: they are answered 401 from now on. */
  void revokeIssuedTokens() {
    issued.clear();
  }

  /** Answers 401 to every bearer, even fresh ones (credentials broken on Google's side). */
  void refuseEveryBearer() {
    refuseEveryBearer.set(true);
  }

  void reset() {
    issued.clear();
    scripts.clear();
    assertions.clear();
    refusedAssertions.clear();
    delivered.clear();
    unauthenticated.set(0);
    refuseEveryBearer.set(false);
  }

  private void token(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    if (!GoogleAccessTokens.GRANT_TYPE.equals(form.get("grant_type"))) {
      tokenError(ctx, "unsupported_grant_type", "Invalid grant_type: " + form.get("grant_type"));
      return;
    }
    String problem;
    JsonObject claims = null;
    try {
      claims = verify(form.get("assertion"));
      problem = check(claims);
    } catch (RuntimeException | GeneralSecurityException e) {
      problem = e.getMessage();
    }
    if (problem != null) {
      refusedAssertions.add(problem);
      tokenError(ctx, "invalid_grant", problem);
      return;
    }
    assertions.add(claims);
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = "ya29.replica-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    issued.put(token, clock.instant().plusSeconds(TOKEN_SECONDS));
    json(ctx.response(), 200, new JsonObject()
        .put("access_token", token)
        .put("expires_in", TOKEN_SECONDS)
        .put("token_type", "Bearer"));
  }

  /** The header and signature: RS256 by the account's key, under its key id. */
  private JsonObject verify(String assertion) throws GeneralSecurityException {
    if (assertion == null) {
      throw new IllegalArgumentException("Missing assertion");
    }
    String[] parts = assertion.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("Malformed JWT");
    }
    JsonObject header = new JsonObject(decode(parts[0]));
    if (!"RS256".equals(header.getString("alg"))) {
      throw new IllegalArgumentException("Invalid JWT: alg must be RS256");
    }
    if (!keyId.equals(header.getString("kid"))) {
      throw new IllegalArgumentException("Invalid JWT: unknown kid");
    }
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(accountKey);
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    if (!rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
      throw new IllegalArgumentException("Invalid JWT Signature.");
    }
    return new JsonObject(decode(parts[1])).put("kid", header.getString("kid"));
  }

  /** The claims Google checks: who, for what, for whom, and a lifetime of at most an hour that covers now. */
  private String check(JsonObject claims) {
    long now = clock.instant().getEpochSecond();
    if (!clientEmail.equals(claims.getString("iss"))) {
      return "Invalid JWT: iss is not a known service account";
    }
    if (!Set.of(claims.getString("scope", "").split(" ")).contains(GoogleAccessTokens.SCOPE)) {
      return "Invalid JWT: scope lacks firebase.messaging";
    }
    if (!tokenUri().toString().equals(claims.getString("aud"))) {
      return "Invalid JWT: aud must be the token endpoint";
    }
    Long iat = claims.getLong("iat");
    Long exp = claims.getLong("exp");
    if (iat == null || exp == null || iat > now + 60 || exp <= now || exp - iat > 3600) {
      return "Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe";
    }
    return null;
  }

  private void send(RoutingContext ctx) {
    if (!projectId.equals(ctx.pathParam("project"))) {
      fcmError(ctx.response(), 404, "", "Requested entity was not found.", null);
      return;
    }
    String authorization = ctx.request().getHeader("Authorization");
    String bearer = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
    Instant expiry = issued.get(bearer);
    if (refuseEveryBearer.get() || expiry == null || !clock.instant().isBefore(expiry)) {
      unauthenticated.incrementAndGet();
      fcmError(ctx.response(), 401, "", "Request had invalid authentication credentials. Expected OAuth 2 access "
          + "token, login cookie or other valid authentication credential.", null);
      return;
    }
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    String problem = shapeProblem(body);
    if (problem != null) {
      fcmError(ctx.response(), 400, "INVALID_ARGUMENT", "Invalid JSON payload received. " + problem, problem);
      return;
    }
    String deviceToken = body.getJsonObject("message").getString("token");
    if (!DEVICE_TOKEN.matcher(deviceToken).matches()) {
      fcmError(ctx.response(), 400, "INVALID_ARGUMENT", "The registration token is not a valid FCM registration token",
          "message.token");
      return;
    }
    Scripted scripted = scripts.get(deviceToken);
    if (scripted != null) {
      if (scripted.retryAfter() != null) {
        ctx.response().putHeader("Retry-After", scripted.retryAfter());
      }
      fcmError(ctx.response(), scripted.status(), scripted.errorCode(), "scripted by the test", null);
      return;
    }
    delivered.add(body);
    json(ctx.response(), 200, new JsonObject()
        .put("name", "projects/" + projectId + "/messages/" + messageIds.incrementAndGet()));
  }

  /** The fields we send, shaped as the v1 API requires (data values are strings only). */
  private static String shapeProblem(JsonObject body) {
    JsonObject message = body == null ? null : body.getJsonObject("message");
    if (message == null) {
      return "message is required";
    }
    if (!(message.getValue("token") instanceof String)) {
      return "message.token must be a string";
    }
    JsonObject notification = message.getJsonObject("notification");
    if (notification == null || !(notification.getValue("title") instanceof String)
        || !(notification.getValue("body") instanceof String)) {
      return "message.notification needs title and body strings";
    }
    JsonObject data = message.getJsonObject("data", new JsonObject());
    for (Map.Entry<String, Object> entry : data) {
      if (!(entry.getValue() instanceof String)) {
        return "message.data." + entry.getKey() + " must be a string";
      }
    }
    JsonObject android = message.getJsonObject("android", new JsonObject());
    if (!Set.of("high", "normal").contains(android.getString("priority", "normal"))) {
      return "message.android.priority must be high or normal";
    }
    if (android.containsKey("collapse_key") && !(android.getValue("collapse_key") instanceof String)) {
      return "message.android.collapse_key must be a string";
    }
    return null;
  }

  private static void fcmError(HttpServerResponse response, int status, String errorCode, String message,
      String field) {
    JsonArray details = new JsonArray();
    if (!errorCode.isEmpty()) {
      details.add(new JsonObject().put("@type", FCM_ERROR).put("errorCode", errorCode));
    }
    if (field != null) {
      details.add(new JsonObject().put("@type", BAD_REQUEST).put("fieldViolations",
          new JsonArray().add(new JsonObject().put("field", field).put("description", message))));
    }
    json(response, status, new JsonObject().put("error", new JsonObject()
        .put("code", status)
        .put("message", message)
        .put("status", STATUS.getOrDefault(status, "UNKNOWN"))
        .put("details", details)));
  }

  private static void tokenError(RoutingContext ctx, String error, String description) {
    json(ctx.response(), 400, new JsonObject().put("error", error).put("error_description", description));
  }

  private static void json(HttpServerResponse response, int status, JsonObject body) {
    response.setStatusCode(status).putHeader("Content-Type", "application/json; charset=UTF-8").end(body.encode());
  }

  private static String decode(String part) {
    return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
  }

  /** An HTTP-date for Retry-After, on the replica's clock. */
  static String httpDate(Instant instant) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(instant.atZone(ZoneOffset.UTC));
  }
}
