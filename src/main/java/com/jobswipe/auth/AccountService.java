package com.jobswipe.auth;

import com.jobswipe.bus.AccountMessages.UserChanged;
import com.jobswipe.bus.Bus;
import com.jobswipe.config.AccountsConfig;
import com.jobswipe.config.AuthConfig;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Accounts and sessions: registration, password sign-in with lockout, the refresh-token rotation chain,
 * email verification and password reset. Password hashing runs on worker threads.
 */
public final class AccountService {

  static final Problem INVALID_CREDENTIALS = new Problem(ProblemType.INVALID_CREDENTIALS,
      "Wrong email or password, or the account is temporarily locked");
  /**
   * A wrong secret from a signed-in user is a form error (400), not an authentication failure: clients treat a
   * 401 as "signed out".
   */
  static final Problem WRONG_SECRET = new Problem(ProblemType.VALIDATION, "The password or code is not valid",
      new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("field", "password")
          .put("message", "is not valid")).add(new JsonObject().put("field", "code").put("message", "is not valid"))));
  static final Problem WRONG_CODE = new Problem(ProblemType.VALIDATION, "The code is not valid",
      new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("field", "code")
          .put("message", "is not a valid code"))));
  static final String UNKNOWN_CLIENT = "unknown";
  static final Problem INVALID_REFRESH = new Problem(ProblemType.INVALID_TOKEN,
      "The refresh token is not valid; sign in again");

  private final Vertx vertx;
  private final AuthStore store;
  private final TokenService tokens;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final LockoutPolicy lockout;
  private final Mailer mailer;
  private final AuthConfig config;
  private final AccountsConfig accounts;
  private final AuthMemory memory;
  private final SecondFactor secondFactor;
  private final Counter passwordChecks;
  private final SignInMetrics signIns;
  /** Verified against when the account does not exist, so both answers take as long. */
  private final Future<String> decoyHash;

  AccountService(Vertx vertx, AuthStore store, TokenService tokens, PasswordHasher hasher, PasswordPolicy policy,
                 Mailer mailer, AuthConfig config, AccountsConfig accounts, AuthMemory memory,
                 SecondFactor secondFactor, MeterRegistry metrics) {
    this.vertx = vertx;
    this.store = store;
    this.tokens = tokens;
    this.hasher = hasher;
    this.policy = policy;
    this.lockout = new LockoutPolicy(config.lockout());
    this.mailer = mailer;
    this.config = config;
    this.accounts = accounts;
    this.memory = memory;
    this.secondFactor = secondFactor;
    this.passwordChecks = Counter.builder("jobswipe_auth_password_verifications")
        .description("Argon2 password verifications, decoys for unknown or locked accounts included")
        .register(metrics);
    this.signIns = new SignInMetrics(metrics);
    this.decoyHash = blocking(() -> hasher.hash(OpaqueTokens.generate("")));
  }

  // ---------------------------------------------------------------- registration

  public Future<JsonObject> register(String rawEmail, String password, RequestInfo request) {
    String email = normalizeEmail(rawEmail);
    requireAcceptable(password, email);
    // Admin addresses prove themselves through a delivered link even where verification is off: only verifyEmail
    // proves an address (see AccountsConfig#isAdmin), so they are sent one.
    boolean verified = "off".equals(accounts.emailVerification()) && !accounts.adminEmails().contains(email);
    return blocking(() -> hasher.hash(password))
        .compose(hash -> store.insertUser(store.pool(), email, hash, verified))
        .compose(user -> store.audit(user.id(), "register", request, null)
            .compose(done -> verified ? Future.succeededFuture() : sendVerification(user))
            .compose(done -> startSession(store.pool(), user, request, Proof.now(Proof.PASSWORD))));
  }

  private Future<Void> sendVerification(UserRow user) {
    String token = OpaqueTokens.generate("ev_");
    return store.insertEmailToken(user.id(), "verify_email", OpaqueTokens.hash(token),
            Instant.now().plus(config.verifyEmailTtl()))
        .compose(done -> mailer.sendQuietly(user.id(), user.email(), "verify-email", new JsonObject()
            .put("link", link("/verify-email", token)).put("token", token)
            .put("expiresIn", human(config.verifyEmailTtl()))));
  }

  /**
   * Sends a verification link to an unverified address, or to a listed admin address that a sign-in provider
   * verified but no delivered link has proven yet (admin needs the link).
   */
  public Future<Void> resendVerification(UUID userId) {
    return store.userById(store.pool(), userId).compose(user -> {
      boolean adminToProve = user.isPresent() && !user.get().emailProven()
          && accounts.adminEmails().contains(user.get().email());
      if (user.isEmpty() || user.get().emailVerified() && !adminToProve) {
        return Future.succeededFuture();
      }
      return sendVerification(user.get());
    });
  }

  public Future<Void> verifyEmail(String token, RequestInfo request) {
    return store.pool().withTransaction(tx -> store.consumeEmailToken(tx, "verify_email", OpaqueTokens.hash(token))
            .compose(userId -> userId.isEmpty()
                ? Future.failedFuture(new Problem(ProblemType.INVALID_TOKEN, "The link is invalid or has expired"))
                : store.userById(tx, userId.get()))
            .compose(user -> {
              UserRow u = user.orElseThrow(() -> new Problem(ProblemType.INVALID_TOKEN, "No such account"));
              return store.markProven(tx, u.id()).map(u);
            }))
        .onSuccess(user -> announceChanged(user.id()))
        .compose(user -> store.audit(user.id(), "email.verified", request, null));
  }

  /** Tells every api instance to read the account afresh (its role may have changed, or it is gone). */
  void announceChanged(UUID userId) {
    Bus.USER_CHANGED.publish(vertx.eventBus(), new UserChanged(userId.toString()));
  }

  // ---------------------------------------------------------------- sign-in

  /** Either a session, or {@code {mfaRequired: true, mfaToken}} when a second factor is due. */
  public Future<JsonObject> login(String rawEmail, String password, RequestInfo request) {
    String email = normalizeEmail(rawEmail);
    return store.userByEmail(store.pool(), email).compose(found -> {
      if (found.isEmpty()) {
        signIns.signIn("password", "unknown-account");
        return decoy(password).compose(done -> store.audit(null, "login.unknown-account", request, null))
            .compose(done -> Future.failedFuture(INVALID_CREDENTIALS));
      }
      UserRow user = found.get();
      return lockedOut(user, request).compose(locked -> {
        if (locked) {
          signIns.signIn("password", "locked");
          // Refused without looking at the password (guesses during a lock teach the attacker nothing), yet after
          // the same Argon2 work as any other answer: a quick refusal would tell which accounts are locked.
          return decoy(password).compose(done -> store.audit(user.id(), "login.locked", request, null))
              .compose(done -> Future.failedFuture(INVALID_CREDENTIALS));
        }
        if (user.passwordHash().isEmpty()) {
          signIns.signIn("password", "no-password");
          return decoy(password).compose(done -> store.audit(user.id(), "login.no-password", request, null))
              .compose(done -> Future.failedFuture(INVALID_CREDENTIALS));
        }
        String stored = user.passwordHash().get();
        return verify(stored, password).compose(ok -> {
          if (!ok) {
            signIns.signIn("password", "bad-password");
            return failure(user, "login.failure", request);
          }
          return passwordAccepted(user, stored, password, request).onSuccess(reply ->
              signIns.signIn("password", reply.getBoolean("mfaRequired", false) ? "mfa-required" : "ok"));
        });
      });
    });
  }

  /**
   * Whether this client may not try to sign in to this account now. A client locked out by its own failures is
   * refused; an account-wide lock (every client's failures together) refuses only clients whose network never
   * completed a sign-in to the account. So guesses from many addresses lock strangers out, while the owner on a
   * network they signed in from before still gets in — and a reset link clears every lock.
   */
  Future<Boolean> lockedOut(UserRow user, RequestInfo request) {
    String client = clientKey(request.ip());
    return store.clientLocked(user.id(), client).compose(clientLocked -> {
      if (clientLocked || !user.lockedAt(Instant.now())) {
        return Future.succeededFuture(clientLocked);
      }
      return client.equals(UNKNOWN_CLIENT) ? Future.succeededFuture(true)
          : store.knownClient(user.id(), request.ip()).map(known -> !known);
    });
  }

  /** The client as the lockout counts it: its IPv4 address, or the /64 network of its IPv6 address. */
  static String clientKey(String ip) {
    if (ip != null && NetUtil.isValidIpV4Address(ip)) {
      return ip;
    }
    byte[] address = ip == null || !NetUtil.isValidIpV6Address(ip) ? null
        : NetUtil.createByteArrayFromIpAddressString(ip);
    if (address == null || address.length != 16) {
      return UNKNOWN_CLIENT;
    }
    java.util.Arrays.fill(address, 8, 16, (byte) 0);
    return NetUtil.bytesToIpAddress(address) + "/64";
  }

  private Future<JsonObject> passwordAccepted(UserRow user, String stored, String password, RequestInfo request) {
    Future<Void> rehash = hasher.needsRehash(stored)
        ? blocking(() -> hasher.hash(password)).compose(fresh -> store.setPassword(store.pool(), user.id(), fresh))
        : Future.succeededFuture();
    return rehash.compose(done -> firstFactorPassed(user, "login.success", request, Proof.now(Proof.PASSWORD)));
  }

  /** After a password or an OAuth provider vouched for the user: the second step when MFA is on, else a session. */
  Future<JsonObject> firstFactorPassed(UserRow user, String event, RequestInfo request, Proof firstFactor) {
    if (user.mfaEnabled()) {
      return store.audit(user.id(), event + ".mfa-required", request, null)
          .map(v -> new JsonObject().put("mfaRequired", true).put("mfaToken", tokens.issueMfa(user.id(), firstFactor)));
    }
    return succeeded(user, event, request, firstFactor);
  }

  /** A completed sign-in (password, second factor or OAuth): counters reset, a new session starts. */
  Future<JsonObject> succeeded(UserRow user, String event, RequestInfo request, Proof proof) {
    return store.recordSuccess(user.id())
        .compose(done -> store.clearClientFailures(user.id(), clientKey(request.ip())))
        .compose(done -> store.audit(user.id(), event, request, null))
        .compose(done -> store.seenDevice(user.id(), request.userAgent()))
        .compose(seen -> seen ? Future.succeededFuture() : mailer.sendQuietly(user.id(), user.email(), "new-sign-in",
            new JsonObject().put("device", Optional.ofNullable(request.userAgent()).orElse("unknown device"))
                .put("at", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())))
        .compose(done -> startSession(store.pool(), user, request, proof));
  }

  /** The sign-in counters, for the second step ({@link MfaService}). */
  SignInMetrics signIns() {
    return signIns;
  }

  /** Account security mail to the account's own address (password or second factor changed). */
  Future<Void> tellOwner(UUID userId, String template, JsonObject params) {
    return store.userById(store.pool(), userId).compose(user -> user.isEmpty() ? Future.succeededFuture()
        : mailer.sendQuietly(userId, user.get().email(), template, params));
  }

  /**
   * Counts a failed attempt (password or second factor) towards the lockout, of the account and of this client, and
   * answers 401.
   */
  <T> Future<T> failure(UserRow user, String event, RequestInfo request) {
    Instant now = Instant.now();
    String client = clientKey(request.ip());
    return store.recordClientFailure(user.id(), client, lockout, now)
        .compose(byClient -> store.recordFailure(user.id(), lockout, now).map(after -> new Failures(after, byClient)))
        .compose(failures -> {
          LockoutPolicy.AfterFailure after = failures.account();
          JsonObject detail = new JsonObject().put("failures", after.failedCount());
          after.lockedUntil().ifPresent(until -> {
            signIns.lockedOut("account");
            detail.put("lockedUntil", until.toString()).put("level", after.level());
          });
          failures.client().lockedUntil().ifPresent(until -> {
            signIns.lockedOut("client");
            detail.put("client", client).put("clientLockedUntil", until.toString());
          });
          return store.audit(user.id(), event, request, detail)
              .compose(done -> after.lockedUntil().isPresent()
                  ? store.audit(user.id(), "account.locked", request, detail) : Future.succeededFuture())
              .compose(done -> Future.failedFuture(INVALID_CREDENTIALS));
        });
  }

  Future<JsonObject> startSession(SqlClient client, UserRow user, RequestInfo request, Proof proof) {
    return issue(client, user, UUID.randomUUID(), null, request, proof);
  }

  /**
   * A refresh token of session {@code familyId} and an access token with it. The proof travels with the session:
   * a refreshed access token says when the secret was entered, never when it was refreshed.
   */
  private Future<JsonObject> issue(SqlClient client, UserRow user, UUID familyId, UUID parentId,
                                   RequestInfo request, Proof proof) {
    String refresh = OpaqueTokens.generate("rt_");
    return store.insertRefresh(client, user.id(), familyId, parentId, OpaqueTokens.hash(refresh),
            Instant.now().plus(config.refreshTokenTtl()), request, proof)
        .map(done -> new JsonObject()
            .put("accessToken", tokens.issueAccess(user.id(), roleOf(user), familyId, proof))
            .put("refreshToken", refresh)
            .put("tokenType", "Bearer")
            .put("expiresIn", tokens.accessTtlSeconds())
            .put("user", user.toJson(accounts)));
  }

  /**
   * Re-authentication within a live session: the password, or a current second factor (TOTP or backup code),
   * answers a new access token of the same session whose {@code auth_time} is now. A wrong secret is not counted
   * towards the lockout — whoever holds a stolen access token could otherwise lock the owner out — the route's
   * per-account quota bounds the guessing instead.
   */
  public Future<JsonObject> stepUpWithPassword(Principal principal, String password, RequestInfo request) {
    return signedInUser(principal).compose(user -> {
      if (user.passwordHash().isEmpty()) {
        return decoy(password).compose(done -> Future.failedFuture(new Problem(ProblemType.CONFLICT,
            "This account signs in through a provider and has no password; confirm with a second factor, or"
                + " sign in again")));
      }
      String stored = user.passwordHash().get();
      return verify(stored, password).compose(ok -> ok
          ? steppedUp(user, principal, Proof.now(Proof.PASSWORD), request)
          : stepUpRefused(user, request));
    });
  }

  /** The answer of a step-up that passed: a fresh access token of the caller's session. */
  Future<JsonObject> steppedUp(UserRow user, Principal principal, Proof proof, RequestInfo request) {
    UUID session = principal.sessionId().orElseThrow();
    return store.audit(user.id(), "step-up", request, new JsonObject().put("session", session.toString())
            .put("amr", new JsonArray(proof.methods())))
        .map(done -> new JsonObject()
            .put("accessToken", tokens.issueAccess(user.id(), roleOf(user), session, proof))
            .put("tokenType", "Bearer")
            .put("expiresIn", tokens.accessTtlSeconds()));
  }

  <T> Future<T> stepUpRefused(UserRow user, RequestInfo request) {
    return store.audit(user.id(), "step-up.failure", request, null)
        .compose(done -> Future.failedFuture(WRONG_SECRET));
  }

  Future<UserRow> signedInUser(Principal principal) {
    return store.userById(store.pool(), principal.requireUser()).compose(user -> user.isEmpty()
        ? Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED, "The account no longer exists"))
        : Future.succeededFuture(user.get()));
  }

  // ---------------------------------------------------------------- refresh and sign-out

  /**
   * Rotates a refresh token. Presenting one that was already rotated or revoked means two parties hold it:
   * the whole family (every token descended from that sign-in) is revoked.
   */
  public Future<JsonObject> refresh(String refreshToken, RequestInfo request) {
    byte[] hash = OpaqueTokens.hash(refreshToken);
    return store.pool().withTransaction(tx -> store.refreshForUpdate(tx, hash).compose(found -> {
      if (found.isEmpty() || found.get().expired()) {
        return Future.succeededFuture(Refreshed.invalid());
      }
      AuthStore.RefreshRow row = found.get();
      if (row.spent()) {
        return store.revokeFamily(tx, row.familyId(), "reuse-detected").map(ended -> Refreshed.reused(row, ended));
      }
      return store.markRotated(tx, row.id())
          .compose(done -> store.userById(tx, row.userId()))
          .compose(user -> user.isEmpty()
              ? Future.succeededFuture(Refreshed.invalid())
              : issue(tx, user.get(), row.familyId(), row.id(), request, row.proof()).map(Refreshed::ok));
    })).compose(outcome -> {
      if (outcome.session() != null) {
        return Future.succeededFuture(outcome.session());
      }
      if (outcome.reused() != null) {
        memory.endSessions(outcome.reused().userId(), outcome.ended());
        return store.audit(outcome.reused().userId(), "refresh.reuse-detected", request,
                new JsonObject().put("session", outcome.reused().familyId().toString()))
            .compose(done -> Future.failedFuture(INVALID_REFRESH));
      }
      return Future.failedFuture(INVALID_REFRESH);
    });
  }

  private record Refreshed(JsonObject session, AuthStore.RefreshRow reused, Set<UUID> ended) {
    static Refreshed ok(JsonObject session) {
      return new Refreshed(session, null, Set.of());
    }

    static Refreshed reused(AuthStore.RefreshRow row, Set<UUID> ended) {
      return new Refreshed(null, row, ended);
    }

    static Refreshed invalid() {
      return new Refreshed(null, null, Set.of());
    }
  }

  /**
   * Ends the session the refresh token belongs to, its access tokens included, on every node. Unknown tokens are
   * ignored: logout is idempotent.
   */
  public Future<Void> logout(String refreshToken, RequestInfo request) {
    return store.pool().withTransaction(tx -> store.refreshForUpdate(tx, OpaqueTokens.hash(refreshToken))
            .compose(found -> found.isEmpty()
                ? Future.succeededFuture(Optional.<AuthStore.RefreshRow>empty())
                : store.revokeFamily(tx, found.get().familyId(), "logout").map(ended -> found)))
        .compose(found -> {
          if (found.isEmpty()) {
            return Future.succeededFuture();
          }
          memory.endSessions(found.get().userId(), Set.of(found.get().familyId()));
          return store.audit(found.get().userId(), "logout", request, null);
        });
  }

  public Future<JsonArray> sessions(UUID userId) {
    return store.sessions(userId).map(JsonArray::new);
  }

  /** Revokes one session; owner or admin only, anyone else gets 404. */
  public Future<Void> revokeSession(Principal principal, UUID sessionId, RequestInfo request) {
    return store.sessionOwner(sessionId).compose(owner -> {
      if (owner.isEmpty()) {
        return Future.failedFuture(new Problem(ProblemType.NOT_FOUND, "No such session"));
      }
      Access.requireOwnerOrAdmin(principal, owner.get(), "session");
      return store.revokeFamily(store.pool(), sessionId, "revoked")
          .onSuccess(ended -> memory.endSessions(owner.get(), Set.of(sessionId)))
          .compose(ended -> store.audit(owner.get(), "session.revoked", request,
              new JsonObject().put("session", sessionId.toString())));
    });
  }

  public Future<JsonObject> me(UUID userId) {
    return store.userById(store.pool(), userId).compose(user -> user.isEmpty()
        ? Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED, "The account no longer exists"))
        : Future.succeededFuture(user.get().toJson(accounts)));
  }

  // ---------------------------------------------------------------- password reset

  /**
   * Whether the address has an account is nobody's business: the route answers before this work starts (see
   * AuthRoutes), so an unknown address is answered exactly as fast as a real or locked one.
   */
  public Future<Void> forgotPassword(String rawEmail, RequestInfo request) {
    String email = normalizeEmail(rawEmail);
    return store.userByEmail(store.pool(), email).compose(found -> {
      if (found.isEmpty()) {
        return store.audit(null, "password.reset-requested.unknown", request, null);
      }
      UserRow user = found.get();
      String token = OpaqueTokens.generate("pr_");
      return store.insertEmailToken(user.id(), "reset_password", OpaqueTokens.hash(token),
              Instant.now().plus(config.resetPasswordTtl()))
          .compose(done -> store.audit(user.id(), "password.reset-requested", request, null))
          .compose(done -> mailer.sendQuietly(user.id(), user.email(), "reset-password", new JsonObject()
              .put("link", link("/reset-password", token)).put("token", token)
              .put("expiresIn", human(config.resetPasswordTtl()))));
    });
  }

  /**
   * Sets a new password from a reset link, and signs every session out. The link proves the mailbox, not the second
   * factor: two-factor sign-in stays on, unless the reset also carries a current code or a backup code (the owner
   * who lost the authenticator), which turns it off. A wrong code refuses the reset and leaves the link unspent.
   * Every other reset link of the account dies with this one.
   */
  public Future<Void> resetPassword(String token, String password, Optional<String> code, RequestInfo request) {
    return store.pool().withTransaction(tx -> store.consumeEmailToken(tx, "reset_password", OpaqueTokens.hash(token))
            .compose(userId -> userId.isEmpty()
                ? Future.failedFuture(new Problem(ProblemType.INVALID_TOKEN, "The link is invalid or has expired"))
                : store.userById(tx, userId.get()))
            .compose(found -> {
              UserRow user = found.orElseThrow(() -> new Problem(ProblemType.INVALID_TOKEN, "No such account"));
              requireAcceptable(password, user.email());
              Future<Boolean> mfaOff = code.isEmpty() || !user.mfaEnabled()
                  ? Future.succeededFuture(false)
                  : secondFactor.check(tx, user, code.get()).compose(ok -> ok
                      ? store.disableMfa(tx, user.id()).map(true)
                      : Future.failedFuture(WRONG_CODE));
              return mfaOff.compose(disabled -> blocking(() -> hasher.hash(password))
                  .compose(hash -> store.setPassword(tx, user.id(), hash))
                  .compose(done -> store.clearAllClientFailures(tx, user.id()))
                  .compose(done -> store.spendEmailTokens(tx, user.id(), "reset_password"))
                  .compose(done -> store.revokeAllSessions(tx, user.id(), "password-reset"))
                  .map(ended -> {
                    // Committed only after this answer; ending them early at worst refuses a token a moment
                    // sooner than the database does.
                    memory.endSessions(user.id(), ended);
                    return new Reset(user, disabled);
                  }));
            }))
        .compose(reset -> store.audit(reset.user().id(), "password.reset", request,
                new JsonObject().put("mfaDisabled", reset.mfaDisabled()))
            .compose(done -> mailer.sendQuietly(reset.user().id(), reset.user().email(), "password-changed",
                new JsonObject())));
  }

  /** The lockout counters after one failure: the account's, and this client's against it. */
  private record Failures(LockoutPolicy.AfterFailure account, LockoutPolicy.AfterFailure client) {
  }

  private record Reset(UserRow user, boolean mfaDisabled) {
  }

  /**
   * A signed-in user sets a new password (the route asks for a recent step-up). Every other session ends; the one
   * making the change stays signed in.
   */
  public Future<Void> changePassword(Principal principal, String password, RequestInfo request) {
    UUID current = principal.sessionId().orElseThrow();
    return signedInUser(principal).compose(user -> {
      requireAcceptable(password, user.email());
      return blocking(() -> hasher.hash(password))
          .compose(hash -> store.pool().withTransaction(tx -> store.setPassword(tx, user.id(), hash)
              .compose(done -> store.spendEmailTokens(tx, user.id(), "reset_password"))
              .compose(done -> store.revokeOtherSessions(tx, user.id(), current, "password-changed"))))
          .compose(ended -> {
            memory.endSessions(user.id(), ended);
            return store.audit(user.id(), "password.changed", request, null);
          })
          .compose(done -> mailer.sendQuietly(user.id(), user.email(), "password-changed", new JsonObject()));
    });
  }

  // ---------------------------------------------------------------- helpers

  private void requireAcceptable(String password, String email) {
    List<String> problems = policy.violations(password, email);
    if (!problems.isEmpty()) {
      JsonArray errors = new JsonArray();
      problems.forEach(p -> errors.add(new JsonObject().put("field", "password").put("message", p)));
      throw new Problem(ProblemType.VALIDATION, "The password is not acceptable",
          new JsonObject().put("errors", errors));
    }
  }

  private String roleOf(UserRow user) {
    return user.role(accounts);
  }

  private Future<Void> decoy(String password) {
    return decoyHash.compose(hash -> verify(hash, password)).mapEmpty();
  }

  /**
   * Every password check goes through here, counted ({@code jobswipe_auth_password_verifications_total}): unknown,
   * locked, password-less and real accounts must each cost exactly one, so no answer is faster than another.
   */
  private Future<Boolean> verify(String stored, String password) {
    return blocking(() -> {
      passwordChecks.increment();
      return hasher.verify(stored, password);
    });
  }

  static String normalizeEmail(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }

  private String link(String path, String token) {
    return config.publicUrl().resolve(path) + "?token=" + token;
  }

  private static String human(Duration duration) {
    return duration.toHours() >= 1 ? duration.toHours() + " hours" : duration.toMinutes() + " minutes";
  }

  private <T> Future<T> blocking(java.util.concurrent.Callable<T> work) {
    return vertx.executeBlocking(work, false);
  }
}
