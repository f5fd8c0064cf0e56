package com.jobswipe.applications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The cluster-wide count of a user's open sockets, as one lease row per socket in PostgreSQL. Taking a slot
 * counts the user's unexpired leases and inserts one more under a per-user transaction lock, so two nodes taking
 * the last slot at once cannot both get it. The node that holds a socket renews its lease while the socket is
 * open and deletes it when it closes; a node that dies stops renewing, and its slots free themselves when their
 * leases expire. Times come from the given clock (every node's, compared with each other's: the lease period
 * dwarfs any skew between them).
 */
final class SocketLeases {

  /** Namespaces the per-user advisory locks: "jobs" "wsls". */
  private static final long LOCK_SPACE = 0x6a6f6273_77736c73L;

  private final Pool pool;
  private final Clock clock;
  private final Duration ttl;
  private final String nodeId;

  SocketLeases(Pool pool, Clock clock, Duration ttl, String nodeId) {
    this.pool = pool;
    this.clock = clock;
    this.ttl = ttl;
    this.nodeId = nodeId;
  }

  /** Takes one of the user's {@code cap} slots for this socket; false when all are taken. */
  Future<Boolean> acquire(UUID socketId, UUID userId, int cap) {
    OffsetDateTime now = now();
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_advisory_xact_lock($1)")
        .execute(Tuple.of(LOCK_SPACE ^ userId.getMostSignificantBits() ^ userId.getLeastSignificantBits()))
        .compose(locked -> tx.preparedQuery("INSERT INTO ws_leases (socket_id, user_id, node_id, expires_at)"
                + " SELECT $1, $2, $3, $4 WHERE"
                + " (SELECT count(*) FROM ws_leases WHERE user_id = $2 AND expires_at > $5) < $6")
            .execute(Tuple.of(socketId, userId, nodeId, now.plus(ttl), now, cap)))
        .map(rows -> rows.rowCount() == 1));
  }

  /**
   * Keeps these sockets' slots (socket id → user id) taken for another lease period. A lease that lapsed and was
   * purged while the database was out of reach is taken again: the socket is open, so it counts, even if that puts
   * its user over the cap until one closes.
   */
  Future<Void> renew(Map<UUID, UUID> sockets) {
    if (sockets.isEmpty()) {
      return Future.succeededFuture();
    }
    List<UUID> ids = List.copyOf(sockets.keySet());
    return pool.preparedQuery("INSERT INTO ws_leases (socket_id, user_id, node_id, expires_at)"
            + " SELECT socket, owner, $3, $4 FROM unnest($1::uuid[], $2::uuid[]) AS open (socket, owner)"
            + " ON CONFLICT (socket_id) DO UPDATE SET expires_at = EXCLUDED.expires_at")
        .execute(Tuple.of(ids.toArray(UUID[]::new), ids.stream().map(sockets::get).toArray(UUID[]::new), nodeId,
            now().plus(ttl)))
        .mapEmpty();
  }

  Future<Void> release(UUID socketId) {
    return pool.preparedQuery("DELETE FROM ws_leases WHERE socket_id = $1").execute(Tuple.of(socketId)).mapEmpty();
  }

  /** Deletes leases that expired (their node died or lost the database); they already count for nothing. */
  Future<Integer> purgeExpired() {
    return pool.preparedQuery("DELETE FROM ws_leases WHERE expires_at <= $1").execute(Tuple.of(now()))
        .map(rows -> rows.rowCount());
  }

  Duration ttl() {
    return ttl;
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
