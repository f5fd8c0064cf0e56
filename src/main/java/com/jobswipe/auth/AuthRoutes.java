package com.jobswipe.auth;

import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.edge.Replies;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Function;

/**
 * {@code /v1/auth/*} and {@code /v1/me}. Handlers only parse, call a service and
 * answer; every rule lives in the services.
 */
public final class AuthRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(AuthRoutes.class);

  private final AccountService accounts;
  private final MfaService mfa;
  private final OAuthRoutes oauth;
  private final Authn authn;
  private final Function<RoutingContext, String> clientIp;

  AuthRoutes(AccountService accounts, MfaService mfa, OAuthRoutes oauth, Authn authn,
             Function<RoutingContext, String> clientIp) {
    this.accounts = accounts;
    this.mfa = mfa;
    this.oauth = oauth;
    this.authn = authn;
    this.clientIp = clientIp;
  }

  /**
   * @param credentialLimit quota for routes that take a secret (per IP and per account; fails closed)
   * @param userLimit quota per signed-in caller (fails open)
   */
  public void mount(Router router, Handler<RoutingContext> credentialLimit, Handler<RoutingContext> userLimit) {
    router.post("/v1/auth/register").handler(credentialLimit).handler(this::register);
    router.post("/v1/auth/login").handler(credentialLimit).handler(this::login);
    // Refresh and logout take a 256-bit secret nobody can guess, so only the anonymous per-IP quota applies:
    // users behind one NAT must not share five refreshes a minute.
    router.post("/v1/auth/refresh").handler(this::refresh);
    router.post("/v1/auth/logout").handler(this::logout);
    router.post("/v1/auth/mfa/verify").handler(credentialLimit).handler(this::mfaVerify);
    router.post("/v1/auth/verify-email").handler(credentialLimit).handler(this::verifyEmail);
    router.post("/v1/auth/password/forgot").handler(credentialLimit).handler(this::forgotPassword);
    router.post("/v1/auth/password/reset").handler(credentialLimit).handler(this::resetPassword);
    oauth.mount(router, credentialLimit);

    Handler<RoutingContext> signedIn = authn.required();
    router.get("/v1/me").handler(signedIn).handler(userLimit).handler(Authn.usersOnly()).handler(this::me);
    router.post("/v1/auth/verify-email/resend").handler(signedIn).handler(userLimit).handler(Authn.usersOnly())
        .handler(this::resendVerification);
    router.get("/v1/auth/sessions").handler(signedIn).handler(userLimit).handler(Authn.usersOnly())
        .handler(this::sessions);
    router.delete("/v1/auth/sessions/:id").handler(signedIn).handler(userLimit).handler(Authn.usersOnly())
        .handler(this::revokeSession);
    // Re-authentication: limited like sign-in, per client and per account (the caller's), since it takes a secret.
    router.post("/v1/auth/step-up").handler(signedIn).handler(credentialLimit).handler(Authn.usersOnly())
        .handler(this::stepUp);

    // Sensitive acts: a stolen access token alone must not lock the owner out or take their data.
    Handler<RoutingContext> recent = Authn.recentlyAuthenticated();
    router.post("/v1/auth/password/change").handler(signedIn).handler(userLimit).handler(Authn.usersOnly())
        .handler(recent).handler(this::changePassword);
    router.post("/v1/auth/mfa/enroll").handler(signedIn).handler(userLimit).handler(Authn.usersOnly())
        .handler(recent).handler(this::mfaEnroll);
    router.post("/v1/auth/mfa/confirm").handler(signedIn).handler(userLimit).handler(Authn.usersOnly())
        .handler(recent).handler(this::mfaConfirm);
    router.post("/v1/auth/mfa/disable").handler(signedIn).handler(userLimit).handler(Authn.usersOnly())
        .handler(recent).handler(this::mfaDisable);
    router.post("/v1/auth/mfa/backup-codes").handler(signedIn).handler(userLimit).handler(Authn.usersOnly())
        .handler(recent).handler(this::mfaBackupCodes);
  }

  /** How {@link #accountKey} names an account by its id rather than its email. */
  static final String USER_KEY_PREFIX = "user:";

  /**
   * The account a request for the per-account quota names: the email in the body, when there is one (see
   * {@link AccountQuota} for the bucket within it).
   */
  public static Optional<String> accountKey(RoutingContext ctx) {
    try {
      Object body = ctx.body().asJsonObject();
      if (body instanceof JsonObject json && json.getValue("email") instanceof String email) {
        return Optional.of(AccountService.normalizeEmail(email));
      }
      if (body instanceof JsonObject json && json.getValue("mfaToken") instanceof String mfaToken) {
        // The second step is limited per account too: its subject, read without checking the signature (the
        // route checks it). A forged subject can only spend that account's quota, which it needs its id to name.
        return TokenService.subjectOf(mfaToken).map(subject -> USER_KEY_PREFIX + subject);
      }
      if (Authn.principalKey(ctx).isPresent()) {
        // A signed-in caller re-authenticating: guesses are counted against the account whatever the client.
        return Authn.principalKey(ctx).map(user -> USER_KEY_PREFIX + user);
      }
    } catch (RuntimeException notJson) {
      // Malformed bodies are refused by the route's schema; they simply have no account key.
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- public

  private void register(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 201, accounts.register(body.getString("email"), body.getString("password"), info(ctx)));
  }

  private void login(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 200, accounts.login(body.getString("email"), body.getString("password"), info(ctx)));
  }

  private void refresh(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 200, accounts.refresh(body.getString("refreshToken"), info(ctx)));
  }

  private void logout(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.noContent(ctx, accounts.logout(body.getString("refreshToken"), info(ctx)));
  }

  private void mfaVerify(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 200, mfa.verify(body.getString("mfaToken"), body.getString("code"), info(ctx)));
  }

  private void verifyEmail(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.noContent(ctx, accounts.verifyEmail(body.getString("token"), info(ctx)));
  }

  /**
   * Answers before looking the address up: an unknown, a locked and a real account are answered after the same
   * work (none), so the answer's timing tells nothing. The link is sent, or the request audited, afterwards.
   */
  private void forgotPassword(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    RequestInfo request = info(ctx);
    Replies.json(ctx, 202, new JsonObject().put("status", "If the address has an account, a reset link is on its way"));
    accounts.forgotPassword(body.getString("email"), request)
        .onFailure(e -> LOG.error("password reset request not handled", e));
  }

  private void resetPassword(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.noContent(ctx, accounts.resetPassword(body.getString("token"), body.getString("password"),
        Optional.ofNullable(body.getString("code")), info(ctx)));
  }

  // ---------------------------------------------------------------- signed in

  private void me(RoutingContext ctx) {
    Replies.json(ctx, 200, accounts.me(Authn.principal(ctx).requireUser()));
  }

  private void resendVerification(RoutingContext ctx) {
    accounts.resendVerification(Authn.principal(ctx).requireUser())
        .onSuccess(done -> Replies.json(ctx, 202, new JsonObject().put("status", "sent if unverified")))
        .onFailure(ctx::fail);
  }

  private void sessions(RoutingContext ctx) {
    accounts.sessions(Authn.principal(ctx).requireUser())
        .onSuccess(list -> Replies.json(ctx, 200, new JsonObject().put("items", list)))
        .onFailure(ctx::fail);
  }

  private void revokeSession(RoutingContext ctx) {
    Replies.noContent(ctx, accounts.revokeSession(Authn.principal(ctx), Replies.uuidParam(ctx, "id"), info(ctx)));
  }

  private void stepUp(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    String password = body.getString("password");
    String code = body.getString("code");
    if ((password == null) == (code == null)) {
      throw new Problem(ProblemType.VALIDATION, "Send either the password or a second-factor code",
          new JsonObject().put("errors", new io.vertx.core.json.JsonArray().add(new JsonObject()
              .put("field", "password").put("message", "send exactly one of password and code"))));
    }
    Principal principal = Authn.principal(ctx);
    Replies.json(ctx, 200, password != null
        ? accounts.stepUpWithPassword(principal, password, info(ctx))
        : mfa.stepUp(principal, code, info(ctx)));
  }

  private void changePassword(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.noContent(ctx, accounts.changePassword(Authn.principal(ctx), body.getString("password"), info(ctx)));
  }

  private void mfaEnroll(RoutingContext ctx) {
    Replies.json(ctx, 200, mfa.enroll(Authn.principal(ctx).requireUser(), info(ctx)));
  }

  private void mfaConfirm(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 200, mfa.confirm(Authn.principal(ctx).requireUser(), body.getString("code"), info(ctx)));
  }

  private void mfaDisable(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.noContent(ctx, mfa.disable(Authn.principal(ctx).requireUser(), body.getString("code"), info(ctx)));
  }

  private void mfaBackupCodes(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 200, mfa.regenerateBackupCodes(Authn.principal(ctx).requireUser(), body.getString("code"),
        info(ctx)));
  }

  // ---------------------------------------------------------------- helpers

  private RequestInfo info(RoutingContext ctx) {
    return RequestInfo.of(ctx, clientIp);
  }

}
