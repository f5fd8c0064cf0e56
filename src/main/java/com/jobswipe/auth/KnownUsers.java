package com.jobswipe.auth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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

  private record Entry(Known user, long readAtMillis) {
  }

  private final long maxAgeMillis;
  private final Map<UUID, Entry> entries;

  KnownUsers(int capacity, Duration maxAge) {
    this.maxAgeMillis = maxAge.toMillis();
    this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<UUID, Entry> eldest) {
        return size() > capacity;
      }
    };
  }

  synchronized Optional<Known> get(UUID id, long nowMillis) {
    Entry entry = entries.get(id);
    if (entry == null) {
      return Optional.empty();
    }
    if (nowMillis - entry.readAtMillis() >= maxAgeMillis) {
      entries.remove(id);
      return Optional.empty();
    }
    return Optional.of(entry.user());
  }

  /** Remembers an account as read at {@code readAtMillis} (when the read started, so nothing older wins). */
  synchronized void remember(Known user, long readAtMillis) {
    entries.put(user.id(), new Entry(user, readAtMillis));
  }

  synchronized void forget(UUID id) {
    entries.remove(id);
  }

  synchronized int size() {
    return entries.size();
  }
}
