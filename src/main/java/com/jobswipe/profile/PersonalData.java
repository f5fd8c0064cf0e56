package com.jobswipe.profile;

import com.jobswipe.bus.AccountMessages.UserChanged;
import com.jobswipe.bus.Bus;
import com.jobswipe.config.AccountsConfig;
import com.jobswipe.db.RowJson;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The right of access and the right to erasure: everything a user stored, as one JSON document, and the
 * deletion of everything personal. What stays after deletion is anonymous: swipes and applications keep
 * their rows for aggregate analytics, tied to an account that no longer has an email, a password or a name.
 */
public final class PersonalData {

  /** Tables read into the export as they are, newest first, each bounded. */
  private static final List<Section> SECTIONS = List.of(
      new Section("oauthIdentities", "SELECT provider, email, created_at, last_login_at FROM oauth_identities"
          + " WHERE user_id = $1 ORDER BY created_at DESC LIMIT 100"),
      new Section("sessions", "SELECT family_id, issued_at, expires_at, rotated_at, revoked_at, user_agent,"
          + " host(ip) AS ip FROM refresh_tokens WHERE user_id = $1 ORDER BY issued_at DESC LIMIT 1000"),
      new Section("interactions", "SELECT job_id, direction, client_id, created_at FROM user_job_interactions"
          + " WHERE user_id = $1 ORDER BY created_at DESC LIMIT 100000"),
      new Section("applications", "SELECT id, job_id, status, dry_run, created_at, submitted_at FROM applications"
          + " WHERE user_id = $1 ORDER BY created_at DESC LIMIT 100000"),
      new Section("applicationOutcomes", "SELECT application_id, outcome, note, created_at FROM application_outcomes"
          + " WHERE user_id = $1 ORDER BY created_at DESC LIMIT 100000"),
      // Inbox entries never hold a link's token (account mail keeps only a redacted notice); device push tokens
      // are left out too: they are capabilities, not information about the user.
      new Section("notifications", "SELECT kind, priority, title, body, data, created_at, read_at FROM notifications"
          + " WHERE user_id = $1 ORDER BY created_at DESC LIMIT 10000"),
      new Section("devices", "SELECT platform, app_version, locale, timezone, created_at, last_seen_at, revoked_at"
          + " FROM device_tokens WHERE user_id = $1 ORDER BY created_at DESC LIMIT 100"),
      new Section("notificationPreferences", "SELECT kind, channel, enabled FROM notification_preferences"
          + " WHERE user_id = $1 LIMIT 1000"),
      new Section("notificationSettings", "SELECT timezone, quiet_start_min, quiet_end_min, urgent_in_quiet,"
          + " digest_enabled, digest_hour FROM notification_settings WHERE user_id = $1"),
      new Section("securityEvents", "SELECT kind, host(ip) AS ip, user_agent, created_at FROM auth_events"
          + " WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1000"));

  /** Erasure, in order: personal rows go, secrets are revoked, the account row is blanked. */
  private static final List<String> ERASE = List.of(
      "DELETE FROM candidate_profiles WHERE user_id = $1",
      "DELETE FROM resumes WHERE user_id = $1",
      "DELETE FROM profile_embeddings WHERE user_id = $1",
      "DELETE FROM feed_rankings WHERE user_id = $1",
      "DELETE FROM matching_profiles WHERE user_id = $1",
      "DELETE FROM cover_letter_templates WHERE user_id = $1",
      // Their outbox rows go with them (ON DELETE CASCADE): nothing queued is sent after this commits.
      "DELETE FROM notifications WHERE user_id = $1",
      "DELETE FROM device_tokens WHERE user_id = $1",
      "DELETE FROM notification_preferences WHERE user_id = $1",
      "DELETE FROM notification_settings WHERE user_id = $1",
      "DELETE FROM notification_digests WHERE user_id = $1",
      "DELETE FROM oauth_identities WHERE user_id = $1",
      "DELETE FROM mfa_backup_codes WHERE user_id = $1",
      "DELETE FROM email_tokens WHERE user_id = $1",
      "UPDATE application_outcomes SET note = NULL WHERE user_id = $1 AND note IS NOT NULL",
      "DELETE FROM application_screenshots WHERE application_id IN (SELECT id FROM applications WHERE user_id = $1)",
      "UPDATE application_tasks SET answers_enc = NULL, answers_key_id = NULL, pending_questions = NULL"
          + " WHERE application_id IN (SELECT id FROM applications WHERE user_id = $1)",
      "UPDATE refresh_tokens SET revoked_at = COALESCE(revoked_at, now()),"
          + " revoked_reason = COALESCE(revoked_reason, 'account-deleted'), user_agent = NULL, ip = NULL"
          + " WHERE user_id = $1",
      "UPDATE api_keys SET revoked_at = now() WHERE created_by = $1 AND revoked_at IS NULL",
      "UPDATE auth_events SET ip = NULL, user_agent = NULL, detail = '{}' WHERE user_id = $1",
      "UPDATE users SET email = 'deleted+' || id || '@invalid', email_verified_at = NULL, password_hash = NULL,"
          + " mfa_secret_enc = NULL, mfa_key_id = NULL, mfa_enabled_at = NULL, mfa_last_used_step = NULL,"
          + " email_proven_at = NULL, deleted_at = now(), updated_at = now() WHERE id = $1");

  private record Section(String name, String sql) {
  }

  private final Pool pool;
  private final AccountsConfig accounts;
  private final EventBus bus;
  private final ProfileService profiles;
  private final ResumeService resumes;
  private final CoverLetterService coverLetters;

  PersonalData(Pool pool, AccountsConfig accounts, EventBus bus, ProfileService profiles, ResumeService resumes,
               CoverLetterService coverLetters) {
    this.pool = pool;
    this.accounts = accounts;
    this.bus = bus;
    this.profiles = profiles;
    this.resumes = resumes;
    this.coverLetters = coverLetters;
  }

  public Future<JsonObject> export(UUID userId) {
    JsonObject export = new JsonObject().put("exportedAt", Instant.now().toString());
    Future<Void> account = pool.preparedQuery("SELECT id, email, email_verified_at, email_proven_at, mfa_enabled_at,"
            + " created_at, last_login_at FROM users WHERE id = $1").execute(Tuple.of(userId))
        .map(rows -> {
          JsonObject row = RowJson.of(rows.iterator().next());
          export.put("account", row.put("role", accounts.isAdmin(row.getString("email"),
              row.getValue("emailProvenAt") != null) ? "admin" : "user"));
          return null;
        });
    Future<Void> profile = profiles.get(userId).map(p -> {
      export.put("profile", p);
      return null;
    });
    Future<Void> files = resumes.exportAll(userId).map(list -> {
      export.put("resumes", list);
      return null;
    });
    Future<Void> letters = coverLetters.list(userId).map(list -> {
      export.put("coverLetters", list);
      return null;
    });
    Future<Void> sections = Future.all(SECTIONS.stream().map(section -> pool.preparedQuery(section.sql())
        .execute(Tuple.of(userId)).map(rows -> {
          export.put(section.name(), rowsToJson(rows));
          return null;
        })).toList()).mapEmpty();
    return Future.all(List.of(account, profile, files, letters, sections)).map(done -> export);
  }

  /**
   * Erases the account's personal data in one transaction; idempotent. Then every api instance forgets the
   * account, so its tokens stop with the next request.
   */
  public Future<Void> erase(UUID userId) {
    return pool.withTransaction(tx -> run(tx, userId, 0))
        .onSuccess(done -> Bus.USER_CHANGED.publish(bus, new UserChanged(userId.toString())));
  }

  private Future<Void> run(SqlClient tx, UUID userId, int step) {
    if (step == ERASE.size()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(ERASE.get(step)).execute(Tuple.of(userId)).compose(done -> run(tx, userId, step + 1));
  }

  private static JsonArray rowsToJson(RowSet<Row> rows) {
    JsonArray list = new JsonArray();
    rows.forEach(row -> list.add(RowJson.of(row)));
    return list;
  }
}
