package com.jobswipe.automation;

import com.jobswipe.automation.DomainRules.Circuit;
import com.jobswipe.automation.DomainRules.Gate;
import com.jobswipe.automation.DomainRules.Limits;
import com.jobswipe.automation.DomainRules.RecentStarts;
import com.jobswipe.config.AutomationQueueConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Cluster-wide limits per ATS domain, kept entirely in PostgreSQL so any number of nodes share them without a
 * coordinator and a crash leaks nothing:
 * <ul>
 *   <li><b>Concurrency</b>: a run holds a session advisory lock {@code (hashtext('jobswipe.domain:' || domain),
 *   slot)} for one slot in {@code 0 .. max_concurrency - 1}, on a connection of its own (not pooled) kept open
 *   for the run. Releasing closes the connection; a crashed node's connections drop and the server frees its
 *   slots. No counter to decrement, so nothing to leak.</li>
 *   <li><b>Rate</b> (per minute, hour, day, least interval between starts): every granted start is a row in
 *   {@code domain_runs}; the check and the insert happen under the domain's transaction advisory lock (second key
 *   -1), so two nodes cannot both take a window's last start.</li>
 *   <li><b>Circuit breaker</b> on the {@code domains} row: it opens after {@code circuitFailures} consecutive
 *   failed runs, shuts the domain for {@code circuitCooldown}, then lets one trial run through (half-open): a
 *   success closes it, a failure opens it again. An operator's {@code paused_until} shuts it too.</li>
 * </ul>
 * Limits are the domain's row (a missing row is created with the column defaults: 5 sessions, 10/min, 100/h,
 * 500/day). A refusal says when to try again, for RATE_LIMITED's {@code next_attempt_at}.
 */
public final class DomainPermits {

  private static final Logger log = LoggerFactory.getLogger(DomainPermits.class);

  private static final String DOMAIN_LOCK =
      "SELECT pg_advisory_xact_lock(hashtext('jobswipe.domain:' || $1::text), -1)";
  private static final String ENSURE_ROW = "INSERT INTO domains (domain) VALUES ($1) ON CONFLICT (domain) DO NOTHING";
  private static final String ROW = "SELECT max_concurrency, per_minute, per_hour, per_day, min_interval_ms,"
      + " circuit_state, circuit_opened_at, paused_until, now() AS now FROM domains WHERE domain = $1";
  /**
   * The first free slot, as a session lock that outlives the transaction. A slot whose lock fails holds nothing,
   * and the scan stops at the first success, so at most one lock is taken.
   */
  private static final String TAKE_SLOT = "SELECT s AS slot FROM generate_series(0, $2::int - 1) AS s"
      + " WHERE pg_try_advisory_lock(hashtext('jobswipe.domain:' || $1::text), s) LIMIT 1";
  private static final String RECENT = "SELECT"
      + " (SELECT started_at FROM domain_runs WHERE domain = $1 ORDER BY started_at DESC OFFSET $2 LIMIT 1) AS nth_minute,"
      + " (SELECT started_at FROM domain_runs WHERE domain = $1 ORDER BY started_at DESC OFFSET $3 LIMIT 1) AS nth_hour,"
      + " (SELECT started_at FROM domain_runs WHERE domain = $1 ORDER BY started_at DESC OFFSET $4 LIMIT 1) AS nth_day,"
      + " (SELECT max(started_at) FROM domain_runs WHERE domain = $1) AS latest";
  private static final String START = "INSERT INTO domain_runs (domain, task_id) VALUES ($1, $2)";
  private static final String TRIAL = "UPDATE domains SET circuit_state = 'half_open', circuit_opened_at = now(),"
      + " updated_at = now() WHERE domain = $1";
  private static final String SUCCEEDED = "UPDATE domains SET consecutive_failures = 0, circuit_state = 'closed',"
      + " circuit_opened_at = NULL, updated_at = now() WHERE domain = $1"
      + " AND (consecutive_failures <> 0 OR circuit_state <> 'closed')";
  /** $2 threshold. A failed half-open trial, or the threshold reached, opens the circuit (again) from now. */
  private static final String FAILED = "UPDATE domains SET consecutive_failures = consecutive_failures + 1,"
      + " circuit_state = CASE WHEN circuit_state = 'half_open' OR consecutive_failures + 1 >= $2 THEN 'open'"
      + "   ELSE circuit_state END,"
      + " circuit_opened_at = CASE WHEN circuit_state = 'half_open' OR consecutive_failures + 1 >= $2 THEN now()"
      + "   ELSE circuit_opened_at END,"
      + " updated_at = now() WHERE domain = $1 RETURNING circuit_state";
  private static final String PURGE = "DELETE FROM domain_runs WHERE started_at < now() - interval '1 day 1 minute'";

  private final Vertx vertx;
  private final PgConnectOptions connectOptions;
  private final Pool pool;
  private final AutomationQueueConfig config;

  /**
   * @param connectOptions where each run's own connection goes (the slot lives as long as it)
   * @param pool           for the breaker's updates and housekeeping
   */
  public DomainPermits(Vertx vertx, PgConnectOptions connectOptions, Pool pool, AutomationQueueConfig config) {
    this.vertx = vertx;
    this.connectOptions = new PgConnectOptions(connectOptions).setReconnectAttempts(0);
    this.pool = pool;
    this.config = config;
  }

  /** How a run went, for the breaker: only the site's failures (errors, timeouts, blocks) count against it. */
  public enum Outcome { SITE_OK, SITE_FAILED }

  /** Granted (hold the permit for the run, release it after) or denied with the time to try again. */
  public sealed interface Decision {
    record Granted(Permit permit) implements Decision {
    }

    /** {@code reason}: busy, rate, paused, circuit_open, circuit_half_open. */
    record Denied(String domain, String reason, Instant retryAt) implements Decision {
    }
  }

  /** Asks for a run on {@code domain} for {@code taskId}. */
  public Future<Decision> acquire(String domain, UUID taskId) {
    return PgConnection.connect(vertx, connectOptions).compose(conn -> conn.begin()
        .compose(tx -> decide(conn, domain, taskId)
            .compose(decision -> finish(conn, tx, decision)))
        .recover(e -> conn.close().transform(closed -> Future.<Decision>failedFuture(e))));
  }

  private Future<Decision> finish(PgConnection conn, Transaction tx, Decision decision) {
    if (decision instanceof Decision.Granted) {
      return tx.commit().map(decision);
    }
    // Closing drops the slot lock, if one was taken, along with the rolled-back transaction.
    return tx.rollback().eventually(conn::close).map(decision);
  }

  private Future<Decision> decide(PgConnection conn, String domain, UUID taskId) {
    return conn.preparedQuery(DOMAIN_LOCK).execute(Tuple.of(domain))
        .compose(locked -> conn.preparedQuery(ENSURE_ROW).execute(Tuple.of(domain)))
        .compose(ensured -> conn.preparedQuery(ROW).execute(Tuple.of(domain)))
        .compose(rows -> {
          Row row = rows.iterator().next();
          Instant now = instant(row.getOffsetDateTime("now")).orElseThrow();
          Limits limits = new Limits(row.getInteger("max_concurrency"), row.getInteger("per_minute"),
              row.getInteger("per_hour"), row.getInteger("per_day"), Duration.ofMillis(row.getInteger("min_interval_ms")));
          Gate gate = DomainRules.gate(now, Circuit.fromDb(row.getString("circuit_state")),
              instant(row.getOffsetDateTime("circuit_opened_at")), instant(row.getOffsetDateTime("paused_until")),
              config.circuitCooldown());
          if (gate instanceof Gate.Shut shut) {
            return Future.succeededFuture(new Decision.Denied(domain, shut.reason(), shut.until()));
          }
          // A half-open trial runs alone.
          int slots = gate instanceof Gate.Trial ? 1 : limits.maxConcurrency();
          return conn.preparedQuery(TAKE_SLOT).execute(Tuple.of(domain, slots)).compose(taken -> {
            if (!taken.iterator().hasNext()) {
              return Future.succeededFuture(new Decision.Denied(domain, "busy", now.plus(config.busyRetry())));
            }
            int slot = taken.iterator().next().getInteger("slot");
            return conn.preparedQuery(RECENT).execute(Tuple.of(domain, (long) limits.perMinute() - 1,
                    (long) limits.perHour() - 1, (long) limits.perDay() - 1))
                .compose(recent -> {
                  Row r = recent.iterator().next();
                  RecentStarts starts = new RecentStarts(instant(r.getOffsetDateTime("nth_minute")),
                      instant(r.getOffsetDateTime("nth_hour")), instant(r.getOffsetDateTime("nth_day")),
                      instant(r.getOffsetDateTime("latest")));
                  Optional<Instant> retryAt = DomainRules.rateRetryAt(now, limits, starts);
                  if (retryAt.isPresent()) {
                    return Future.succeededFuture(new Decision.Denied(domain, "rate", retryAt.get()));
                  }
                  Future<?> trial = gate instanceof Gate.Trial
                      ? conn.preparedQuery(TRIAL).execute(Tuple.of(domain))
                      : Future.succeededFuture();
                  return trial.compose(t -> conn.preparedQuery(START).execute(Tuple.of(domain, taskId)))
                      .map(inserted -> new Decision.Granted(new Permit(conn, domain, slot, gate instanceof Gate.Trial)));
                });
          });
        });
  }

  /** Deletes run starts older than the longest window (the reconciler calls this). */
  public Future<Integer> purgeOldRuns() {
    return pool.query(PURGE).execute().map(rows -> rows.rowCount());
  }

  private static Optional<Instant> instant(OffsetDateTime time) {
    return Optional.ofNullable(time).map(OffsetDateTime::toInstant);
  }

  /**
   * One granted run on a domain. Hold it for the whole browser session and {@link #release} it once; until then
   * its connection holds the slot. {@link #lost()} completes if that connection drops (database restart): the slot
   * is gone, so the run should stop rather than exceed the domain's limit.
   */
  public final class Permit {
    private final SqlConnection connection;
    private final String domain;
    private final int slot;
    private final boolean trial;
    private final AtomicBoolean released = new AtomicBoolean();
    private final Promise<Void> lost = Promise.promise();

    private Permit(PgConnection connection, String domain, int slot, boolean trial) {
      this.connection = connection;
      this.domain = domain;
      this.slot = slot;
      this.trial = trial;
      connection.closeHandler(v -> {
        if (!released.get()) {
          log.warn("the connection holding slot {} of {} dropped", slot, domain);
          lost.tryComplete();
        }
      });
    }

    public String domain() {
      return domain;
    }

    public int slot() {
      return slot;
    }

    /** This run is the half-open circuit's single trial. */
    public boolean trial() {
      return trial;
    }

    public Future<Void> lost() {
      return lost.future();
    }

    /** Reports the run to the breaker and frees the slot. Safe to call more than once (the first counts). */
    public Future<Void> release(Outcome outcome) {
      if (!released.compareAndSet(false, true)) {
        return Future.succeededFuture();
      }
      Future<?> reported = outcome == Outcome.SITE_OK
          ? pool.preparedQuery(SUCCEEDED).execute(Tuple.of(domain))
          : pool.preparedQuery(FAILED).execute(Tuple.of(domain, config.circuitFailures()))
              .onSuccess(rows -> rows.forEach(row -> {
                if ("open".equals(row.getString("circuit_state"))) {
                  log.warn("circuit of {} is open for {}", domain, config.circuitCooldown());
                }
              }));
      // The slot goes with the connection, whatever the report did.
      return reported.eventually(connection::close).mapEmpty();
    }

    /** Frees the slot without reporting (what a crash amounts to; tests use it to simulate one). */
    Future<Void> abandon() {
      released.set(true);
      return connection.close();
    }
  }
}
