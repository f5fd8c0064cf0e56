package com.jobswipe.applications;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code jobswipe_websockets_open}: live-event sockets this node holds. Each api verticle instance keeps its own
 * sockets, so the instances of one node share one count per meter registry (one registry per node).
 */
final class OpenSockets {

  private static final Map<MeterRegistry, AtomicInteger> COUNTS = new WeakHashMap<>();

  private OpenSockets() {
  }

  static synchronized AtomicInteger of(MeterRegistry registry) {
    return COUNTS.computeIfAbsent(registry, r -> {
      AtomicInteger open = new AtomicInteger();
      Gauge.builder("jobswipe_websockets_open", open, AtomicInteger::get)
          .description("Live-event WebSockets open on this node").strongReference(true).register(r);
      return open;
    });
  }
}
