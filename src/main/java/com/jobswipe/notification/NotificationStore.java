package com.jobswipe.notification;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlResult;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The notification role's SQL: the inbox rows it writes, the outbox it claims, the settings it honours. */
final class NotificationStore {

  private static final String INSERT_NOTIFICATION = """
      INSERT INTO notifications (user_id, kind, title, body, data, dedupe_key, priority)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      ON CONFLICT (user_id, dedupe_key) DO NOTHING
      RETURNING id, seq, created_at""";

  private static final String RECIPIENT = """
      SELECT u.email, u.deleted_at IS NOT NULL AS erased,
             s.timezone, s.quiet_start_min, s.quiet_end_min, s.urgent_in_quiet
        FROM users u LEFT JOIN notification_settings s ON s.user_id = u.id
       WHERE u.id = $1""";

  private static final String PREFERENCES = "SELECT channel, enabled FROM notification_preferences"
      + " WHERE user_id = $1 AND kind = $2";

  private static final String DEVICES = "SELECT id, platform FROM device_tokens"
      + " WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at";

  private static final String INSERT_DELIVERY = """
      INSERT INTO notification_deliveries (id, notification_id, channel, device_token_id, status, message_enc,
                                           message_key_id, next_attempt_at, last_error)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      ON CONFLICT DO NOTHING""";

  /**
   * Takes up to $2 due deliveries for node $1. A claim pushes next_attempt_at to the lease's end, so a row whose
   * node died becomes due again by itself; SKIP LOCKED lets every node claim at once without waiting.
   */
  private static final String CLAIM = """
      UPDATE notification_deliveries d
         SET leased_by = $1, lease_until = now() + make_interval(secs => $3),
             next_attempt_at = now() + make_interval(secs => $3), attempts = d.attempts + 1, updated_at = now()
       WHERE d.id IN (SELECT id FROM notification_deliveries
                       WHERE status = 'pending' AND next_attempt_at <= now()
                       ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
      RETURNING d.id""";

  /** EmptyRequest a send needs, read afresh: the user may have been erased or turned the channel off meanwhile. */
  private static final String CLAIMED = """
      SELECT d.id, d.channel, d.attempts, d.message_enc, d.device_token_id, d.leased_by,
             n.id AS notification_id, n.user_id, n.kind, n.title, n.body, n.data, n.priority, n.created_at,
             u.deleted_at IS NOT NULL AS erased,
             t.token, t.revoked_at IS NOT NULL OR t.user_id <> n.user_id AS device_gone,
             p.enabled
        FROM notification_deliveries d
        JOIN notifications n ON n.id = d.notification_id
        JOIN users u ON u.id = n.user_id
        LEFT JOIN device_tokens t ON t.id = d.device_token_id
        LEFT JOIN notification_preferences p ON p.user_id = n.user_id AND p.kind = n.kind
             AND p.channel = CASE WHEN d.channel IN ('apns', 'fcm') THEN 'push' ELSE d.channel END
       WHERE d.id = ANY($1)""";

  /** A live node keeps what it is sending: the lease and the claim's hold on {@code next_attempt_at} move on. */
  private static final String RENEW = """
      UPDATE notification_deliveries
         SET lease_until = now() + make_interval(secs => $3), next_attempt_at = now() + make_interval(secs => $3)
       WHERE id = ANY($1) AND leased_by = $2 AND status = 'pending'""";

  private static final String FINISH = """
      UPDATE notification_deliveries
         SET status = $3, sent_at = CASE WHEN $3 = 'sent' THEN now() END, provider_id = $4, last_error = $5,
             message_enc = NULL, message_key_id = NULL, leased_by = NULL, lease_until = NULL, updated_at = now()
       WHERE id = $1 AND leased_by = $2 AND status = 'pending'""";

  private static final String RETRY = """
      UPDATE notification_deliveries
         SET next_attempt_at = $3, last_error = $4, leased_by = NULL, lease_until = NULL, updated_at = now()
       WHERE id = $1 AND leased_by = $2 AND status = 'pending'""";

  private static final String REVOKE_DEVICE = "UPDATE device_tokens SET revoked_at = now() WHERE id = $1"
      + " AND revoked_at IS NULL";

  private static final String QUEUE = """
      SELECT count(*) FILTER (WHERE next_attempt_at <= now()) AS due, count(*) AS pending,
             COALESCE(EXTRACT(EPOCH FROM now() - min(next_attempt_at) FILTER (WHERE next_attempt_at <= now())), 0)
               AS oldest_due_seconds
        FROM notification_deliveries WHERE status = 'pending'""";

  private static final int EXPIRE_BATCH = 5000;
  private static final String EXPIRE = "DELETE FROM notifications WHERE id IN (SELECT id FROM notifications"
      + " WHERE created_at < $1 LIMIT " + EXPIRE_BATCH + ")";

  private static final String APPLICATION = """
      SELECT j.title, j.company FROM applications a JOIN jobs j ON j.id = a.job_id
       WHERE a.id = $1 AND a.user_id = $2""";

  /**
   * Users whose digest is on and not leased, a keyset page at a time, with what decides whether it is due (their
   * zone and hour, the last day done). The time check is {@link DigestSchedule}'s, in Java, where zone rules live.
   */
  private static final String DIGEST_CANDIDATES = """
      SELECT u.id, s.timezone, s.quiet_start_min IS NOT NULL AS quiet_set, s.digest_hour, dev.timezone AS device_zone,
             d.last_day
        FROM users u
        LEFT JOIN notification_settings s ON s.user_id = u.id
        LEFT JOIN notification_digests d ON d.user_id = u.id
        LEFT JOIN LATERAL (SELECT t.timezone FROM device_tokens t
                            WHERE t.user_id = u.id AND t.revoked_at IS NULL AND t.timezone IS NOT NULL
                            ORDER BY t.last_seen_at DESC LIMIT 1) dev ON true
       WHERE u.deleted_at IS NULL AND COALESCE(s.digest_enabled, true)
         AND (d.lease_until IS NULL OR d.lease_until < $1) AND u.id > $2
       ORDER BY u.id LIMIT $3""";

  /**
   * Claims the digests of users $1 for their local days $2 (arrays in user id order, so concurrent claimants lock
   * rows in one order). A row already leased, or whose day is done, is left alone: a user another node claimed
   * meanwhile does not come back, which is what makes a digest once per user and day across nodes.
   */
  private static final String CLAIM_DIGESTS = """
      INSERT INTO notification_digests AS d (user_id, claimed_day, leased_by, lease_until)
      SELECT c.user_id, c.day, $3, $4 FROM unnest($1::uuid[], $2::date[]) AS c(user_id, day)
      ON CONFLICT (user_id) DO UPDATE
         SET claimed_day = EXCLUDED.claimed_day, leased_by = EXCLUDED.leased_by, lease_until = EXCLUDED.lease_until
       WHERE (d.lease_until IS NULL OR d.lease_until < $5) AND (d.last_day IS NULL OR d.last_day < EXCLUDED.claimed_day)
      RETURNING d.user_id, d.claimed_day, d.last_sent_at""";

  /** The claimed day is done; {@code last_sent_at} moves only when a digest went out ($3, else NULL keeps it). */
  private static final String FINISH_DIGEST = """
      UPDATE notification_digests
         SET last_day = claimed_day, last_sent_at = COALESCE($3, last_sent_at), claimed_day = NULL, leased_by = NULL,
             lease_until = NULL
       WHERE user_id = $1 AND leased_by = $2 AND claimed_day IS NOT NULL""";

  private final Pool pool;

  NotificationStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** A new inbox row, or empty when one with this dedupe key exists already (a re-delivered event). */
  Future<Optional<Row>> insertNotification(SqlClient tx, UUID userId, String kind, String title, String body,
                                           JsonObject data, String dedupeKey, String priority) {
    return tx.preparedQuery(INSERT_NOTIFICATION).execute(Tuple.of(userId, kind, title, body, data, dedupeKey, priority))
        .map(NotificationStore::first);
  }

  record Recipient(String email, boolean erased, QuietHours quiet) {
  }

  Future<Optional<Recipient>> recipient(SqlClient tx, UUID userId) {
    return tx.preparedQuery(RECIPIENT).execute(Tuple.of(userId)).map(rows -> first(rows).map(row -> {
      QuietHours quiet = QuietHours.none();
      if (row.getString("timezone") != null) {
        java.time.ZoneId zone = java.time.ZoneId.of(row.getString("timezone"));
        Integer start = row.getInteger("quiet_start_min");
        Integer end = row.getInteger("quiet_end_min");
        quiet = new QuietHours(zone,
            Optional.ofNullable(start).map(m -> java.time.LocalTime.of(m / 60, m % 60)),
            Optional.ofNullable(end).map(m -> java.time.LocalTime.of(m / 60, m % 60)),
            row.getBoolean("urgent_in_quiet"));
      }
      return new Recipient(row.getString("email"), row.getBoolean("erased"), quiet);
    }));
  }

  /** The user's stored choices for one kind, by preference channel ({@code email}, {@code push}). */
  Future<Map<String, Boolean>> preferences(SqlClient tx, UUID userId, String kind) {
    return tx.preparedQuery(PREFERENCES).execute(Tuple.of(userId, kind)).map(rows -> {
      Map<String, Boolean> stored = new HashMap<>();
      rows.forEach(row -> stored.put(row.getString("channel"), row.getBoolean("enabled")));
      return stored;
    });
  }

  record Device(UUID id, String platform) {
  }

  Future<List<Device>> devices(SqlClient tx, UUID userId) {
    return tx.preparedQuery(DEVICES).execute(Tuple.of(userId)).map(rows -> {
      List<Device> list = new ArrayList<>();
      rows.forEach(row -> list.add(new Device(row.getUUID("id"), row.getString("platform"))));
      return list;
    });
  }

  /** One outbox row; {@code status} is pending, or skipped with the reason in {@code note}. */
  Future<Void> insertDelivery(SqlClient tx, UUID id, UUID notificationId, String channel, UUID deviceId,
                              String status, byte[] sealed, String keyId, Instant due, String note) {
    return tx.preparedQuery(INSERT_DELIVERY).execute(Tuple.from(new Object[] {id, notificationId, channel, deviceId,
        status, sealed == null ? null : Buffer.buffer(sealed), keyId, utc(due), note})).mapEmpty();
  }

  Future<List<Row>> claim(String node, int limit, Duration lease) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(node, limit, (double) lease.toSeconds()))
        .compose(claimed -> {
          List<UUID> ids = new ArrayList<>();
          claimed.forEach(row -> ids.add(row.getUUID("id")));
          if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
          }
          return pool.preparedQuery(CLAIMED).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            List<Row> list = new ArrayList<>();
            rows.forEach(list::add);
            return list;
          });
        });
  }

  /** Records a final outcome and drops the sealed message. False if the lease was lost (another node has it). */
  /** Extends this node's leases on {@code ids}; answers how many it still held. */
  Future<Integer> renew(String node, Collection<UUID> ids, Duration lease) {
    return pool.preparedQuery(RENEW).execute(Tuple.of(ids.toArray(UUID[]::new), node, (double) lease.toSeconds()))
        .map(SqlResult::rowCount);
  }

  Future<Boolean> finish(UUID id, String node, String status, String providerId, String note) {
    return pool.preparedQuery(FINISH).execute(Tuple.of(id, node, status, providerId, note))
        .map(rows -> rows.rowCount() == 1);
  }

  Future<Boolean> retry(UUID id, String node, Instant due, String note) {
    return pool.preparedQuery(RETRY).execute(Tuple.of(id, node, utc(due), note)).map(rows -> rows.rowCount() == 1);
  }

  Future<Void> revokeDevice(UUID deviceId) {
    return pool.preparedQuery(REVOKE_DEVICE).execute(Tuple.of(deviceId)).mapEmpty();
  }

  record Queue(long due, long pending, double oldestDueSeconds) {
  }

  Future<Queue> queue() {
    return pool.query(QUEUE).execute().map(rows -> {
      Row row = rows.iterator().next();
      return new Queue(row.getLong("due"), row.getLong("pending"), row.getNumeric("oldest_due_seconds").doubleValue());
    });
  }

  /**
   * Deletes inbox rows older than {@code before}, a bounded batch (one short transaction) at a time until a batch
   * comes back short; answers how many went. Nodes sweeping at once each find the other's rows gone and stop.
   */
  Future<Integer> expire(Instant before) {
    return pool.preparedQuery(EXPIRE).execute(Tuple.of(utc(before))).map(RowSet::rowCount)
        .compose(n -> n < EXPIRE_BATCH ? Future.succeededFuture(n) : expire(before).map(more -> n + more));
  }

  /** "Backend Engineer at Acme" for the user's application, if it is theirs. */
  Future<Optional<String>> jobOf(UUID applicationId, UUID userId) {
    return pool.preparedQuery(APPLICATION).execute(Tuple.of(applicationId, userId)).map(rows -> first(rows)
        .map(row -> row.getString("title") + Optional.ofNullable(row.getString("company")).map(c -> " at " + c)
            .orElse("")));
  }

  /** A user whose digest is on, with what decides when it is due. */
  record DigestCandidate(UUID userId, DigestSchedule schedule, Optional<LocalDate> lastDay) {
  }

  Future<List<DigestCandidate>> digestCandidates(Instant now, UUID after, int limit) {
    return pool.preparedQuery(DIGEST_CANDIDATES).execute(Tuple.of(utc(now), after, limit)).map(rows -> {
      List<DigestCandidate> list = new ArrayList<>();
      rows.forEach(row -> list.add(new DigestCandidate(row.getUUID("id"), new DigestSchedule(
          DigestSchedule.zoneOf(Optional.ofNullable(row.getString("timezone")), row.getBoolean("quiet_set"),
              Optional.ofNullable(row.getString("device_zone"))),
          Optional.ofNullable(row.getInteger("digest_hour")).orElse(DigestSchedule.DEFAULT_HOUR)),
          Optional.ofNullable(row.getLocalDate("last_day")))));
      return list;
    });
  }

  /** A digest this node now holds: for {@code day}, naming jobs first seen after {@code lastSentAt} (if ever sent). */
  record ClaimedDigest(UUID userId, LocalDate day, Optional<Instant> lastSentAt) {
  }

  Future<List<ClaimedDigest>> claimDigests(Map<UUID, LocalDate> due, String node, Instant now, Duration lease) {
    List<UUID> users = due.keySet().stream().sorted().toList();
    if (users.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Tuple args = Tuple.tuple().addArrayOfUUID(users.toArray(UUID[]::new))
        .addArrayOfLocalDate(users.stream().map(due::get).toArray(LocalDate[]::new))
        .addString(node).addOffsetDateTime(utc(now.plus(lease))).addOffsetDateTime(utc(now));
    return pool.preparedQuery(CLAIM_DIGESTS).execute(args).map(rows -> {
      List<ClaimedDigest> list = new ArrayList<>();
      rows.forEach(row -> list.add(new ClaimedDigest(row.getUUID("user_id"), row.getLocalDate("claimed_day"),
          Optional.ofNullable(row.getOffsetDateTime("last_sent_at")).map(OffsetDateTime::toInstant))));
      return list;
    });
  }

  /** False when the lease was lost (it ran out and another node claimed the day). */
  Future<Boolean> finishDigest(UUID userId, String node, Optional<Instant> sentAt) {
    return pool.preparedQuery(FINISH_DIGEST).execute(Tuple.of(userId, node, utc(sentAt.orElse(null))))
        .map(rows -> rows.rowCount() == 1);
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }
}
