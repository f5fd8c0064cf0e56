package com.jobswipe.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;

/** Serves {@code /openapi.yaml}, the API contract, from the copy in the jar (read once, asynchronously). */
final class OpenApiRoute {

  /** Vert.x's file system falls back to the classpath, so this finds the copy inside the jar. */
  private static final String RESOURCE = "openapi.yaml";

  private OpenApiRoute() {
  }

  static Future<Void> mount(Vertx vertx, Router router) {
    return vertx.fileSystem().readFile(RESOURCE).map(document -> {
      router.get("/openapi.yaml").handler(ctx -> ctx.response()
          .putHeader("Content-Type", "application/yaml")
          .putHeader("Cache-Control", "public, max-age=300")
          .end(document));
      return null;
    });
  }
}
