package com.jobswipe.auth;

import io.vertx.ext.web.RoutingContext;

import java.util.function.Function;

/** Where a request came from, for audit and session records. */
public record RequestInfo(String ip, String userAgent) {

  public RequestInfo {
    userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 256));
  }

  /** @param clientIp the client's address as the edge reads it (socket peer, or the trusted proxy's header) */
  public static RequestInfo of(RoutingContext ctx, Function<RoutingContext, String> clientIp) {
    return new RequestInfo(clientIp.apply(ctx), ctx.request().getHeader("User-Agent"));
  }
}
