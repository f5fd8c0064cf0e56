package com.jobswipe.config;

import java.time.Duration;
import java.util.List;

/**
 * The HTTP edge.
 *
 * @param apiInstances ApiVerticle instances; 0 means one per event-loop thread (2 × cores)
 * @param bodyLimitBytes the largest request body accepted on ordinary routes
 * @param shutdownGrace how long in-flight requests get to finish after SIGTERM
 */
public record HttpConfig(String host, int port, int apiInstances, long bodyLimitBytes, Duration shutdownGrace,
                         List<String> corsOrigins) {

  static HttpConfig from(Settings s) {
    return new HttpConfig(
        s.string("JOBSWIPE_HTTP_HOST", "http.host"),
        s.integer("PORT", "http.port", 0, 65535),
        s.integer("JOBSWIPE_API_INSTANCES", "http.apiInstances", 0, 64),
        s.integer("JOBSWIPE_HTTP_BODY_LIMIT_BYTES", "http.bodyLimitBytes", 1024, 64 * 1024 * 1024),
        s.seconds("JOBSWIPE_SHUTDOWN_GRACE_SECONDS", "http.shutdownGraceSeconds", 0, 300),
        s.list("JOBSWIPE_CORS_ORIGINS", "http.corsOrigins"));
  }
}
