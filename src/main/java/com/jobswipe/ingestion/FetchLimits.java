package com.jobswipe.ingestion;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds on every {@link SafeFetcher} call.
 *
 * @param connectTimeout TCP connect (and waiting for a pooled connection)
 * @param idleTimeout no byte received for this long fails the request
 * @param requestTimeout one HTTP exchange from request to the last body byte; each redirect hop and each retry
 *                       gets its own
 * @param maxBodyBytes cap on the decompressed body
 * @param maxRedirects hops followed per call; one more fails with TOO_MANY_REDIRECTS
 * @param maxRetries retries per call (network errors, timeouts, 429, 5xx), shared by all its hops
 * @param retryBaseDelay first backoff; doubles per retry, with jitter, up to {@code retryMaxDelay}
 * @param retryAfterCap the longest {@code Retry-After} we wait for; a server asking for more fails the call now
 * @param hostDelay quiet time after one request to a host ends before the next one to that host starts
 */
public record FetchLimits(Duration connectTimeout, Duration idleTimeout, Duration requestTimeout, long maxBodyBytes,
                          int maxRedirects, int maxRetries, Duration retryBaseDelay, Duration retryMaxDelay,
                          Duration retryAfterCap, Duration hostDelay) {

  public static final FetchLimits DEFAULTS = new FetchLimits(Duration.ofSeconds(5), Duration.ofSeconds(15),
      Duration.ofSeconds(30), 20L * 1024 * 1024, 5, 2, Duration.ofMillis(500), Duration.ofSeconds(10),
      Duration.ofSeconds(60), Duration.ofSeconds(1));

  public FetchLimits {
    positive(connectTimeout, "connectTimeout");
    positive(idleTimeout, "idleTimeout");
    positive(requestTimeout, "requestTimeout");
    positive(retryBaseDelay, "retryBaseDelay");
    positive(retryMaxDelay, "retryMaxDelay");
    Objects.requireNonNull(retryAfterCap, "retryAfterCap");
    Objects.requireNonNull(hostDelay, "hostDelay");
    if (maxBodyBytes <= 0 || maxRedirects < 0 || maxRetries < 0 || retryAfterCap.isNegative()
        || hostDelay.isNegative()) {
      throw new IllegalArgumentException("fetch limits out of range: " + maxBodyBytes + " bytes, " + maxRedirects
          + " redirects, " + maxRetries + " retries, Retry-After cap " + retryAfterCap + ", host delay " + hostDelay);
    }
  }

  public FetchLimits withMaxBodyBytes(long bytes) {
    return new FetchLimits(connectTimeout, idleTimeout, requestTimeout, bytes, maxRedirects, maxRetries,
        retryBaseDelay, retryMaxDelay, retryAfterCap, hostDelay);
  }

  public FetchLimits withHostDelay(Duration delay) {
    return new FetchLimits(connectTimeout, idleTimeout, requestTimeout, maxBodyBytes, maxRedirects, maxRetries,
        retryBaseDelay, retryMaxDelay, retryAfterCap, delay);
  }

  public FetchLimits withRequestTimeout(Duration timeout) {
    return new FetchLimits(connectTimeout, idleTimeout, timeout, maxBodyBytes, maxRedirects, maxRetries,
        retryBaseDelay, retryMaxDelay, retryAfterCap, hostDelay);
  }

  public FetchLimits withRetries(int retries, Duration baseDelay, Duration maxDelay) {
    return new FetchLimits(connectTimeout, idleTimeout, requestTimeout, maxBodyBytes, maxRedirects, retries,
        baseDelay, maxDelay, retryAfterCap, hostDelay);
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
