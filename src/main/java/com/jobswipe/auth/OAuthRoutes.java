package com.jobswipe.auth;

import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Replies;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /v1/auth/oauth/*}: the browser half of a provider sign-in (start, callback), the app's exchange of the
 * one-time code it ends with, and native SDK sign-in with an id_token.
 */
final class OAuthRoutes {

  /** Carries the flow's binding from start to callback; only the OAuth paths ever see it. */
  static final String BINDING_COOKIE = "jobswipe_oauth";
  private static final String COOKIE_PATH = "/v1/auth/oauth";

  private final OAuthLogin oauth;
  private final Function<RoutingContext, RequestInfo> info;
  private final boolean secureCookies;

  OAuthRoutes(OAuthLogin oauth, Function<RoutingContext, RequestInfo> info, boolean secureCookies) {
    this.oauth = oauth;
    this.info = info;
    this.secureCookies = secureCookies;
  }

  /** @param credentialLimit the quota of routes that take a secret (per IP; fails closed) */
  void mount(Router router, Handler<RoutingContext> credentialLimit) {
    router.get("/v1/auth/oauth/:provider/start").handler(this::start);
    router.get("/v1/auth/oauth/:provider/callback").handler(this::callback);
    router.post("/v1/auth/oauth/exchange").handler(credentialLimit).handler(this::exchange);
    router.post("/v1/auth/oauth/:provider/nonce").handler(this::nonce);
    router.post("/v1/auth/oauth/:provider/id-token").handler(credentialLimit).handler(this::idToken);
  }

  private void start(RoutingContext ctx) {
    oauth.start(ctx.pathParam("provider"), Optional.ofNullable(ctx.request().getParam("app_challenge")))
        .onSuccess(started -> ctx.response()
            .addCookie(binding(started.binding()).setMaxAge(OAuthLogin.PENDING_TTL.toSeconds()))
            .setStatusCode(302).putHeader("Location", started.location())
            .putHeader("Cache-Control", "no-store").end())
        .onFailure(ctx::fail);
  }

  private void callback(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(BINDING_COOKIE);
    oauth.callback(ctx.pathParam("provider"), ctx.queryParams(), Optional.ofNullable(cookie).map(Cookie::getValue))
        .onSuccess(location -> ctx.response()
            .addCookie(binding("").setMaxAge(0))
            .setStatusCode(302).putHeader("Location", location)
            .putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer").end())
        .onFailure(ctx::fail);
  }

  private void exchange(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 200, oauth.exchange(body.getString("code"), Optional.ofNullable(body.getString("codeVerifier")),
        info.apply(ctx)));
  }

  private void nonce(RoutingContext ctx) {
    Replies.json(ctx, 201, oauth.nonce(ctx.pathParam("provider")));
  }

  private void idToken(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 200, oauth.signInWithIdToken(ctx.pathParam("provider"), body.getString("idToken"),
        info.apply(ctx)));
  }

  /** Lax: sent on the provider's top-level redirect back to us, never on a cross-site subrequest. */
  private Cookie binding(String value) {
    return Cookie.cookie(BINDING_COOKIE, value).setPath(COOKIE_PATH).setHttpOnly(true).setSecure(secureCookies)
        .setSameSite(CookieSameSite.LAX);
  }
}
