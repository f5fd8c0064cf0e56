package com.jobswipe.analytics;

import com.jobswipe.edge.Contract;
import com.jobswipe.edge.QueryParams;
import com.jobswipe.auth.Authn;
import com.jobswipe.edge.Replies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /v1/me/stats}: the signed-in job seeker's own numbers, read live (one user's rows are few, and each
 * query follows an index on the user).
 */
final class StatsRoutes {

  static final List<String> DIRECTIONS = List.of("right", "left", "save");
  static final List<String> STATUSES = List.of("QUEUED", "RUNNING", "FILLING", "SUBMITTING", "SUBMITTED", "NEEDS_HUMAN",
      "RATE_LIMITED", "FAILED", "UNKNOWN", "CANCELLED");

  private final Pool pool;
  private final Clock clock;

  StatsRoutes(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    router.get("/v1/me/stats").handler(signedIn).handler(userLimit).handler(Authn.usersOnly()).handler(this::stats);
  }

  private void stats(RoutingContext ctx) {
    UUID userId = Authn.principal(ctx).userId().orElseThrow();
    Contract.parameters(ctx); // judges from and to, each a date given at most once
    ReportWindow window = ReportWindow.parse(QueryParams.all(ctx), LocalDate.now(clock));
    Tuple inWindow = Tuple.of(userId, window.from(), window.to());
    Tuple mine = Tuple.of(userId);
    Future<RowSet<Row>> swipes = pool.preparedQuery(AnalyticsQueries.STATS_SWIPES).execute(inWindow);
    Future<RowSet<Row>> applications = pool.preparedQuery(AnalyticsQueries.STATS_APPLICATIONS).execute(inWindow);
    Future<RowSet<Row>> weekly = pool.preparedQuery(AnalyticsQueries.STATS_SUBMITTED_WEEKLY).execute(inWindow);
    Future<RowSet<Row>> timing = pool.preparedQuery(AnalyticsQueries.STATS_TIME_TO_SUBMIT).execute(inWindow);
    Future<RowSet<Row>> waiting = pool.preparedQuery(AnalyticsQueries.STATS_NEEDS_HUMAN).execute(mine);
    Future<RowSet<Row>> waitingCount = pool.preparedQuery(AnalyticsQueries.STATS_NEEDS_HUMAN_COUNT).execute(mine);
    Future<RowSet<Row>> outcomes = pool.preparedQuery(AnalyticsQueries.STATS_OUTCOMES).execute(inWindow);
    Replies.json(ctx, 200, Future.all(List.of(swipes, applications, weekly, timing, waiting, waitingCount, outcomes))
        .map(all -> {
          JsonArray perWeek = new JsonArray();
          weekly.result().forEach(row -> perWeek.add(new JsonObject().put("week", row.getString("week"))
              .put("submitted", row.getLong("n"))));
          Row time = timing.result().iterator().next();
          JsonArray needsHuman = new JsonArray();
          waiting.result().forEach(row -> needsHuman.add(new JsonObject().put("id", row.getUUID("id").toString())
              .put("job", new JsonObject().put("title", row.getString("title")).put("company", row.getString("company")))
              .put("waitingSince", row.getOffsetDateTime("updated_at").toInstant().toString())));
          Double median = time.getDouble("median");
          return new JsonObject()
              .put("window", window.toJson().put("timeZone", "UTC"))
              .put("swipes", counts(swipes.result(), "direction", DIRECTIONS))
              .put("applications", counts(applications.result(), "status", STATUSES))
              .put("submittedPerWeek", perWeek)
              .put("timeToSubmit", new JsonObject().put("applications", time.getLong("n"))
                  .put("medianSeconds", median == null ? null : Math.round(median * 10) / 10.0))
              .put("needsHuman", new JsonObject().put("count", waitingCount.result().iterator().next().getLong("n"))
                  .put("applications", needsHuman))
              .put("outcomes", counts(outcomes.result(), "outcome", OutcomeRoutes.OUTCOMES));
        }));
  }

  /** Every key with its count, zero when there were none, so clients need not guess which keys exist. */
  private static JsonObject counts(RowSet<Row> rows, String column, List<String> keys) {
    JsonObject counts = new JsonObject();
    keys.forEach(key -> counts.put(key, 0L));
    rows.forEach(row -> counts.put(row.getString(column), row.getLong("n")));
    return counts;
  }
}
