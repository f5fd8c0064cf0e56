package com.jobswipe.applications;

import com.jobswipe.auth.Authn;
import com.jobswipe.bus.ApplicationMessages.ApplicationState;
import com.jobswipe.bus.ApplicationMessages.CancelApplication;
import com.jobswipe.bus.ApplicationMessages.ResumeApplication;
import com.jobswipe.bus.Bus;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.KeysetPage;
import com.jobswipe.edge.PageCursor;
import com.jobswipe.edge.Parameters;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.edge.Replies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /v1/applications}: the user's applications with their audit trail and screenshots (read here), and the
 * human hand-off — resume with answers, cancel — sent to the automation role, which owns the task's state.
 */
final class ApplicationRoutes {

  private final Vertx vertx;
  private final ApplicationStore store;
  private final DataKeyRing keys;

  ApplicationRoutes(Vertx vertx, ApplicationStore store, DataKeyRing keys) {
    this.vertx = vertx;
    this.store = store;
    this.keys = keys;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    Handler<RoutingContext> users = Authn.usersOnly();
    router.get("/v1/applications").handler(signedIn).handler(userLimit).handler(users).handler(this::list);
    router.get("/v1/applications/:id").handler(signedIn).handler(userLimit).handler(users).handler(this::get);
    router.post("/v1/applications/:id/resume").handler(signedIn).handler(userLimit).handler(users)
        .handler(this::resume);
    router.post("/v1/applications/:id/cancel").handler(signedIn).handler(userLimit).handler(users)
        .handler(this::cancel);
    router.get("/v1/applications/:id/screenshots/:n").handler(signedIn).handler(userLimit).handler(users)
        .handler(this::screenshot);
  }

  private static UUID userId(RoutingContext ctx) {
    return Authn.principal(ctx).userId().orElseThrow();
  }

  private void list(RoutingContext ctx) {
    UUID userId = userId(ctx);
    KeysetPage page = KeysetPage.of(ctx, "applications", userId);
    Replies.json(ctx, 200, store.list(userId, page.after(), page.rowsToRead()).map(rows -> page.reply(rows,
        ApplicationStore::summary, row -> new PageCursor(row.getOffsetDateTime("created_at"), row.getUUID("id")))));
  }

  private void get(RoutingContext ctx) {
    UUID id = Replies.uuidParam(ctx, "id");
    Replies.json(ctx, 200, store.get(userId(ctx), id).map(found -> found.orElseThrow(ApplicationRoutes::notFound)));
  }

  /** Answers are sealed here, bound to the task, so they cross the bus and rest in PostgreSQL only as ciphertext. */
  private void resume(RoutingContext ctx) {
    UUID userId = userId(ctx);
    UUID id = Replies.uuidParam(ctx, "id");
    JsonObject body = ctx.body().isEmpty() ? new JsonObject() : Contract.body(ctx);
    JsonArray answers = body.getJsonArray("answers", new JsonArray());
    Replies.json(ctx, 200, store.taskOf(userId, id).compose(task -> {
      if (task.isEmpty()) {
        return Future.failedFuture(notFound());
      }
      Optional<String> sealed = answers.isEmpty() ? Optional.empty() : Optional.of(Base64.getEncoder().encodeToString(
          keys.encryptString(answers.encode(), EncryptedColumn.TASK_ANSWERS.context(task.get()))));
      Optional<String> keyId = sealed.map(s -> keys.currentKeyId());
      return Bus.APPLICATION_RESUME.request(vertx.eventBus(),
          new ResumeApplication(id.toString(), userId.toString(), sealed, keyId));
    }).map(ApplicationState::toJson));
  }

  private void cancel(RoutingContext ctx) {
    UUID id = Replies.uuidParam(ctx, "id");
    Replies.json(ctx, 200, Bus.APPLICATION_CANCEL.request(vertx.eventBus(),
        new CancelApplication(id.toString(), userId(ctx).toString())).map(ApplicationState::toJson));
  }

  private void screenshot(RoutingContext ctx) {
    Parameters parameters = Contract.parameters(ctx);
    UUID id = parameters.id("id");
    int seq = parameters.whole("n").orElseThrow().intValue();
    store.screenshot(userId(ctx), id, seq)
        .map(found -> found.orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No such screenshot")))
        .compose(shot -> vertx.executeBlocking(() -> new Object[] {shot.contentType(),
            keys.decrypt(shot.sealed(), EncryptedColumn.SCREENSHOT.context(shot.id()))}, false))
        .onSuccess(image -> ctx.response().putHeader("Content-Type", (String) image[0])
            .putHeader("Cache-Control", "private, no-store")
            .end(Buffer.buffer((byte[]) image[1])))
        .onFailure(ctx::fail);
  }

  private static Problem notFound() {
    return new Problem(ProblemType.NOT_FOUND, "No such application");
  }
}
