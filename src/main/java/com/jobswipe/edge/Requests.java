package com.jobswipe.edge;

import io.vertx.ext.web.RoutingContext;

/**
 * Holding a request's body while an asynchronous check runs. Over HTTP/2 a small request may already be read to its
 * end when the route starts, and pausing or resuming it then throws: there is nothing left to hold.
 */
public final class Requests {

  private Requests() {
  }

  public static void pause(RoutingContext ctx) {
    if (!ctx.request().isEnded()) {
      ctx.request().pause();
    }
  }

  public static void resume(RoutingContext ctx) {
    if (!ctx.request().isEnded()) {
      ctx.request().resume();
    }
  }
}
