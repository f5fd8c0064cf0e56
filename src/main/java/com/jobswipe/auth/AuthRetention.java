package com.jobswipe.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what the accounts feature no longer needs: OAuth states and email links past their expiry, refresh tokens
 * that expired or were revoked a day ago (a revoked family must outlive its access tokens, which each node reads
 * back at start), spent one-time tokens past their expiry, and sign-in events older than {@link #EVENTS_KEPT_DAYS}.
 * Runs on every api node every {@link #EVERY_MS}; a transaction-scoped advisory lock lets one node at a time do it.
 */
public final class AuthRetention {

  static final int EVENTS_KEPT_DAYS = 365;
  static final long EVERY_MS = 60 * 60 * 1000L;
  private static final long LOCK = 0x6a6f6273_61757468L; // "jobsauth"
  private static final Logger LOG = LoggerFactory.getLogger(AuthRetention.class);

  private static final String SWEEP = "WITH"
      + " states AS (DELETE FROM oauth_states WHERE expires_at < now() RETURNING 1),"
      + " exchanges AS (DELETE FROM oauth_exchanges WHERE expires_at < now() RETURNING 1),"
      + " nonces AS (DELETE FROM oauth_nonces WHERE expires_at < now() RETURNING 1),"
      + " links AS (DELETE FROM email_tokens WHERE expires_at < now() RETURNING 1),"
      + " tokens AS (DELETE FROM refresh_tokens WHERE expires_at < now() - interval '1 day'"
      + "   OR revoked_at < now() - interval '1 day' RETURNING 1),"
      + " spent AS (DELETE FROM spent_tokens WHERE expires_at < now() RETURNING 1),"
      + " events AS (DELETE FROM auth_events WHERE created_at < now() - make_interval(days => $1) RETURNING 1),"
      // A client's failures are forgotten after a quiet day with no lock running (its backoff starts over).
      + " failures AS (DELETE FROM login_failures WHERE updated_at < now() - interval '1 day'"
      + "   AND (locked_until IS NULL OR locked_until < now()) RETURNING 1)"
      + " SELECT (SELECT count(*) FROM states) + (SELECT count(*) FROM exchanges) + (SELECT count(*) FROM nonces)"
      + "   + (SELECT count(*) FROM links) + (SELECT count(*) FROM tokens) + (SELECT count(*) FROM spent)"
      + "   + (SELECT count(*) FROM events) + (SELECT count(*) FROM failures) AS deleted";

  private final Pool pool;

  public AuthRetention(Pool pool) {
    this.pool = pool;
  }

  /** Sweeps now, then every hour. */
  public void schedule(Vertx vertx) {
    sweep();
    vertx.setPeriodic(EVERY_MS, id -> sweep());
  }

  /** One sweep; answers the rows deleted, or -1 when another node held the lock. */
  Future<Long> sweep() {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS mine")
            .execute(Tuple.of(LOCK))
            .compose(lock -> {
              Row row = lock.iterator().next();
              if (!row.getBoolean("mine")) {
                return Future.succeededFuture(-1L);
              }
              return tx.preparedQuery(SWEEP).execute(Tuple.of(EVENTS_KEPT_DAYS))
                  .map(rows -> rows.iterator().next().getLong("deleted"));
            }))
        .onSuccess(deleted -> {
          if (deleted > 0) {
            LOG.info("account retention deleted {} expired row(s)", deleted);
          }
        })
        .onFailure(e -> LOG.warn("account retention failed: {}", e.toString()));
  }
}
