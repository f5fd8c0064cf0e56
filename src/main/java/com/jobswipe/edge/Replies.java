package com.jobswipe.edge;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** How route handlers answer: a JSON body, an empty 204, or the failure handler's problem document. */
public final class Replies {

  private Replies() {
  }

  public static void json(RoutingContext ctx, int status, Future<JsonObject> result) {
    result.onSuccess(body -> json(ctx, status, body)).onFailure(ctx::fail);
  }

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(body.encode());
  }

  public static void noContent(RoutingContext ctx, Future<?> result) {
    result.onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  /** A path id; the contract answered anything but a UUID with a 404, exactly like an id that does not exist. */
  public static UUID uuidParam(RoutingContext ctx, String name) {
    return Contract.parameters(ctx).id(name);
  }
}
