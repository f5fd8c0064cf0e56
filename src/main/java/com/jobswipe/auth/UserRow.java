package com.jobswipe.auth;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/** A user as the accounts feature sees it. */
record UserRow(UUID id, String email, boolean emailVerified, Optional<String> passwordHash, String role,
               Optional<byte[]> mfaSecret, boolean mfaEnabled, long mfaLastUsedStep, int failedLoginCount,
               Optional<Instant> lockedUntil, int lockoutLevel) {

  static final String COLUMNS = "id, email, email_verified_at, password_hash, role, mfa_secret_enc, mfa_enabled_at,"
      + " mfa_last_used_step, failed_login_count, locked_until, lockout_level";

  static UserRow from(Row row) {
    return new UserRow(
        row.getUUID("id"),
        row.getString("email"),
        row.getValue("email_verified_at") != null,
        Optional.ofNullable(row.getString("password_hash")),
        row.getString("role"),
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

  /** What clients see of themselves. */
  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("email", email)
        .put("role", role)
        .put("emailVerified", emailVerified)
        .put("mfaEnabled", mfaEnabled);
  }
}
