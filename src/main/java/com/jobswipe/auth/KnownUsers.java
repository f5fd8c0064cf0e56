package com.jobswipe.auth;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * What an api instance read lately of the accounts behind the tokens it sees (that the account exists, and its
 * role), for a few seconds: otherwise every authenticated request reads the users table. An account that is erased
 * or changes role is forgotten at once on every instance ({@code accounts.user-changed}); were that message lost,
 * the entry still runs out after {@code maxAge}. Bounded, least recently used out first.
 */
final class KnownUsers {

  /** An account as authentication needs it. */
  record Known(UUID id, String role) {
  }

  private final long maxAgeMillis;
  private final ExpiringCache<UUID, Known> entries;

  KnownUsers(int capacity, Duration maxAge) {
    this.maxAgeMillis = maxAge.toMillis();
    this.entries = new ExpiringCache<>(capacity);
  }

  Optional<Known> get(UUID id, long nowMillis) {
    return entries.get(id, nowMillis);
  }

  /** Remembers an account as read at {@code readAtMillis} (when the read started, so nothing older wins). */
  void remember(Known user, long readAtMillis) {
    entries.put(user.id(), user, readAtMillis + maxAgeMillis);
  }

  void forget(UUID id) {
    entries.remove(id);
  }

  int size() {
    return entries.size();
  }
}
