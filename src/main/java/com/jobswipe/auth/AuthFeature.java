package com.jobswipe.auth;

import com.jobswipe.config.AppConfig;
import com.jobswipe.crypto.DataKeyRing;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.function.Function;

/** Accounts, assembled: what the API verticle mounts, and the authentication later routes put in front. */
public final class AuthFeature {

  private final Authn authn;
  private final AuthRoutes routes;
  private final AccountQuota accountQuota;
  private final ApiKeyService apiKeys;
  private final Function<RoutingContext, String> clientIp;

  public AuthFeature(Vertx vertx, Pool pool, AppConfig config, JwtKeys jwtKeys, DataKeyRing dataKeys,
                     AuthMemory memory, MeterRegistry metrics,
                     Function<RoutingContext, String> clientIp) {
    AuthStore store = new AuthStore(pool);
    TokenService tokens = new TokenService(vertx, config.auth(), jwtKeys, memory);
    SecondFactor secondFactor = new SecondFactor(store, dataKeys);
    AccountService accounts = new AccountService(vertx, store, tokens, new PasswordHasher(config.auth().argon2()),
        new PasswordPolicy(), new Mailer(vertx.eventBus()), config.auth(), config.accounts(), memory, secondFactor,
        metrics);
    MfaService mfa = new MfaService(store, dataKeys, tokens, accounts, secondFactor);
    this.apiKeys = new ApiKeyService(store);
    this.clientIp = clientIp;
    OAuthLogin oauth = new OAuthLogin(vertx, store, accounts, config.oauth(), config.auth().publicUrl(),
        dataKeys);
    this.authn = new Authn(tokens, apiKeys, store, memory, config.accounts());
    OAuthRoutes oauthRoutes = new OAuthRoutes(oauth,
        ctx -> RequestInfo.of(ctx, clientIp),
        "https".equals(config.auth().publicUrl().getScheme()));
    this.routes = new AuthRoutes(accounts, mfa, oauthRoutes, authn, clientIp);
    this.accountQuota = new AccountQuota(store, clientIp);
  }

  public Authn authn() {
    return authn;
  }

  /** Picks the per-account quota's bucket (the owner's known networks apart from everyone else). */
  public AccountQuota accountQuota() {
    return accountQuota;
  }

  /** Service keys, for the operators' routes that issue and revoke them. */
  public ApiKeyService apiKeys() {
    return apiKeys;
  }

  /** Where a request came from, as the account records and the audit trail keep it. */
  public RequestInfo requestInfo(RoutingContext ctx) {
    return RequestInfo.of(ctx, clientIp);
  }

  public void mount(Router router, Handler<RoutingContext> credentialLimit, Handler<RoutingContext> userLimit) {
    routes.mount(router, credentialLimit, userLimit);
  }
}
