package com.jobswipe.auth;

import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Every query of the accounts feature. */
final class AuthStore {

  static final String UNIQUE_VIOLATION = "23505";
  /**
   * The audit kinds of a completed sign-in, as the partial index {@code auth_events_sign_ins_idx} lists them (V15):
   * a network that produced one is one of the owner's.
   */
  private static final String SIGN_IN_KINDS = "('register', 'login.success', 'login.success.mfa',"
      + " 'login.oauth.google', 'login.oauth.linkedin', 'login.oauth.apple')";

  private final Pool pool;

  AuthStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  // ---------------------------------------------------------------- users

  Future<UserRow> insertUser(SqlClient client, String email, String passwordHash, boolean verified) {
    return client.preparedQuery("INSERT INTO users (email, password_hash, email_verified_at)"
            + " VALUES ($1, $2, CASE WHEN $3 THEN now() END) RETURNING " + UserRow.COLUMNS)
        .execute(Tuple.of(email, passwordHash, verified))
        .map(rows -> UserRow.from(rows.iterator().next()))
        .recover(e -> Future.failedFuture(isUniqueViolation(e)
            ? new Problem(ProblemType.CONFLICT, "An account with this email already exists") : e));
  }

  Future<Optional<UserRow>> userByEmail(SqlClient client, String email) {
    return client.preparedQuery("SELECT " + UserRow.COLUMNS + " FROM users"
            + " WHERE lower(email) = lower($1) AND deleted_at IS NULL")
        .execute(Tuple.of(email)).map(AuthStore::firstUser);
  }

  Future<Optional<UserRow>> userById(SqlClient client, UUID id) {
    return client.preparedQuery("SELECT " + UserRow.COLUMNS + " FROM users WHERE id = $1 AND deleted_at IS NULL")
        .execute(Tuple.of(id)).map(AuthStore::firstUser);
  }

  /**
   * Counts one failure against the counters as they are now, under the row's lock: fifty wrong codes sent at once
   * count fifty, not one (each reading the same count and writing count + 1).
   */
  Future<LockoutPolicy.AfterFailure> recordFailure(UUID userId, LockoutPolicy policy, Instant now) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT failed_login_count, lockout_level FROM users"
            + " WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(userId))
        .compose(rows -> {
          Row row = rows.iterator().next();
          LockoutPolicy.AfterFailure after = policy.afterFailure(row.getInteger("failed_login_count"),
              row.getInteger("lockout_level"), now);
          return tx.preparedQuery("UPDATE users SET failed_login_count = $2, lockout_level = $3,"
                  + " locked_until = COALESCE($4, locked_until), updated_at = now() WHERE id = $1")
              .execute(Tuple.of(userId, after.failedCount(), after.level(), after.lockedUntil().map(AuthStore::utc)
                  .orElse(null)))
              .map(after);
        }));
  }

  /**
   * Counts one failure of this client against this account, under the row's lock (as {@link #recordFailure}): enough
   * of them lock this client out of the account, and no one else.
   */
  Future<LockoutPolicy.AfterFailure> recordClientFailure(UUID userId, String client, LockoutPolicy policy,
                                                         Instant now) {
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO login_failures (user_id, client_key)"
            + " VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(userId, client))
        .compose(done -> tx.preparedQuery("SELECT failed_count, lockout_level FROM login_failures"
            + " WHERE user_id = $1 AND client_key = $2 FOR UPDATE").execute(Tuple.of(userId, client)))
        .compose(rows -> {
          Row row = rows.iterator().next();
          LockoutPolicy.AfterFailure after = policy.afterFailure(row.getInteger("failed_count"),
              row.getInteger("lockout_level"), now);
          return tx.preparedQuery("UPDATE login_failures SET failed_count = $3, lockout_level = $4,"
                  + " locked_until = COALESCE($5, locked_until), updated_at = now()"
                  + " WHERE user_id = $1 AND client_key = $2")
              .execute(Tuple.of(userId, client, after.failedCount(), after.level(),
                  after.lockedUntil().map(AuthStore::utc).orElse(null)))
              .map(after);
        }));
  }

  /** Whether this client is locked out of this account now. */
  Future<Boolean> clientLocked(UUID userId, String client) {
    return pool.preparedQuery("SELECT 1 FROM login_failures WHERE user_id = $1 AND client_key = $2"
            + " AND locked_until > now()")
        .execute(Tuple.of(userId, client)).map(rows -> rows.size() > 0);
  }

  /**
   * Whether a sign-in to this account ever completed from this client's network (its IPv4 address, or the /64 of
   * its IPv6 address): the owner's usual networks, which an account-wide lock does not refuse.
   */
  Future<Boolean> knownClient(UUID userId, String ip) {
    return pool.preparedQuery("SELECT 1 FROM auth_events WHERE user_id = $1 AND kind IN " + SIGN_IN_KINDS
            + " AND ip <<= set_masklen($2::text::inet, CASE WHEN family($2::text::inet) = 6 THEN 64 ELSE 32 END)"
            + " LIMIT 1")
        .execute(Tuple.of(userId, ip)).map(rows -> rows.size() > 0);
  }

  /** {@link #knownClient} for the account with this email, if there is one. */
  Future<Boolean> knownClient(String email, String ip) {
    return pool.preparedQuery("SELECT 1 FROM users u JOIN auth_events e ON e.user_id = u.id"
            + " WHERE lower(u.email) = lower($1) AND u.deleted_at IS NULL AND e.kind IN " + SIGN_IN_KINDS
            + " AND e.ip <<= set_masklen($2::text::inet, CASE WHEN family($2::text::inet) = 6 THEN 64 ELSE 32 END)"
            + " LIMIT 1")
        .execute(Tuple.of(email, ip)).map(rows -> rows.size() > 0);
  }

  /** Forgets this client's failures against this account (it signed in). */
  Future<Void> clearClientFailures(UUID userId, String client) {
    return pool.preparedQuery("DELETE FROM login_failures WHERE user_id = $1 AND client_key = $2")
        .execute(Tuple.of(userId, client)).mapEmpty();
  }

  /** Forgets every client's failures against this account (a reset link proved the owner). */
  Future<Void> clearAllClientFailures(SqlClient client, UUID userId) {
    return client.preparedQuery("DELETE FROM login_failures WHERE user_id = $1")
        .execute(Tuple.of(userId)).mapEmpty();
  }

  /** Marks a single-use token spent; false when it already was. */
  Future<Boolean> spendToken(SqlClient client, UUID jti, Instant expiresAt) {
    return client.preparedQuery("INSERT INTO spent_tokens (jti, expires_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(jti, utc(expiresAt))).map(rows -> rows.rowCount() == 1);
  }

  Future<Void> recordSuccess(UUID userId) {
    return pool.preparedQuery("UPDATE users SET failed_login_count = 0, lockout_level = 0, locked_until = NULL,"
            + " last_login_at = now(), updated_at = now() WHERE id = $1")
        .execute(Tuple.of(userId)).mapEmpty();
  }

  Future<Void> setPassword(SqlClient client, UUID userId, String passwordHash) {
    return client.preparedQuery("UPDATE users SET password_hash = $2, failed_login_count = 0, lockout_level = 0,"
            + " locked_until = NULL, updated_at = now() WHERE id = $1")
        .execute(Tuple.of(userId, passwordHash)).mapEmpty();
  }

  /** The owner opened a link delivered to the address: verified, and proven (see AccountsConfig#isAdmin). */
  Future<Void> markProven(SqlClient client, UUID userId) {
    return client.preparedQuery("UPDATE users SET email_verified_at = COALESCE(email_verified_at, now()),"
            + " email_proven_at = COALESCE(email_proven_at, now()), updated_at = now() WHERE id = $1")
        .execute(Tuple.of(userId)).mapEmpty();
  }

  // ---------------------------------------------------------------- refresh tokens

  Future<Void> insertRefresh(SqlClient client, UUID userId, UUID familyId, UUID parentId, byte[] hash,
                             Instant expiresAt, RequestInfo request, Proof proof) {
    return client.preparedQuery("INSERT INTO refresh_tokens (user_id, family_id, parent_id, token_hash, expires_at,"
            + " user_agent, ip, auth_time, amr) VALUES ($1, $2, $3, $4, $5, $6, $7::text::inet, $8, $9)")
        .execute(Tuple.from(new Object[] {userId, familyId, parentId, Buffer.buffer(hash), utc(expiresAt),
            request.userAgent(), request.ip(), utc(proof.at()), proof.methods().toArray(String[]::new)}))
        .mapEmpty();
  }

  /**
   * Whether this account signed in before from a client that sent this User-Agent. The first session of an account
   * (its registration) counts as seen: a new-device mail is for an account that has a device to compare with.
   */
  Future<Boolean> seenDevice(UUID userId, String userAgent) {
    return pool.preparedQuery("SELECT count(*) AS sessions, count(*) FILTER (WHERE user_agent IS NOT DISTINCT FROM $2)"
            + " AS same FROM refresh_tokens WHERE user_id = $1")
        .execute(Tuple.of(userId, userAgent))
        .map(rows -> {
          Row row = rows.iterator().next();
          return row.getLong("sessions") == 0 || row.getLong("same") > 0;
        });
  }

  record RefreshRow(UUID id, UUID userId, UUID familyId, boolean spent, boolean expired, Proof proof) {
  }

  Future<Optional<RefreshRow>> refreshForUpdate(SqlClient client, byte[] hash) {
    return client.preparedQuery("SELECT id, user_id, family_id, rotated_at IS NOT NULL OR revoked_at IS NOT NULL"
            + " AS spent, expires_at <= now() AS expired, auth_time, amr FROM refresh_tokens WHERE token_hash = $1"
            + " FOR UPDATE")
        .execute(Tuple.of(Buffer.buffer(hash)))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(r ->
            new RefreshRow(r.getUUID("id"), r.getUUID("user_id"), r.getUUID("family_id"), r.getBoolean("spent"),
                r.getBoolean("expired"), r.getOffsetDateTime("auth_time") == null ? Proof.NONE
                    : new Proof(r.getOffsetDateTime("auth_time").toInstant(), List.of(r.getArrayOfStrings("amr"))))));
  }

  Future<Void> markRotated(SqlClient client, UUID tokenId) {
    return client.preparedQuery("UPDATE refresh_tokens SET rotated_at = now() WHERE id = $1")
        .execute(Tuple.of(tokenId)).mapEmpty();
  }

  /** Revokes a session; answers it if it was still live (empty when it had ended already). */
  Future<Set<UUID>> revokeFamily(SqlClient client, UUID familyId, String reason) {
    return client.preparedQuery("UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2"
            + " WHERE family_id = $1 AND revoked_at IS NULL RETURNING family_id")
        .execute(Tuple.of(familyId, reason)).map(AuthStore::families);
  }

  /** Revokes every live session of a user; answers the sessions it ended. */
  Future<Set<UUID>> revokeAllSessions(SqlClient client, UUID userId, String reason) {
    return client.preparedQuery("UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $2"
            + " WHERE user_id = $1 AND revoked_at IS NULL RETURNING family_id")
        .execute(Tuple.of(userId, reason)).map(AuthStore::families);
  }

  /** Revokes every live session of a user but {@code keep}; answers the sessions it ended. */
  Future<Set<UUID>> revokeOtherSessions(SqlClient client, UUID userId, UUID keep, String reason) {
    return client.preparedQuery("UPDATE refresh_tokens SET revoked_at = now(), revoked_reason = $3"
            + " WHERE user_id = $1 AND family_id <> $2 AND revoked_at IS NULL RETURNING family_id")
        .execute(Tuple.of(userId, keep, reason)).map(AuthStore::families);
  }

  private static Set<UUID> families(RowSet<Row> rows) {
    Set<UUID> ids = new HashSet<>();
    rows.forEach(row -> ids.add(row.getUUID("family_id")));
    return ids;
  }

  /** Sessions revoked since {@code since}, with when: their access tokens may still be within their lifetime. */
  Future<Map<UUID, Instant>> sessionsRevokedSince(Instant since) {
    return pool.preparedQuery("SELECT family_id, max(revoked_at) AS revoked_at FROM refresh_tokens"
            + " WHERE revoked_at > $1 GROUP BY family_id")
        .execute(Tuple.of(utc(since)))
        .map(rows -> {
          Map<UUID, Instant> ended = new HashMap<>();
          rows.forEach(row -> ended.put(row.getUUID("family_id"), row.getOffsetDateTime("revoked_at").toInstant()));
          return ended;
        });
  }

  /** Live sessions: the unspent head of each refresh-token family. */
  Future<List<JsonObject>> sessions(UUID userId) {
    return pool.preparedQuery("SELECT family_id, issued_at, user_agent, host(ip) AS ip,"
            + " (SELECT min(f.issued_at) FROM refresh_tokens f WHERE f.family_id = t.family_id) AS started_at"
            + " FROM refresh_tokens t WHERE user_id = $1 AND revoked_at IS NULL AND rotated_at IS NULL"
            + " AND expires_at > now() ORDER BY issued_at DESC LIMIT 100")
        .execute(Tuple.of(userId))
        .map(rows -> {
          List<JsonObject> sessions = new ArrayList<>();
          for (Row row : rows) {
            sessions.add(new JsonObject()
                .put("id", row.getUUID("family_id").toString())
                .put("startedAt", row.getOffsetDateTime("started_at").toInstant().toString())
                .put("lastRefreshedAt", row.getOffsetDateTime("issued_at").toInstant().toString())
                .put("userAgent", row.getString("user_agent"))
                .put("ip", row.getString("ip")));
          }
          return sessions;
        });
  }

  Future<Optional<UUID>> sessionOwner(UUID familyId) {
    return pool.preparedQuery("SELECT user_id FROM refresh_tokens WHERE family_id = $1 LIMIT 1")
        .execute(Tuple.of(familyId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  // ---------------------------------------------------------------- email tokens

  Future<Void> insertEmailToken(UUID userId, String purpose, byte[] hash, Instant expiresAt) {
    return pool.preparedQuery("INSERT INTO email_tokens (user_id, purpose, token_hash, expires_at)"
            + " VALUES ($1, $2, $3, $4)")
        .execute(Tuple.of(userId, purpose, Buffer.buffer(hash), utc(expiresAt))).mapEmpty();
  }

  /** Marks the token used and returns its user, or empty when unknown, used, expired or of another purpose. */
  Future<Optional<UUID>> consumeEmailToken(SqlClient client, String purpose, byte[] hash) {
    return client.preparedQuery("UPDATE email_tokens SET used_at = now() WHERE token_hash = $1 AND purpose = $2"
            + " AND used_at IS NULL AND expires_at > now() RETURNING user_id")
        .execute(Tuple.of(Buffer.buffer(hash), purpose))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  /** Spends every outstanding link of this purpose: after a reset, older reset mails open nothing. */
  Future<Void> spendEmailTokens(SqlClient client, UUID userId, String purpose) {
    return client.preparedQuery("UPDATE email_tokens SET used_at = now() WHERE user_id = $1 AND purpose = $2"
            + " AND used_at IS NULL")
        .execute(Tuple.of(userId, purpose)).mapEmpty();
  }

  // ---------------------------------------------------------------- MFA

  Future<Void> setPendingMfa(UUID userId, byte[] secretEnc, String keyId) {
    return pool.preparedQuery("UPDATE users SET mfa_secret_enc = $2, mfa_key_id = $3, mfa_enabled_at = NULL,"
            + " mfa_last_used_step = NULL, updated_at = now() WHERE id = $1 AND mfa_enabled_at IS NULL")
        .execute(Tuple.of(userId, Buffer.buffer(secretEnc), keyId)).mapEmpty();
  }

  /**
   * Records the TOTP step as used, only if it is newer than the last one: the replay guard holds even when
   * two requests race with the same code.
   */
  Future<Boolean> useTotpStep(SqlClient client, UUID userId, long step) {
    return client.preparedQuery("UPDATE users SET mfa_last_used_step = $2 WHERE id = $1"
            + " AND (mfa_last_used_step IS NULL OR mfa_last_used_step < $2)")
        .execute(Tuple.of(userId, step)).map(rows -> rows.rowCount() == 1);
  }

  Future<Void> enableMfa(SqlClient client, UUID userId) {
    return client.preparedQuery("UPDATE users SET mfa_enabled_at = now(), updated_at = now() WHERE id = $1")
        .execute(Tuple.of(userId)).mapEmpty();
  }

  Future<Void> disableMfa(SqlClient client, UUID userId) {
    return client.preparedQuery("UPDATE users SET mfa_secret_enc = NULL, mfa_key_id = NULL, mfa_enabled_at = NULL,"
            + " mfa_last_used_step = NULL, updated_at = now() WHERE id = $1")
        .execute(Tuple.of(userId))
        .compose(done -> client.preparedQuery("DELETE FROM mfa_backup_codes WHERE user_id = $1")
            .execute(Tuple.of(userId)))
        .mapEmpty();
  }

  Future<Void> replaceBackupCodes(SqlClient client, UUID userId, List<String> hashes) {
    List<Tuple> batch = hashes.stream().map(h -> Tuple.of(userId, h)).toList();
    return client.preparedQuery("DELETE FROM mfa_backup_codes WHERE user_id = $1").execute(Tuple.of(userId))
        .compose(done -> client.preparedQuery("INSERT INTO mfa_backup_codes (user_id, code_hash) VALUES ($1, $2)")
            .executeBatch(batch))
        .mapEmpty();
  }

  /** Spends a backup code; false when it is unknown or already used. */
  Future<Boolean> useBackupCode(SqlClient client, UUID userId, String hash) {
    return client.preparedQuery("UPDATE mfa_backup_codes SET used_at = now() WHERE id = ("
            + "SELECT id FROM mfa_backup_codes WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL"
            + " LIMIT 1 FOR UPDATE SKIP LOCKED)")
        .execute(Tuple.of(userId, hash)).map(rows -> rows.rowCount() == 1);
  }

  // ---------------------------------------------------------------- audit

  /** Appends to the audit trail. Never fails the caller: a lost audit row is logged, not user-visible. */
  Future<Void> audit(UUID userId, String kind, RequestInfo request, JsonObject detail) {
    return pool.preparedQuery("INSERT INTO auth_events (user_id, kind, ip, user_agent, detail)"
            + " VALUES ($1, $2, $3::text::inet, $4, $5)")
        .execute(Tuple.of(userId, kind, request.ip(), request.userAgent(), detail == null ? new JsonObject() : detail))
        .<Void>mapEmpty()
        .recover(e -> {
          org.slf4j.LoggerFactory.getLogger(AuthStore.class).error("audit event {} for {} not stored", kind, userId, e);
          return Future.succeededFuture();
        });
  }

  // ---------------------------------------------------------------- helpers

  static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static Optional<UserRow> firstUser(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(UserRow.from(rows.iterator().next()));
  }
}
