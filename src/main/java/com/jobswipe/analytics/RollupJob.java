package com.jobswipe.analytics;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the daily rollups in step with the record. A run finds the closed days (before today, UTC) that rows changed
 * since the last run touched, and recomputes each of those days whole from the record: delete its rollup rows,
 * insert its aggregate. Recomputing a day gives the same rows however often it runs, so a repeated run, or one
 * after a crash (the transaction rolled back), changes nothing.
 *
 * <p>One node at a time: a run holds a transaction-scoped PostgreSQL advisory lock; a node that finds it taken
 * skips its turn (the holder does the work). EmptyRequest — rows and the watermark — commits together, so a report
 * sees the rollups either before or after a run, never half-way.
 *
 * <p>The watermark is the start of the UTC day the last run saw, read back with a {@link #OVERLAP_MINUTES} margin:
 * a transaction that began before the run but committed after it carries an earlier timestamp, and the margin
 * (and the day-long rescan) catches it. A row whose timestamps are set in the past on purpose (a backfill, an
 * import) is not seen as a change: {@link #rebuild()} recomputes every day after such a load.
 */
public final class RollupJob {

  /** How far before the watermark changed rows are looked for; longer than any write transaction we run. */
  static final int OVERLAP_MINUTES = 10;

  /** What a run did: whether it held the lock, how many days it recomputed, and how long it took. */
  public record Outcome(boolean ran, int days, long millis) {
  }

  private final Pool pool;

  public RollupJob(Pool pool) {
    this.pool = pool;
  }

  /** The periodic run: skips at once when another node is running. */
  public Future<Outcome> run() {
    return run(AnalyticsQueries.ROLLUP_TRY_LOCK, false);
  }

  /** Runs now, waiting for a run elsewhere to finish first. */
  public Future<Outcome> runNow() {
    return run(AnalyticsQueries.ROLLUP_LOCK, false);
  }

  /** Recomputes every day from the start of the record (after loading history with past timestamps). */
  public Future<Outcome> rebuild() {
    return run(AnalyticsQueries.ROLLUP_LOCK, true);
  }

  private Future<Outcome> run(String lock, boolean fromScratch) {
    long started = System.nanoTime();
    return pool.withTransaction(conn -> conn.query(lock).execute().compose(locked -> {
      if (!locked.iterator().next().getBoolean("mine")) {
        return Future.succeededFuture(new Outcome(false, 0, 0));
      }
      Future<?> reset = conn.query(AnalyticsQueries.NO_JIT).execute().compose(off -> fromScratch
          ? conn.query(AnalyticsQueries.ROLLUP_RESET).execute() : Future.succeededFuture());
      return reset.compose(r -> conn.query(AnalyticsQueries.ROLLUP_STATE).execute()).compose(state -> {
        Row row = state.iterator().next();
        LocalDate today = row.getLocalDate("today");
        return conn.preparedQuery(AnalyticsQueries.DIRTY_DAYS)
            .execute(Tuple.of(today))
            .compose(changed -> {
              List<LocalDate> days = new ArrayList<>();
              changed.forEach(day -> days.add(day.getLocalDate("day")));
              return recompute(conn, days).compose(done -> conn.preparedQuery(AnalyticsQueries.ROLLUP_DONE)
                  .execute(Tuple.of(today.atStartOfDay().atOffset(java.time.ZoneOffset.UTC), today.minusDays(1),
                      (int) ((System.nanoTime() - started) / 1_000_000), days.size()))
                  .map(new Outcome(true, days.size(), (System.nanoTime() - started) / 1_000_000)));
            });
      });
    }));
  }

  private static Future<Void> recompute(SqlConnection conn, List<LocalDate> days) {
    if (days.isEmpty()) {
      return Future.succeededFuture();
    }
    Tuple which = Tuple.of((Object) days.toArray(LocalDate[]::new));
    Future<?> chain = Future.succeededFuture();
    List<String> statements = new ArrayList<>(AnalyticsQueries.ROLLUP_CLEAR);
    statements.addAll(List.of(AnalyticsQueries.FUNNEL_ROLLUP, AnalyticsQueries.MATCHING_ROLLUP,
        AnalyticsQueries.AUTOMATION_ROLLUP, AnalyticsQueries.SOURCES_ROLLUP, AnalyticsQueries.USERS_ROLLUP));
    for (String sql : statements) {
      chain = chain.compose(previous -> conn.preparedQuery(sql).execute(which));
    }
    return chain.mapEmpty();
  }
}
