package com.jobswipe.applications;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * One-time socket tickets ({@code POST /v1/ws/ticket}), kept in PostgreSQL so any api node can redeem one. A
 * ticket is a 256-bit random secret, stored as its SHA-256 only, valid for {@link #TTL} and for one socket:
 * redeeming deletes its row in the same statement that reads it, so of two nodes redeeming it at once only one
 * gets the row.
 */
final class SocketTickets {

  static final Duration TTL = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What a ticket stands for: the session of the access token that asked for it, and when that token expires. */
  record Admission(UUID userId, UUID sessionId, Instant tokenExpiresAt) {
  }

  /** A ticket issued, and when it stops being accepted. */
  record Issued(String ticket, Instant expiresAt) {
  }

  private final Pool pool;

  SocketTickets(Pool pool) {
    this.pool = pool;
  }

  Future<Issued> issue(UUID userId, UUID sessionId, Instant tokenExpiresAt) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String ticket = "wst_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Instant expires = Instant.now().plus(TTL);
    return pool.preparedQuery("INSERT INTO ws_tickets (ticket_hash, user_id, session_id, token_expires_at, expires_at)"
            + " VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(hash(ticket), userId, sessionId, utc(tokenExpiresAt), utc(expires)))
        .map(done -> new Issued(ticket, expires));
  }

  /** Spends a ticket: what it stands for, or empty when it is unknown, spent already or expired. */
  Future<Optional<Admission>> redeem(String ticket) {
    return pool.preparedQuery("DELETE FROM ws_tickets WHERE ticket_hash = $1"
            + " RETURNING user_id, session_id, token_expires_at, expires_at > now() AS valid")
        .execute(Tuple.of(hash(ticket)))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row row = rows.iterator().next();
          if (!row.getBoolean("valid")) {
            return Optional.empty();
          }
          return Optional.of(new Admission(row.getUUID("user_id"), row.getUUID("session_id"),
              row.getOffsetDateTime("token_expires_at").toInstant()));
        });
  }

  /** Deletes tickets nobody redeemed; answers how many. */
  Future<Integer> purgeExpired() {
    return pool.preparedQuery("DELETE FROM ws_tickets WHERE expires_at < now()").execute(Tuple.tuple())
        .map(rows -> rows.rowCount());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private static byte[] hash(String ticket) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
