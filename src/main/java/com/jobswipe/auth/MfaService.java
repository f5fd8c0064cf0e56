package com.jobswipe.auth;

import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * TOTP second factor (RFC 6238, ±1 step, no replay) with ten single-use backup codes. The TOTP secret is
 * stored encrypted, bound to its user; backup codes only as hashes, shown once.
 */
public final class MfaService {

  static final int BACKUP_CODES = 10;
  private static final String ISSUER = "JobSwipe";
  /** A wrong code from a signed-in user is a form error (400), not an authentication failure. */
  private static final Problem WRONG_CODE = AccountService.WRONG_CODE;

  private final AuthStore store;
  private final DataKeyRing keys;
  private final TokenService tokens;
  private final AccountService accounts;
  private final SecondFactor secondFactor;

  MfaService(AuthStore store, DataKeyRing keys, TokenService tokens, AccountService accounts,
             SecondFactor secondFactor) {
    this.store = store;
    this.keys = keys;
    this.tokens = tokens;
    this.accounts = accounts;
    this.secondFactor = secondFactor;
  }

  /** Starts enrolment: a fresh secret, pending until {@link #confirm} sees a code made from it. */
  public Future<JsonObject> enroll(UUID userId, RequestInfo request) {
    return user(userId).compose(user -> {
      if (user.mfaEnabled()) {
        return Future.failedFuture(new Problem(ProblemType.CONFLICT, "Two-factor sign-in is already on"));
      }
      byte[] secret = Totp.newSecret();
      return store.setPendingMfa(userId, keys.encrypt(secret, context(userId)), keys.currentKeyId())
          .compose(done -> store.audit(userId, "mfa.enroll-started", request, null))
          .map(done -> new JsonObject()
              .put("secret", Totp.base32(secret))
              .put("otpauthUri", Totp.otpauthUri(ISSUER, user.email(), secret)));
    });
  }

  /** Turns MFA on once the user proves the authenticator works; answers the backup codes, shown only now. */
  public Future<JsonObject> confirm(UUID userId, String code, RequestInfo request) {
    return user(userId).compose(user -> {
      if (user.mfaEnabled()) {
        return Future.failedFuture(new Problem(ProblemType.CONFLICT, "Two-factor sign-in is already on"));
      }
      if (user.mfaSecret().isEmpty()) {
        return Future.failedFuture(new Problem(ProblemType.CONFLICT, "Start with /v1/auth/mfa/enroll"));
      }
      List<String> codes = BackupCodes.generate(BACKUP_CODES);
      return store.pool().withTransaction(tx -> secondFactor.totp(tx, user, code)
              .compose(ok -> ok ? store.enableMfa(tx, userId) : Future.failedFuture(WRONG_CODE))
              .compose(done -> store.replaceBackupCodes(tx, userId, codes.stream().map(BackupCodes::hash).toList())))
          .compose(done -> store.audit(userId, "mfa.enabled", request, null))
          .compose(done -> accounts.tellOwner(userId, "mfa-changed", new JsonObject().put("enabled", true)))
          .map(done -> new JsonObject().put("enabled", true).put("backupCodes", new JsonArray(codes)));
    });
  }

  /** Turns MFA off; needs a current TOTP or a backup code. */
  public Future<Void> disable(UUID userId, String code, RequestInfo request) {
    return enabledUser(userId).compose(user -> store.pool().withTransaction(tx -> secondFactor.check(tx, user, code)
            .compose(ok -> ok ? store.disableMfa(tx, userId) : Future.failedFuture(WRONG_CODE))))
        .compose(done -> store.audit(userId, "mfa.disabled", request, null))
        .compose(done -> accounts.tellOwner(userId, "mfa-changed", new JsonObject().put("enabled", false)));
  }

  /** Replaces every backup code; needs a current TOTP code. */
  public Future<JsonObject> regenerateBackupCodes(UUID userId, String code, RequestInfo request) {
    List<String> codes = BackupCodes.generate(BACKUP_CODES);
    return enabledUser(userId).compose(user -> store.pool().withTransaction(tx -> secondFactor.totp(tx, user, code)
            .compose(ok -> ok
                ? store.replaceBackupCodes(tx, userId, codes.stream().map(BackupCodes::hash).toList())
                : Future.failedFuture(WRONG_CODE))))
        .compose(done -> store.audit(userId, "mfa.backup-codes-regenerated", request, null))
        .map(done -> new JsonObject().put("backupCodes", new JsonArray(codes)));
  }

  /** The second sign-in step: the {@code mfaToken} from login plus a TOTP or backup code. */
  public Future<JsonObject> verify(String mfaToken, String code, RequestInfo request) {
    return tokens.verify(mfaToken, TokenService.Use.MFA)
        .recover(e -> Future.failedFuture(new Problem(ProblemType.INVALID_TOKEN, "Sign in again")))
        .compose(claims -> enabledUser(UUID.fromString(claims.getString("sub"))).compose(user ->
            accounts.lockedOut(user, request).compose(locked -> {
          if (locked) {
            accounts.signIns().signIn("mfa", "locked");
            return Future.failedFuture(AccountService.INVALID_CREDENTIALS);
          }
          // The step's token is spent with the code that passes, in one transaction: a token (stolen with a
          // password) that has signed in once cannot sign in again, however many codes come with it.
          return store.pool().withTransaction(tx -> secondFactor.check(tx, user, code).compose(ok -> !ok
                  ? Future.succeededFuture(false)
                  : store.spendToken(tx, UUID.fromString(claims.getString("jti")),
                          Instant.ofEpochSecond(claims.getLong("exp")))
                      .map(spent -> {
                        if (!spent) {
                          throw new Problem(ProblemType.INVALID_TOKEN, "Sign in again");
                        }
                        return true;
                      })))
              .compose(ok -> {
                accounts.signIns().signIn("mfa", ok ? "ok" : "mfa-failed");
                return ok
                    ? accounts.succeeded(user, "login.success.mfa", request, Proof.fromClaims(claims).withSecondFactor())
                    : accounts.failure(user, "login.mfa-failure", request);
              });
        })));
  }

  /**
   * Step-up with a current second factor (TOTP or a backup code): a new access token of the caller's session whose
   * {@code auth_time} is now. Like a wrong password there, a wrong code is not counted towards the lockout.
   */
  public Future<JsonObject> stepUp(Principal principal, String code, RequestInfo request) {
    return accounts.signedInUser(principal).compose(user -> {
      if (!user.mfaEnabled()) {
        return Future.failedFuture(new Problem(ProblemType.CONFLICT,
            "Two-factor sign-in is off; confirm with the password"));
      }
      return store.pool().withTransaction(tx -> secondFactor.check(tx, user, code))
          .compose(ok -> ok
              ? accounts.steppedUp(user, principal, Proof.now(Proof.MFA), request)
              : accounts.stepUpRefused(user, request));
    });
  }

  private Future<UserRow> enabledUser(UUID userId) {
    return user(userId).compose(user -> user.mfaEnabled()
        ? Future.succeededFuture(user)
        : Future.failedFuture(new Problem(ProblemType.CONFLICT, "Two-factor sign-in is off")));
  }

  private Future<UserRow> user(UUID userId) {
    return store.userById(store.pool(), userId).compose(user -> user.isEmpty()
        ? Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED, "The account no longer exists"))
        : Future.succeededFuture(user.get()));
  }

  static String context(UUID userId) {
    return SecondFactor.context(userId);
  }
}
