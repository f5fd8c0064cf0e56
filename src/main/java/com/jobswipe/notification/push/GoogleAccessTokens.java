package com.jobswipe.notification.push;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * OAuth2 access tokens for a service account by the JWT-bearer grant (RFC 7523, Google's "OAuth 2.0 for
 * Server to Server Applications"): an RS256 assertion signed with the account's private key buys a bearer token
 * that lasts about an hour. One token is shared by every send and fetched again shortly before it expires, or
 * when FCM refuses it; concurrent callers wait for the same fetch (single flight).
 */
final class GoogleAccessTokens {

  static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
  static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  /** Google accepts assertions valid for at most an hour. */
  static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);
  /** Fetch a new token this long before the old one expires, so none is used as it runs out in flight. */
  static final Duration REFRESH_MARGIN = Duration.ofMinutes(2);
  private static final long TIMEOUT_MS = 10_000;

  /** A bearer token and when it stops working by our clock. */
  record AccessToken(String value, Instant expiresAt) {

    boolean usableAt(Instant now) {
      return now.isBefore(expiresAt.minus(REFRESH_MARGIN));
    }

    @Override
    public String toString() {
      return "AccessToken[expires " + expiresAt + "]";
    }
  }

  /** The token endpoint refused the assertion (4xx): asking again will not help until the key is fixed. */
  static final class Refused extends RuntimeException {

    Refused(String message) {
      super(message, null, false, false);
    }
  }

  private final FcmServiceAccount account;
  private final WebClient client;
  private final Clock clock;
  private final JWTAuth signer;
  private Future<AccessToken> current; // guarded by this

  GoogleAccessTokens(Vertx vertx, FcmServiceAccount account, WebClient client, Clock clock) {
    this.account = account;
    this.client = client;
    this.clock = clock;
    this.signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(new PubSecKeyOptions()
        .setAlgorithm("RS256")
        .setBuffer(account.privateKeyPem())));
  }

  /** A token usable now: the cached one, the fetch already under way, or a new fetch. */
  synchronized Future<AccessToken> token() {
    if (current == null || current.failed() || (current.succeeded() && !current.result().usableAt(clock.instant()))) {
      current = fetch();
    }
    return current;
  }

  /**
   * Drops {@code refused} (FCM answered 401 to it) and returns a newer token. Many sends may be refused with
   * the same token at once; only the first of them fetches.
   */
  synchronized Future<AccessToken> replace(AccessToken refused) {
    if (current != null && current.succeeded() && current.result().equals(refused)) {
      current = null;
    }
    return token();
  }

  private Future<AccessToken> fetch() {
    Instant now = clock.instant();
    MultiMap form = MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", GRANT_TYPE)
        .add("assertion", assertion(now));
    return client.postAbs(account.tokenUri().toString())
        .timeout(TIMEOUT_MS)
        .sendForm(form)
        .compose(response -> answer(response, now));
  }

  String assertion(Instant now) {
    JsonObject header = new JsonObject().put("typ", "JWT");
    account.privateKeyId().ifPresent(kid -> header.put("kid", kid));
    JsonObject claims = new JsonObject()
        .put("iss", account.clientEmail())
        .put("scope", SCOPE)
        .put("aud", account.tokenUri().toString())
        .put("iat", now.getEpochSecond())
        .put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
    // iat and exp come from our clock, not from the JWT library's.
    return signer.generateToken(claims, new JWTOptions().setAlgorithm("RS256").setNoTimestamp(true).setHeader(header));
  }

  private Future<AccessToken> answer(HttpResponse<?> response, Instant requestedAt) {
    JsonObject body = jsonOrEmpty(response);
    if (response.statusCode() == 200 && body.getValue("access_token") instanceof String token
        && body.getValue("expires_in") instanceof Number expiresIn) {
      return Future.succeededFuture(new AccessToken(token, requestedAt.plusSeconds(expiresIn.longValue())));
    }
    String problem = "token endpoint answered " + response.statusCode() + " "
        + body.getString("error", "") + " " + body.getString("error_description", "");
    if (response.statusCode() >= 400 && response.statusCode() < 500 && response.statusCode() != 429) {
      return Future.failedFuture(new Refused(problem.trim()));
    }
    return Future.failedFuture(problem.trim());
  }

  private static JsonObject jsonOrEmpty(HttpResponse<?> response) {
    try {
      JsonObject body = response.bodyAsJsonObject();
      return body == null ? new JsonObject() : body;
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }
}
