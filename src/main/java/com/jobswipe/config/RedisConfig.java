package com.jobswipe.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** Redis for rate limits and cluster-wide counters; empty means the in-process limiter (one node only). */
public record RedisConfig(Optional<URI> url) {

  static RedisConfig from(Settings s) {
    return new RedisConfig(s.optionalUri("REDIS_URL", "redis.url", Set.of("redis", "rediss")));
  }
}
