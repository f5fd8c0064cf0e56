package com.jobswipe.edge;

import com.jobswipe.bus.BusFailure;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one mapping from failures to {@code application/problem+json}. Stack traces stay in the log. */
public final class Problems {

  private static final Logger log = LoggerFactory.getLogger(Problems.class);

  private Problems() {
  }

  /** Router failure handler: whatever failed the context, the client gets a problem document. */
  public static void handleFailure(RoutingContext ctx) {
    send(ctx, toProblem(ctx));
  }

  public static void send(RoutingContext ctx, Problem problem) {
    HttpServerResponse response = ctx.response();
    if (response.headWritten()) {
      // Too late for a status line: the client sees a cut-off response, which is honest.
      response.reset();
      return;
    }
    response.setStatusCode(problem.status())
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .putHeader("Cache-Control", "no-store");
    problem.retryAfterSeconds().ifPresent(seconds -> response.putHeader("Retry-After", Long.toString(seconds)));
    if (problem.status() == 401 && !ctx.request().isEnded()) {
      // Refused for its credential before its body was read (an upload, whose body is read only after
      // authentication): the body never will be, so the connection cannot carry another request. Say so, and close
      // it once the answer is out, or the client would keep sending into a connection nobody reads. (Other refusals
      // come from the body handlers, which read or discard the body themselves.)
      response.putHeader("Connection", "close");
      response.endHandler(sent -> ctx.request().connection().close());
    }
    response.end(problem.toJson(ctx.request().path()).encode());
  }

  private static Problem toProblem(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof Problem problem) {
      return problem;
    }
    if (failure instanceof BusFailure bus) {
      return fromBus(ctx, bus);
    }
    int status = ctx.statusCode();
    if (status >= 400 && status < 500) {
      return new Problem(ProblemType.forStatus(status), null);
    }
    log.error("request {} {} {} failed", RequestIds.of(ctx), ctx.request().method(), ctx.request().path(), failure);
    return new Problem(ProblemType.INTERNAL, "Something went wrong on our side; request id " + RequestIds.of(ctx));
  }

  private static Problem fromBus(RoutingContext ctx, BusFailure failure) {
    return switch (failure.code()) {
      case BAD_REQUEST -> new Problem(ProblemType.BAD_REQUEST, failure.getMessage());
      case NOT_FOUND -> new Problem(ProblemType.NOT_FOUND, failure.getMessage());
      case CONFLICT -> new Problem(ProblemType.CONFLICT, failure.getMessage());
      case TIMEOUT -> new Problem(ProblemType.TIMEOUT, null);
      case UNAVAILABLE -> new Problem(ProblemType.UNAVAILABLE, failure.getMessage());
      case NO_HANDLER -> new Problem(ProblemType.UNAVAILABLE, null);
      case INTERNAL -> {
        log.error("request {} failed in a backend role: {}", RequestIds.of(ctx), failure.getMessage());
        yield new Problem(ProblemType.BAD_GATEWAY, "request id " + RequestIds.of(ctx));
      }
    };
  }
}
