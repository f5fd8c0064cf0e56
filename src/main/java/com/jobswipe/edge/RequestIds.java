package com.jobswipe.edge;

import com.jobswipe.bus.RequestTrace;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Accepts a caller's {@code X-Request-Id} when it is a sane token, otherwise makes one, and echoes it,
 * so one id follows a request through the client, the access log and any error report.
 */
public final class RequestIds implements PlatformHandler {

  public static final RequestIds INSTANCE = new RequestIds();

  public static final String HEADER = "X-Request-Id";
  private static final String KEY = "requestId";
  /** Bounded and log-safe: no spaces, quotes or control characters can reach a log line. */
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {
  }

  @Override
  public void handle(RoutingContext ctx) {
    String offered = ctx.request().getHeader(HEADER);
    String id = offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    ctx.put(KEY, id);
    // The request's own context: bus requests sent while serving it carry the id to the role that serves them.
    RequestTrace.set(id);
    ctx.response().putHeader(HEADER, id);
    ctx.next();
  }

  public static String of(RoutingContext ctx) {
    String id = ctx.get(KEY);
    return id == null ? "-" : id;
  }
}
