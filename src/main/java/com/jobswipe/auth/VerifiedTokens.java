package com.jobswipe.auth;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Optional;

/**
 * Tokens whose signature and claims this instance has already checked, with those claims, until the token expires
 * or {@code maxAge} passes. A client sends the same access token with every request of its 15 minutes, and the
 * ES256 check costs more CPU than the rest of a cached feed page. Keyed by the whole token, so only the exact bytes
 * that were verified ever match; bounded (about 1 KB an entry), least recently used out first.
 */
final class VerifiedTokens {

  private final long maxAgeMillis;
  private final long leewayMillis;
  private final ExpiringCache<String, JsonObject> entries;

  VerifiedTokens(int capacity, Duration maxAge, Duration leeway) {
    this.maxAgeMillis = maxAge.toMillis();
    this.leewayMillis = leeway.toMillis();
    this.entries = new ExpiringCache<>(capacity);
  }

  /** A copy of the claims verified for exactly this token, while it is still valid. */
  Optional<JsonObject> claims(String token, long nowMillis) {
    return entries.get(token, nowMillis).map(JsonObject::copy);
  }

  /**
   * Remembers a verified token until its expiry ({@code exp}, epoch seconds, plus the verifier's leeway) or
   * {@code maxAge}, whichever comes first.
   */
  void remember(String token, JsonObject claims, long expiresAtSeconds, long nowMillis) {
    long until = Math.min(expiresAtSeconds * 1000 + leewayMillis, nowMillis + maxAgeMillis);
    if (until > nowMillis) {
      JsonObject kept = claims.copy();
      kept.remove("access_token"); // the provider's copy of the token itself: the key already is the token
      entries.put(token, kept, until);
    }
  }

  int size() {
    return entries.size();
  }
}
