package com.jobswipe.analytics;

import com.jobswipe.auth.Authn;
import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.ApplicationMessages.SettleApplication;
import com.jobswipe.bus.Bus;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.edge.Replies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code PATCH /v1/applications/{id}}: what happened after the submit, told by the owner. Either an outcome
 * ({@code {"outcome": "interview", "note": "…"}}, on a SUBMITTED application; every report is kept, the latest is
 * current) or the settling of an application the automation could not confirm ({@code {"settle": "submitted"}}
 * or {@code "failed"}, only from UNKNOWN). An outcome writes a line of the application's trail and announces it on
 * {@code applications.events}, so the owner's sockets on every node hear of it. Settling moves the application's
 * state, which is automation's: it is asked over the bus ({@code automation.applications.settle}), and it writes
 * and announces the line itself, as for every state it moves.
 */
final class OutcomeRoutes {

  static final List<String> OUTCOMES = List.of("interview", "offer", "rejected", "no_response", "withdrawn");

  private final Pool pool;
  private final EventBus bus;

  OutcomeRoutes(Pool pool, EventBus bus) {
    this.pool = pool;
    this.bus = bus;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    router.patch("/v1/applications/:id").handler(signedIn).handler(userLimit).handler(Authn.usersOnly())
        .handler(this::patch);
  }

  private void patch(RoutingContext ctx) {
    UUID userId = Authn.principal(ctx).userId().orElseThrow();
    UUID id = Replies.uuidParam(ctx, "id");
    JsonObject body = Contract.body(ctx);
    Optional<String> outcome = Optional.ofNullable(body.getString("outcome"));
    Optional<String> settle = Optional.ofNullable(body.getString("settle"));
    if (outcome.isPresent() == settle.isPresent()) {
      throw invalid("outcome", "send either 'outcome' (with an optional 'note') or 'settle', not both or neither");
    }
    if (settle.isPresent() && body.containsKey("note")) {
      throw invalid("note", "goes with an outcome, not with 'settle'");
    }
    if (settle.isPresent()) {
      // Only UNKNOWN can be settled, and outcomes are only ever recorded on SUBMITTED: a settled application has
      // none yet.
      Replies.json(ctx, 200, Bus.APPLICATION_SETTLE.request(bus, new SettleApplication(id.toString(),
              userId.toString(), settle.get().toUpperCase(Locale.ROOT)))
          .map(state -> new JsonObject().put("id", id.toString()).put("status", state.status())
              .putNull("outcome").put("outcomes", new JsonArray())));
      return;
    }
    Future<Row> changed = owned(id, userId).compose(status -> change(AnalyticsQueries.RECORD_OUTCOME,
        Tuple.of(id, userId, outcome.get(), body.getString("note")),
        "An outcome can be reported only for a SUBMITTED application; this one is " + status));
    Replies.json(ctx, 200, changed.compose(row -> {
      announce(userId, row);
      return history(id).map(outcomes -> new JsonObject().put("id", id.toString())
          .put("status", row.getString("status"))
          .put("outcome", outcomes.getJsonObject(outcomes.size() - 1).getString("outcome"))
          .put("outcomes", outcomes));
    }));
  }

  /** The application's status when it is this user's; otherwise 404, as for an id that does not exist. */
  private Future<String> owned(UUID id, UUID userId) {
    return pool.preparedQuery(AnalyticsQueries.OWNED_APPLICATION).execute(Tuple.of(id, userId)).map(rows -> {
      if (rows.size() == 0) {
        throw new Problem(ProblemType.NOT_FOUND, "No such application");
      }
      return rows.iterator().next().getString("status");
    });
  }

  /** Runs a compare-and-set; no row back means the application was not in the state the change needs. */
  private Future<Row> change(String sql, Tuple params, String conflict) {
    return pool.preparedQuery(sql).execute(params).map(rows -> first(rows)
        .orElseThrow(() -> new Problem(ProblemType.CONFLICT, conflict)));
  }

  private Future<JsonArray> history(UUID id) {
    return pool.preparedQuery(AnalyticsQueries.OUTCOME_HISTORY).execute(Tuple.of(id)).map(rows -> {
      JsonArray outcomes = new JsonArray();
      rows.forEach(row -> outcomes.add(new JsonObject().put("outcome", row.getString("outcome"))
          .put("note", row.getString("note"))
          .put("at", row.getOffsetDateTime("created_at").toInstant().toString())));
      return outcomes;
    });
  }

  private void announce(UUID userId, Row row) {
    JsonObject detail = Optional.ofNullable((JsonObject) row.getJson("line_detail")).orElseGet(JsonObject::new);
    Bus.APPLICATION_EVENTS.publish(bus, new ApplicationEvent(row.getLong("line_id"), row.getUUID("id").toString(),
        userId.toString(), row.getString("status"), row.getString("line_step"), row.getString("line_outcome"),
        row.getOffsetDateTime("line_started_at").toInstant().toString(), detail));
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  private static Problem invalid(String field, String message) {
    return new Problem(ProblemType.VALIDATION, message,
        new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("field", field).put("message", message))));
  }
}
