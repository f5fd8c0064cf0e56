package com.jobswipe.inbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The api role's SQL for the inbox, devices and notification settings. Every statement is scoped to the caller's
 * user id, so another user's row is simply not there (404).
 */
final class InboxStore {

  private static final String PAGE = """
      SELECT id, seq, kind, priority, title, body, data, created_at, read_at FROM notifications
       WHERE user_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3""";
  private static final String UNREAD = "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL";
  private static final String READ = "UPDATE notifications SET read_at = COALESCE(read_at, now())"
      + " WHERE id = $1 AND user_id = $2";
  private static final String READ_ALL = "UPDATE notifications SET read_at = now() WHERE user_id = $1"
      + " AND read_at IS NULL";
  private static final String DELETE = "DELETE FROM notifications WHERE id = $1 AND user_id = $2";

  /**
   * A token belongs to one app install: registering it again (by anyone) moves it to that account, revives it and
   * refreshes what the app says about itself.
   */
  private static final String UPSERT_DEVICE = """
      INSERT INTO device_tokens (user_id, platform, token, app_version, locale, timezone)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (platform, token) DO UPDATE
         SET user_id = EXCLUDED.user_id, app_version = EXCLUDED.app_version, locale = EXCLUDED.locale,
             timezone = EXCLUDED.timezone, last_seen_at = now(), revoked_at = NULL,
             created_at = CASE WHEN device_tokens.user_id = EXCLUDED.user_id THEN device_tokens.created_at ELSE now() END
      RETURNING id, platform, app_version, locale, timezone, created_at, last_seen_at,
                (xmax = 0) AS inserted""";
  private static final String DEVICES = """
      SELECT id, platform, app_version, locale, timezone, created_at, last_seen_at FROM device_tokens
       WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC LIMIT 100""";
  private static final String DELETE_DEVICE = "DELETE FROM device_tokens WHERE id = $1 AND user_id = $2";

  private static final String PREFERENCES = "SELECT kind, channel, enabled FROM notification_preferences"
      + " WHERE user_id = $1";
  private static final String SETTINGS = "SELECT timezone, quiet_start_min, quiet_end_min, urgent_in_quiet,"
      + " digest_enabled, digest_hour FROM notification_settings WHERE user_id = $1";
  private static final String UPSERT_PREFERENCE = """
      INSERT INTO notification_preferences (user_id, kind, channel, enabled) VALUES ($1, $2, $3, $4)
      ON CONFLICT (user_id, kind, channel) DO UPDATE SET enabled = EXCLUDED.enabled, updated_at = now()""";
  private static final String UPSERT_SETTINGS = """
      INSERT INTO notification_settings (user_id, timezone, quiet_start_min, quiet_end_min, urgent_in_quiet,
                                         digest_enabled, digest_hour)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (user_id) DO UPDATE SET timezone = EXCLUDED.timezone, quiet_start_min = EXCLUDED.quiet_start_min,
             quiet_end_min = EXCLUDED.quiet_end_min, urgent_in_quiet = EXCLUDED.urgent_in_quiet,
             digest_enabled = EXCLUDED.digest_enabled, digest_hour = EXCLUDED.digest_hour, updated_at = now()""";

  private final Pool pool;

  InboxStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<List<Row>> page(UUID userId, long beforeSeq, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(userId, beforeSeq, limit)).map(InboxStore::list);
  }

  Future<Long> unread(UUID userId) {
    return pool.preparedQuery(UNREAD).execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getLong(0));
  }

  Future<Boolean> read(UUID userId, UUID id) {
    return pool.preparedQuery(READ).execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() == 1);
  }

  Future<Integer> readAll(UUID userId) {
    return pool.preparedQuery(READ_ALL).execute(Tuple.of(userId)).map(RowSet::rowCount);
  }

  Future<Boolean> delete(UUID userId, UUID id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() == 1);
  }


  Future<Row> upsertDevice(UUID userId, String platform, String token, String appVersion, String locale,
                           String timezone) {
    return pool.preparedQuery(UPSERT_DEVICE)
        .execute(Tuple.of(userId, platform, token, appVersion, locale, timezone))
        .map(rows -> rows.iterator().next());
  }

  Future<List<Row>> devices(UUID userId) {
    return pool.preparedQuery(DEVICES).execute(Tuple.of(userId)).map(InboxStore::list);
  }

  Future<Boolean> deleteDevice(UUID userId, UUID id) {
    return pool.preparedQuery(DELETE_DEVICE).execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() == 1);
  }

  Future<List<Row>> preferences(UUID userId) {
    return pool.preparedQuery(PREFERENCES).execute(Tuple.of(userId)).map(InboxStore::list);
  }

  Future<Optional<Row>> settings(UUID userId) {
    return pool.preparedQuery(SETTINGS).execute(Tuple.of(userId)).map(rows -> {
      var it = rows.iterator();
      return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    });
  }

  Future<Void> savePreference(SqlClient tx, UUID userId, String kind, String channel, boolean enabled) {
    return tx.preparedQuery(UPSERT_PREFERENCE).execute(Tuple.of(userId, kind, channel, enabled)).mapEmpty();
  }

  Future<Void> saveSettings(SqlClient tx, UUID userId, NotificationSettings s) {
    return tx.preparedQuery(UPSERT_SETTINGS).execute(Tuple.from(new Object[] {userId, s.timezone(),
        s.quietStartMinute().orElse(null), s.quietEndMinute().orElse(null), s.urgentInQuiet(), s.digestEnabled(),
        s.digestHour()})).mapEmpty();
  }

  private static List<Row> list(RowSet<Row> rows) {
    List<Row> list = new ArrayList<>();
    rows.forEach(list::add);
    return list;
  }
}
