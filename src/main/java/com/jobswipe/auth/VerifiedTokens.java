package com.jobswipe.auth;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens whose signature and claims this instance has already checked, with those claims, until the token expires
 * or {@code maxAge} passes. A client sends the same access token with every request of its 15 minutes, and the
 * ES256 check costs more CPU than the rest of a cached feed page. Keyed by the whole token, so only the exact bytes
 * that were verified ever match; bounded, least recently used out first.
 */
final class VerifiedTokens {

  private record Entry(JsonObject claims, long validUntilMillis) {
  }

  private final long maxAgeMillis;
  private final long leewayMillis;
  private final Map<String, Entry> entries;

  VerifiedTokens(int capacity, Duration maxAge, Duration leeway) {
    this.maxAgeMillis = maxAge.toMillis();
    this.leewayMillis = leeway.toMillis();
    this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  /** A copy of the claims verified for exactly this token, while it is still valid. */
  synchronized Optional<JsonObject> claims(String token, long nowMillis) {
    Entry entry = entries.get(token);
    if (entry == null) {
      return Optional.empty();
    }
    if (nowMillis >= entry.validUntilMillis()) {
      entries.remove(token);
      return Optional.empty();
    }
    return Optional.of(entry.claims().copy());
  }

  /**
   * Remembers a verified token until its expiry ({@code exp}, epoch seconds, plus the verifier's leeway) or
   * {@code maxAge}, whichever comes first.
   */
  synchronized void remember(String token, JsonObject claims, long expiresAtSeconds, long nowMillis) {
    long until = Math.min(expiresAtSeconds * 1000 + leewayMillis, nowMillis + maxAgeMillis);
    if (until > nowMillis) {
      entries.put(token, new Entry(claims.copy(), until));
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
