package com.jobswipe.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP edge.
 *
 * @param apiInstances ApiVerticle instances; 0 means one per event-loop thread (2 × cores)
 * @param bodyLimitBytes the largest request body accepted on ordinary routes
 * @param shutdownGrace how long in-flight requests get to finish after SIGTERM
 * @param opsPort a second listener, for the platform only, serving {@code /metrics} and detailed readiness
 * @param opsToken a bearer token that unlocks {@code /metrics} and detailed readiness on the public port
 */
public record HttpConfig(String host, int port, int apiInstances, long bodyLimitBytes, Duration shutdownGrace,
                         List<String> corsOrigins, Optional<Integer> opsPort, Optional<String> opsToken) {

  /** Long enough that guessing is hopeless; {@code openssl rand -hex 32} makes one. */
  static final int MIN_OPS_TOKEN_CHARS = 32;

  static HttpConfig from(Settings s) {
    int port = s.integer("PORT", "http.port", 0, 65535);
    Optional<Integer> opsPort = s.optionalString("JOBSWIPE_OPS_PORT", "http.opsPort").map(raw -> {
      int value;
      try {
        value = Integer.parseInt(raw);
      } catch (NumberFormatException e) {
        throw new ConfigException("JOBSWIPE_OPS_PORT", "expected an integer, got '" + raw + "'");
      }
      if (value < 1 || value > 65535 || value == port) {
        throw new ConfigException("JOBSWIPE_OPS_PORT", "must be a port from 1 to 65535 other than PORT, got " + value);
      }
      return value;
    });
    Optional<String> opsToken = s.optionalString("JOBSWIPE_OPS_TOKEN", "http.opsToken");
    if (opsToken.isPresent() && opsToken.get().length() < MIN_OPS_TOKEN_CHARS) {
      throw new ConfigException("JOBSWIPE_OPS_TOKEN", "must be at least " + MIN_OPS_TOKEN_CHARS
          + " characters (e.g. openssl rand -hex 32)");
    }
    return new HttpConfig(
        s.string("JOBSWIPE_HTTP_HOST", "http.host"),
        port,
        s.integer("JOBSWIPE_API_INSTANCES", "http.apiInstances", 0, 64),
        s.integer("JOBSWIPE_HTTP_BODY_LIMIT_BYTES", "http.bodyLimitBytes", 1024, 64 * 1024 * 1024),
        s.seconds("JOBSWIPE_SHUTDOWN_GRACE_SECONDS", "http.shutdownGraceSeconds", 0, 300),
        s.list("JOBSWIPE_CORS_ORIGINS", "http.corsOrigins"),
        opsPort,
        opsToken);
  }
}
