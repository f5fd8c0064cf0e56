package com.jobswipe.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A bounded map whose entries each carry a deadline; the least recently used goes first when full. Thread-safe. */
final class ExpiringCache<K, V> {

  private record Entry<V>(V value, long untilMillis) {
  }

  private final Map<K, Entry<V>> entries;

  ExpiringCache(int capacity) {
    this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
        return size() > capacity;
      }
    };
  }

  /** The value, while {@code nowMillis} is before its deadline; a stale entry is dropped. */
  synchronized Optional<V> get(K key, long nowMillis) {
    Entry<V> entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (nowMillis >= entry.untilMillis()) {
      entries.remove(key);
      return Optional.empty();
    }
    return Optional.of(entry.value());
  }

  synchronized void put(K key, V value, long untilMillis) {
    entries.put(key, new Entry<>(value, untilMillis));
  }

  synchronized void remove(K key) {
    entries.remove(key);
  }

  synchronized int size() {
    return entries.size();
  }
}
