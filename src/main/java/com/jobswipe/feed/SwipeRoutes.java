package com.jobswipe.feed;

import com.jobswipe.auth.Authn;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.KeysetPage;
import com.jobswipe.edge.PageCursor;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.edge.Replies;
import com.jobswipe.feed.SwipeRules.Swipe;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.util.UUID;

/** {@code POST /v1/swipes}, {@code GET /v1/saved}, {@code GET /v1/jobs/{id}}. */
final class SwipeRoutes {

  private final SwipeStore store;
  private final SwipeService swipes;

  SwipeRoutes(Vertx vertx, Pool pool) {
    this.store = new SwipeStore(pool);
    this.swipes = new SwipeService(store, vertx.eventBus());
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    Handler<RoutingContext> usersOnly = Authn.usersOnly();
    router.post("/v1/swipes").handler(signedIn).handler(userLimit).handler(usersOnly).handler(this::swipe);
    router.get("/v1/saved").handler(signedIn).handler(userLimit).handler(usersOnly).handler(this::saved);
    router.get("/v1/jobs/:id").handler(signedIn).handler(userLimit).handler(usersOnly).handler(this::job);
  }

  private void swipe(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Direction direction = Direction.of(body.getString("direction"));
    boolean dryRun = body.getBoolean("dryRun", false);
    if (dryRun && direction != Direction.RIGHT) {
      throw new Problem(ProblemType.VALIDATION, "dryRun applies to right swipes only: nothing is sent for the others");
    }
    Swipe swipe = new Swipe(UUID.fromString(body.getString("jobId")), direction, body.getString("clientId"), dryRun);
    swipes.swipe(userId(ctx), swipe)
        .onSuccess(outcome -> Replies.json(ctx, outcome.created() ? 201 : 200, outcome.toJson()))
        .onFailure(ctx::fail);
  }

  private void saved(RoutingContext ctx) {
    UUID userId = userId(ctx);
    KeysetPage page = KeysetPage.of(ctx, "saved", userId);
    Replies.json(ctx, 200, store.saved(userId, page.after(), page.rowsToRead()).map(rows -> page.reply(rows,
        SwipeRoutes::savedItem, row -> new PageCursor(row.getOffsetDateTime("saved_at"), row.getUUID("interaction_id")))));
  }

  private void job(RoutingContext ctx) {
    UUID jobId = Replies.uuidParam(ctx, "id");
    Replies.json(ctx, 200, store.jobPage(jobId, userId(ctx)).map(found -> {
      Row row = found.orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No such job"));
      JsonObject job = JobCards.detail(row);
      String direction = row.getString("swipe_direction");
      if (direction != null) {
        job.put("swipe", new JsonObject()
            .put("direction", direction)
            .put("createdAt", JobCards.instant(row.getOffsetDateTime("swipe_created_at")))
            .put("updatedAt", JobCards.instant(row.getOffsetDateTime("swipe_updated_at"))));
      }
      return job;
    }));
  }

  private static JsonObject savedItem(Row row) {
    return new JsonObject()
        .put("job", JobCards.card(row))
        .put("savedAt", JobCards.instant(row.getOffsetDateTime("saved_at")))
        .put("interactionId", row.getUUID("interaction_id").toString())
        .put("jobStatus", row.getString("job_status"));
  }

  private static UUID userId(RoutingContext ctx) {
    return Authn.principal(ctx).requireUser();
  }
}
