package com.jobswipe.edge;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Requests the HTTP decoder could not parse never reach the router; without this they would get Vert.x's
 * bare 400. They get a problem document like everything else, and the connection closes, since the
 * stream cannot be trusted after a framing error.
 */
public final class InvalidRequests {

  private InvalidRequests() {
  }

  public static void handle(HttpServerRequest request) {
    Throwable cause = request.decoderResult().cause();
    ProblemType type;
    if (cause instanceof TooLongHttpLineException) {
      type = ProblemType.URI_TOO_LONG;
    } else if (cause instanceof TooLongHttpHeaderException) {
      type = ProblemType.HEADERS_TOO_LARGE;
    } else {
      type = ProblemType.BAD_REQUEST;
    }
    Problem problem = new Problem(type, "The HTTP request could not be parsed");
    request.response()
        .setStatusCode(type.status())
        .putHeader("Content-Type", Problem.CONTENT_TYPE)
        .putHeader("Connection", "close")
        .end(problem.toJson(null).encode());
  }
}
