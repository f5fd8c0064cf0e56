package com.jobswipe.auth;

import com.jobswipe.config.AccountsConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A user as the accounts feature sees it. */
record UserRow(UUID id, String email, boolean emailVerified, boolean emailProven, Optional<String> passwordHash,
               Optional<byte[]> mfaSecret, boolean mfaEnabled, long mfaLastUsedStep, int failedLoginCount,
               Optional<Instant> lockedUntil, int lockoutLevel) {

  static final String COLUMNS = "id, email, email_verified_at, email_proven_at, password_hash, mfa_secret_enc,"
      + " mfa_enabled_at,"
      + " mfa_last_used_step, failed_login_count, locked_until, lockout_level";

  static UserRow from(Row row) {
    return new UserRow(
        row.getUUID("id"),
        row.getString("email"),
        row.getValue("email_verified_at") != null,
        row.getValue("email_proven_at") != null,
        Optional.ofNullable(row.getString("password_hash")),
        Optional.ofNullable(row.getBuffer("mfa_secret_enc")).map(b -> b.getBytes()),
        row.getValue("mfa_enabled_at") != null,
        row.getLong("mfa_last_used_step") == null ? -1 : row.getLong("mfa_last_used_step"),
        row.getInteger("failed_login_count"),
        Optional.ofNullable(row.getOffsetDateTime("locked_until")).map(OffsetDateTime::toInstant),
        row.getInteger("lockout_level"));
  }

  boolean lockedAt(Instant now) {
    return lockedUntil.map(now::isBefore).orElse(false);
  }

  /** The role this account has now: decided from the node's admin list, never stored (see AccountsConfig). */
  String role(AccountsConfig accounts) {
    return accounts.isAdmin(email, emailProven) ? Principal.ADMIN : Principal.USER;
  }

  /** What clients see of themselves. */
  JsonObject toJson(AccountsConfig accounts) {
    return new JsonObject()
        .put("id", id.toString())
        .put("email", email)
        .put("role", role(accounts))
        .put("emailVerified", emailVerified)
        .put("mfaEnabled", mfaEnabled);
  }
}
