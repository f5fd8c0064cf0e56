package com.jobswipe.auth;

import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Checks a user's second factor: a current TOTP code (RFC 6238, ±1 step, never the same step twice) or one of
 * their single-use backup codes. Each check that passes spends what it used, within the caller's transaction.
 */
final class SecondFactor {

  private final AuthStore store;
  private final DataKeyRing keys;

  SecondFactor(AuthStore store, DataKeyRing keys) {
    this.store = store;
    this.keys = keys;
  }

  /** A 6-digit code is tried as TOTP, anything else as a backup code; false for a user without MFA. */
  Future<Boolean> check(SqlClient tx, UserRow user, String code) {
    if (!user.mfaEnabled()) {
      return Future.succeededFuture(false);
    }
    String trimmed = code.replace(" ", "");
    if (trimmed.matches("\\d{6}")) {
      return totp(tx, user, trimmed);
    }
    return store.useBackupCode(tx, user.id(), BackupCodes.hash(code));
  }

  /** A TOTP code from the user's secret (enabled or pending enrolment). */
  Future<Boolean> totp(SqlClient tx, UserRow user, String code) {
    byte[] secret = keys.decrypt(user.mfaSecret().orElseThrow(), context(user.id()));
    OptionalLong step = Totp.verify(secret, code, Instant.now(), user.mfaLastUsedStep());
    if (step.isEmpty()) {
      return Future.succeededFuture(false);
    }
    return store.useTotpStep(tx, user.id(), step.getAsLong());
  }

  /** Binds the ciphertext to its row and column: copied onto another user it does not decrypt. */
  static String context(UUID userId) {
    return EncryptedColumn.MFA_SECRET.context(userId);
  }
}
