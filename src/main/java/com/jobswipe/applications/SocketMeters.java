package com.jobswipe.applications;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code jobswipe_websockets_open}: live-event sockets this node holds, and
 * {@code jobswipe_websockets_closed_total{reason}}: the sockets this node closed, by why. Each api verticle instance
 * keeps its own sockets, so the instances of one node share one set of meters per registry (one per node).
 */
final class SocketMeters {

  private static final Map<MeterRegistry, SocketMeters> OF_REGISTRY = new WeakHashMap<>();

  private final MeterRegistry registry;
  private final AtomicInteger open = new AtomicInteger();

  private SocketMeters(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("jobswipe_websockets_open", open, AtomicInteger::get)
        .description("Live-event WebSockets open on this node").strongReference(true).register(registry);
  }

  static synchronized SocketMeters of(MeterRegistry registry) {
    return OF_REGISTRY.computeIfAbsent(registry, SocketMeters::new);
  }

  void opened() {
    open.incrementAndGet();
  }

  void gone() {
    open.decrementAndGet();
  }

  void closed(LiveEvents.Closing why) {
    Counter.builder("jobswipe_websockets_closed").description("Live-event WebSockets this node closed, by reason")
        .tag("reason", why.tag()).register(registry).increment();
  }
}
