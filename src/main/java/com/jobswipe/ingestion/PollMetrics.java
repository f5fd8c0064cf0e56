package com.jobswipe.ingestion;

import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.SourceMessages.SyncReport;
import com.jobswipe.ingestion.sources.SourceFormatException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;

/**
 * {@code jobswipe_ingestion_*}: polls by source kind and outcome, the postings each poll found new, changed,
 * duplicate (merged into a job another source or page already had), unchanged or closed, failures by kind and
 * reason, and how long polls take. Labels are the source kind (eight values) and fixed words, never a source id or
 * URL, so the series stay few whatever the number of sources. Every series exists from start, at 0.
 */
final class PollMetrics {

  static final List<String> OUTCOMES = List.of("ok", "not_modified", "failed");
  static final List<String> CHANGES = List.of("new", "changed", "duplicate", "unchanged", "closed");
  /** fetch: network, status, size or address policy; gone: 404/410; format: the body did not parse; other. */
  static final List<String> REASONS = List.of("fetch", "gone", "format", "other");

  private final MeterRegistry registry;

  PollMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (SourceKind kind : SourceKind.values()) {
      OUTCOMES.forEach(outcome -> polls(kind, outcome));
      CHANGES.forEach(change -> postings(kind, change));
      REASONS.forEach(reason -> failures(kind, reason));
      duration(kind);
    }
  }

  void succeeded(SourceKind kind, SyncReport report, Duration took) {
    polls(kind, report.notModified() ? "not_modified" : "ok").increment();
    postings(kind, "new").increment(report.created());
    postings(kind, "changed").increment(report.updated());
    postings(kind, "duplicate").increment(report.merged());
    postings(kind, "unchanged").increment(report.unchanged());
    postings(kind, "closed").increment(report.closed());
    duration(kind).record(took);
  }

  void failed(SourceKind kind, Throwable failure, Duration took) {
    polls(kind, "failed").increment();
    failures(kind, reason(failure)).increment();
    duration(kind).record(took);
  }

  static String reason(Throwable failure) {
    if (failure instanceof FetchException) {
      return "fetch";
    }
    if (failure instanceof SourceFormatException || failure.getCause() instanceof SourceFormatException) {
      return "format";
    }
    // The one BusFailure a poll raises itself: the source's list answered 404 or 410.
    return failure instanceof BusFailure ? "gone" : "other";
  }

  private Counter polls(SourceKind kind, String outcome) {
    return Counter.builder("jobswipe_ingestion_polls").description("Source polls by kind and outcome")
        .tags("kind", kind.id(), "outcome", outcome).register(registry);
  }

  private Counter postings(SourceKind kind, String change) {
    return Counter.builder("jobswipe_ingestion_postings")
        .description("Postings seen by polls, by what the poll did with them (closed: gone from the source)")
        .tags("kind", kind.id(), "change", change).register(registry);
  }

  private Counter failures(SourceKind kind, String reason) {
    return Counter.builder("jobswipe_ingestion_poll_failures").description("Failed polls by kind and reason")
        .tags("kind", kind.id(), "reason", reason).register(registry);
  }

  /** Buckets from 10 ms to 10 min: a large board pages for minutes (the bus request allows ten). */
  private Timer duration(SourceKind kind) {
    return Timer.builder("jobswipe_ingestion_poll_duration").description("How long one poll took, failed ones too")
        .tags("kind", kind.id()).publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
        .maximumExpectedValue(Duration.ofMinutes(10)).register(registry);
  }
}
