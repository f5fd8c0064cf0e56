package com.jobswipe.admin;

import com.jobswipe.audit.Audit;
import com.jobswipe.auth.Authn;
import com.jobswipe.auth.Scopes;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusMessage;
import com.jobswipe.bus.EmptyRequest;
import com.jobswipe.bus.SourceMessages.SourceRef;
import com.jobswipe.bus.SourceMessages.SourceSpec;
import com.jobswipe.bus.SourceMessages.SourceState;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Replies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * {@code /v1/admin/sources} and {@code /v1/admin/categories}: the api role validates and authorises, the
 * ingestion role — wherever it runs in the cluster — does the work, over the bus.
 */
final class SourceAdminRoutes {

  private static final Set<String> KINDS = Set.of("rss", "greenhouse", "lever", "ashby", "workable",
      "smartrecruiters", "remotive", "remoteok");

  private final EventBus bus;

  SourceAdminRoutes(EventBus bus) {
    this.bus = bus;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    Handler<RoutingContext> read = Authn.adminOr(Scopes.SOURCES_READ);
    Handler<RoutingContext> write = Authn.adminOr(Scopes.SOURCES_WRITE);
    router.post("/v1/admin/sources").handler(signedIn).handler(userLimit).handler(write).handler(this::create);
    router.get("/v1/admin/sources").handler(signedIn).handler(userLimit).handler(read).handler(ctx ->
        reply(ctx, 200, Bus.SOURCE_LIST.request(bus, new EmptyRequest())));
    router.get("/v1/admin/sources/:id").handler(signedIn).handler(userLimit).handler(read).handler(ctx ->
        Replies.json(ctx, 200, Bus.SOURCE_GET.request(bus, ref(ctx)).map(SourceState::source)));
    router.delete("/v1/admin/sources/:id").handler(signedIn).handler(userLimit).handler(write).handler(ctx ->
        Bus.SOURCE_DELETE.request(bus, ref(ctx))
            .onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    router.post("/v1/admin/sources/:id/sync").handler(signedIn).handler(userLimit).handler(write).handler(ctx ->
        reply(ctx, 200, Bus.SOURCE_SYNC.request(bus, ref(ctx))));
    router.post("/v1/admin/jobs/verify").handler(signedIn).handler(userLimit).handler(write).handler(ctx ->
        reply(ctx, 200, Bus.JOBS_VERIFY.request(bus, new EmptyRequest())));
    router.get("/v1/admin/categories").handler(signedIn).handler(userLimit).handler(read).handler(ctx ->
        reply(ctx, 200, Bus.CATEGORIES.request(bus, new EmptyRequest())));
  }

  /** The source a path names; the contract answered anything but a UUID with a 404. */
  private static SourceRef ref(RoutingContext ctx) {
    return new SourceRef(Replies.uuidParam(ctx, "id").toString());
  }

  private void create(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 201, Bus.SOURCE_CREATE.request(bus, new SourceSpec(body.getString("kind"), body.getString("url"),
        body.getString("name"), body.getString("schedule", "PT1H"), body.getJsonObject("config", new JsonObject())))
        .map(state -> Audit.created(ctx, state.source().getString("id"), state.source())));
  }

  private static void reply(RoutingContext ctx, int status, Future<? extends BusMessage> result) {
    Replies.json(ctx, status, result.map(BusMessage::toJson));
  }

}
