package com.jobswipe.edge;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * One JSON line per request on the {@code access} logger. The query string is left out on purpose: OAuth
 * codes, tokens and e-mail addresses travel there.
 */
public final class AccessLog implements PlatformHandler {

  public static final AccessLog INSTANCE = new AccessLog();

  private static final Logger log = LoggerFactory.getLogger("access");

  private AccessLog() {
  }

  @Override
  public void handle(RoutingContext ctx) {
    long started = System.nanoTime();
    ctx.addEndHandler(done -> {
      HttpServerRequest request = ctx.request();
      JsonObject line = new JsonObject()
          .put("time", Instant.now().toString())
          .put("requestId", RequestIds.of(ctx))
          .put("method", request.method().name())
          .put("path", request.path())
          .put("status", ctx.response().getStatusCode())
          .put("durationMs", (System.nanoTime() - started) / 1_000_000.0)
          .put("bytesOut", ctx.response().bytesWritten())
          .put("remote", request.remoteAddress() == null ? null : request.remoteAddress().hostAddress())
          .put("userAgent", request.getHeader("User-Agent"));
      if (done.failed()) {
        line.put("aborted", true);
      }
      log.info(line.encode());
    });
    ctx.next();
  }
}
