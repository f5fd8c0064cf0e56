package com.jobswipe.auth;

import com.jobswipe.config.OAuthConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Apple's half of a web sign-in, where it departs from plain OpenID Connect: the authorization request asks for
 * {@code response_mode=form_post} (Apple POSTs the code, the state and, the first time only, the user's name to our
 * callback), and the code is redeemed with a client secret we sign ourselves ({@link AppleClientSecret}). The
 * id_token it answers is verified like any other ({@link IdTokens}). Endpoints come from Apple's discovery document,
 * read on first use, so an outage at Apple never stops the API from starting.
 */
final class AppleSignIn {

  /** Apple's scopes: no {@code profile}; {@code name} is given once, in the form post, never in a token. */
  private static final String SCOPE = "openid email name";
  private static final int MAX_NAME = 200;

  private final WebClient web;
  private final OAuthConfig.Apple apple;
  private final AppleClientSecret secret;
  private final AtomicReference<Future<JsonObject>> discovery = new AtomicReference<>();

  AppleSignIn(WebClient web, OAuthConfig.Apple apple) {
    this.web = web;
    this.apple = apple;
    this.secret = new AppleClientSecret(apple);
  }

  /** Where to send the browser: Apple's consent page, which will POST its answer to {@code redirectUri}. */
  Future<String> authorizeUrl(String redirectUri, String state, String nonce, String challenge) {
    return discovery().map(document -> {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("response_type", "code");
      query.put("response_mode", "form_post");
      query.put("client_id", apple.provider().clientId());
      query.put("redirect_uri", redirectUri);
      query.put("scope", SCOPE);
      query.put("state", state);
      query.put("nonce", nonce);
      // Apple does not document PKCE; sent anyway, so the flow is the same for every provider and a provider that
      // starts checking it finds it there.
      query.put("code_challenge", challenge);
      query.put("code_challenge_method", "S256");
      StringBuilder url = new StringBuilder(document.getString("authorization_endpoint"));
      url.append(url.indexOf("?") < 0 ? '?' : '&');
      query.forEach((name, value) -> url.append(name).append('=')
          .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&'));
      url.setLength(url.length() - 1);
      return url.toString();
    });
  }

  /** The id_token Apple gives for the code (client_secret_post, with a freshly signed secret). */
  Future<String> redeem(String code, String verifier, String redirectUri) {
    return discovery().compose(document -> web.postAbs(document.getString("token_endpoint")).timeout(10_000)
        .putHeader("Accept", "application/json")
        .sendForm(MultiMap.caseInsensitiveMultiMap()
            .add("grant_type", "authorization_code")
            .add("code", code)
            .add("redirect_uri", redirectUri)
            .add("code_verifier", verifier)
            .add("client_id", apple.provider().clientId())
            .add("client_secret", secret.at(Instant.now()))))
        .compose(response -> {
          JsonObject body = json(response);
          String idToken = body == null ? null : body.getString("id_token");
          if (response.statusCode() != 200 || idToken == null) {
            return Future.failedFuture(new IllegalStateException("Apple's token endpoint answered "
                + response.statusCode() + " " + (body == null ? "" : body.getString("error", ""))));
          }
          return Future.succeededFuture(idToken);
        });
  }

  /**
   * The name in the {@code user} field Apple posts on a user's first authorization
   * ({@code {"name":{"firstName","lastName"},"email"}}): absent afterwards, and never trusted for anything but
   * display, since nothing signs it.
   */
  static Optional<String> nameFrom(String user) {
    if (user == null || user.length() > 4096) {
      return Optional.empty();
    }
    try {
      JsonObject name = new JsonObject(user).getJsonObject("name");
      if (name == null) {
        return Optional.empty();
      }
      String full = (text(name, "firstName") + " " + text(name, "lastName")).strip();
      return full.isEmpty() ? Optional.empty() : Optional.of(full.substring(0, Math.min(full.length(), MAX_NAME)));
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  private static String text(JsonObject name, String field) {
    return name.getValue(field) instanceof String value ? value.strip() : "";
  }

  private Future<JsonObject> discovery() {
    return discovery.updateAndGet(held -> held != null && !held.failed() ? held : fetchDiscovery());
  }

  private Future<JsonObject> fetchDiscovery() {
    String issuer = apple.provider().issuer().toString().replaceAll("/+$", "");
    return web.getAbs(issuer + "/.well-known/openid-configuration").timeout(10_000).send().compose(response -> {
      JsonObject document = response.statusCode() == 200 ? json(response) : null;
      if (document == null || document.getString("authorization_endpoint") == null
          || document.getString("token_endpoint") == null) {
        return Future.failedFuture(new IllegalStateException("no usable discovery document at " + issuer));
      }
      return Future.succeededFuture(document);
    });
  }

  private static JsonObject json(HttpResponse<?> response) {
    try {
      return response.bodyAsJsonObject();
    } catch (RuntimeException notJson) {
      return null;
    }
  }
}
