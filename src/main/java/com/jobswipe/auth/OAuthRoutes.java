package com.jobswipe.auth;

import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Replies;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /v1/auth/oauth/*}: the list of providers a sign-in screen offers, the browser half of a provider sign-in (start, callback), the app's exchange of the
 * one-time code it ends with, and native SDK sign-in with an id_token.
 */
final class OAuthRoutes {

  /** The provider list changes only when the node restarts with other configuration. */
  private static final String PROVIDERS_CACHE = "public, max-age=300";

  /** Carries the flow's binding from start to callback; only the OAuth paths ever see it. */
  static final String BINDING_COOKIE = "jobswipe_oauth";
  /** The same for a provider that posts its answer back across sites (Apple): SameSite=None, so always Secure. */
  static final String CROSS_SITE_BINDING_COOKIE = "jobswipe_oauth_post";
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
    router.get("/v1/auth/oauth/providers").handler(this::providers);
    router.get("/v1/auth/oauth/:provider/start").handler(this::start);
    router.get("/v1/auth/oauth/:provider/callback").handler(this::callback);
    // response_mode=form_post (Apple): the same answer, as a form the provider's page POSTs here.
    router.post("/v1/auth/oauth/:provider/callback").handler(this::callback);
    router.post("/v1/auth/oauth/exchange").handler(credentialLimit).handler(this::exchange);
    router.post("/v1/auth/oauth/:provider/nonce").handler(this::nonce);
    router.post("/v1/auth/oauth/:provider/id-token").handler(credentialLimit).handler(this::idToken);
  }

  private void providers(RoutingContext ctx) {
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", PROVIDERS_CACHE)
        .end(oauth.providers().encode());
  }

  private void start(RoutingContext ctx) {
    String provider = ctx.pathParam("provider");
    oauth.start(provider, Optional.ofNullable(ctx.request().getParam("app_challenge")))
        .onSuccess(started -> ctx.response()
            .addCookie(binding(provider, started.binding()).setMaxAge(OAuthLogin.PENDING_TTL.toSeconds()))
            .setStatusCode(302).putHeader("Location", started.location())
            .putHeader("Cache-Control", "no-store").end())
        .onFailure(ctx::fail);
  }

  private void callback(RoutingContext ctx) {
    String provider = ctx.pathParam("provider");
    boolean posted = ctx.request().method() == HttpMethod.POST;
    Cookie cookie = ctx.request().getCookie(cookieName(provider));
    MultiMap answer = posted ? ctx.request().formAttributes() : ctx.queryParams();
    oauth.callback(provider, answer, posted, Optional.ofNullable(cookie).map(Cookie::getValue))
        .onSuccess(location -> ctx.response()
            .addCookie(binding(provider, "").setMaxAge(0))
            // 303 after a POST: the browser follows with a GET, as a redirect after a form should make it.
            .setStatusCode(posted ? 303 : 302).putHeader("Location", location)
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

  /**
   * Lax: sent on the provider's top-level redirect back to us, never on a cross-site subrequest. A provider that
   * POSTs its answer from its own site (Apple's form_post) would never get a Lax cookie back, so its flows use a
   * cookie of their own with SameSite=None, which browsers accept only when Secure (Apple only redirects to https).
   * It still proves nothing alone: the callback needs the state it was issued with, and the state names its hash.
   */
  private Cookie binding(String provider, String value) {
    Cookie cookie = Cookie.cookie(cookieName(provider), value).setPath(COOKIE_PATH).setHttpOnly(true);
    return oauth.postsBack(provider) ? cookie.setSecure(true).setSameSite(CookieSameSite.NONE)
        : cookie.setSecure(secureCookies).setSameSite(CookieSameSite.LAX);
  }

  private String cookieName(String provider) {
    return oauth.postsBack(provider) ? CROSS_SITE_BINDING_COOKIE : BINDING_COOKIE;
  }
}
