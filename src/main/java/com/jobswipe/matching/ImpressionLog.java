package com.jobswipe.matching;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Feed impressions written behind the page: cards shown are buffered and inserted in one batch every
 * {@code FLUSH_MILLIS} (or sooner at {@code BATCH} rows), so a page costs no insert of its own. A crash loses at
 * most the last fraction of a second of impressions — analytics data, not a user's record. Used only from
 * the matching verticle's event loop.
 */
final class ImpressionLog {

  static final long FLUSH_MILLIS = 200;
  private static final int BATCH = 1_000;
  private static final Logger LOG = LoggerFactory.getLogger(ImpressionLog.class);

  private final MatchingStore store;
  private List<MatchingStore.Impression> pending = new ArrayList<>();
  private Future<Void> inFlight = Future.succeededFuture();

  ImpressionLog(MatchingStore store) {
    this.store = store;
  }

  void add(List<MatchingStore.Impression> shown) {
    pending.addAll(shown);
    if (pending.size() >= BATCH) {
      flush();
    }
  }

  /** Writes what is buffered (one batch at a time, in order). */
  Future<Void> flush() {
    if (pending.isEmpty()) {
      return inFlight;
    }
    List<MatchingStore.Impression> batch = pending;
    pending = new ArrayList<>();
    inFlight = inFlight.eventually(() -> store.recordImpressions(batch)
        .onFailure(e -> LOG.warn("{} feed impressions not recorded: {}", batch.size(), e.toString())));
    return inFlight;
  }
}
