package com.jobswipe.auth;

import com.jobswipe.bus.Bus;
import com.jobswipe.config.AppConfig;
import com.jobswipe.crypto.DataKeyRing;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

/** Accounts, assembled: what the API verticle mounts, and the authentication later routes put in front. */
public final class AuthFeature {

  /** Accounts each api instance remembers for authentication, and for how long at most (see {@link KnownUsers}). */
  private static final int KNOWN_USERS = 20_000;
  private static final Duration KNOWN_USERS_MAX_AGE = Duration.ofSeconds(10);

  private final Authn authn;
  private final AuthRoutes routes;

  public AuthFeature(Vertx vertx, Pool pool, AppConfig config, JwtKeys jwtKeys, DataKeyRing dataKeys,
                     Function<RoutingContext, String> clientIp, Authn.FailedAttempts failedAttempts) {
    AuthStore store = new AuthStore(pool);
    TokenService tokens = new TokenService(vertx, config.auth(), jwtKeys);
    AccountService accounts = new AccountService(vertx, store, tokens, new PasswordHasher(config.auth().argon2()),
        new PasswordPolicy(), new Mailer(vertx.eventBus()), config.auth(), config.accounts());
    MfaService mfa = new MfaService(store, dataKeys, tokens, accounts);
    ApiKeyService apiKeys = new ApiKeyService(store);
    OAuthLogin oauth = new OAuthLogin(vertx, store, accounts, config.oauth(), config.auth().publicUrl());
    KnownUsers users = new KnownUsers(KNOWN_USERS, KNOWN_USERS_MAX_AGE);
    Bus.USER_CHANGED.subscribe(vertx.eventBus(), changed -> users.forget(UUID.fromString(changed.userId())));
    this.authn = new Authn(tokens, apiKeys, store, failedAttempts, users);
    this.routes = new AuthRoutes(accounts, mfa, apiKeys, oauth, authn, clientIp);
  }

  public Authn authn() {
    return authn;
  }

  public void mount(Router router, Handler<RoutingContext> credentialLimit, Handler<RoutingContext> userLimit) {
    routes.mount(router, credentialLimit, userLimit);
  }
}
