package com.jobswipe.auth;

import com.jobswipe.config.OAuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies id_tokens that a provider's native SDK gave the app: the signature against the keys the provider
 * publishes (found through its discovery document), the issuer and the expiry. Keys are kept for an hour; a
 * token that fails against keys older than a minute is tried once more against fresh ones, since a provider
 * that rotated its keys signs with one we have not seen.
 */
final class IdTokens {

  private static final Duration KEEP_KEYS = Duration.ofHours(1);
  private static final Duration REFETCH_AFTER = Duration.ofMinutes(1);

  private record Keys(String issuer, JWTAuth verifier, Instant fetchedAt) {
  }

  private final Vertx vertx;
  private final WebClient web;
  private final Map<String, Future<Keys>> keys = new ConcurrentHashMap<>();

  IdTokens(Vertx vertx) {
    this.vertx = vertx;
    this.web = WebClient.create(vertx);
  }

  /** The token's claims if the provider signed it, it names the provider as issuer and has not expired. */
  Future<JsonObject> verify(OAuthConfig.Provider provider, String token) {
    return keys(provider, false).compose(current -> check(current, token).recover(failure -> {
      if (current.fetchedAt().plus(REFETCH_AFTER).isAfter(Instant.now())) {
        return Future.failedFuture(failure);
      }
      return keys(provider, true).compose(fresh -> check(fresh, token));
    }));
  }

  private static Future<JsonObject> check(Keys keys, String token) {
    return keys.verifier().authenticate(new TokenCredentials(token)).compose(user -> {
      // Vert.x keeps the token itself as the principal and its decoded claims as the "accessToken" attribute.
      JsonObject claims = user.attributes().getJsonObject("accessToken");
      return keys.issuer().equals(claims.getString("iss"))
          ? Future.succeededFuture(claims)
          : Future.failedFuture(new IllegalArgumentException("issued by " + claims.getString("iss")));
    });
  }

  private Future<Keys> keys(OAuthConfig.Provider provider, boolean refresh) {
    return keys.compute(provider.name(), (name, held) -> {
      boolean usable = held != null && !held.failed()
          && (!held.isComplete() || held.result().fetchedAt().plus(KEEP_KEYS).isAfter(Instant.now()));
      return usable && !(refresh && held.isComplete()) ? held : fetch(provider);
    });
  }

  private Future<Keys> fetch(OAuthConfig.Provider provider) {
    String issuer = provider.issuer().toString().replaceAll("/+$", "");
    return json(issuer + "/.well-known/openid-configuration").compose(discovery -> {
      String jwksUri = discovery.getString("jwks_uri");
      if (jwksUri == null) {
        return Future.failedFuture(new IllegalStateException("no jwks_uri in " + issuer + "'s discovery document"));
      }
      return json(jwksUri).map(jwks -> {
        List<JsonObject> published = jwks.getJsonArray("keys").stream().map(JsonObject.class::cast).toList();
        JWTAuthOptions options = new JWTAuthOptions().setJwks(published);
        options.getJWTOptions().setLeeway(60);
        return new Keys(discovery.getString("issuer", issuer), JWTAuth.create(vertx, options), Instant.now());
      });
    });
  }

  private Future<JsonObject> json(String url) {
    return web.getAbs(url).timeout(10_000).send().compose(this::body);
  }

  private Future<JsonObject> body(HttpResponse<?> response) {
    if (response.statusCode() != 200) {
      return Future.failedFuture(new IllegalStateException("HTTP " + response.statusCode()));
    }
    return Future.succeededFuture(response.bodyAsJsonObject());
  }
}
