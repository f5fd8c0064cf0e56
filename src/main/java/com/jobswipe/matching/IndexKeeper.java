package com.jobswipe.matching;

import com.jobswipe.bus.SourceMessages.JobsChanged;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keeps this node's Lucene index of every open job ({@link JobIndex}) current. Built from PostgreSQL at start and
 * kept current from {@code jobs.upserted} / {@code jobs.closed} (published to every node, so every instance applies
 * every change) plus a reconciliation pass that re-reads jobs changed since the last one — a missed event is caught
 * within one reconciliation period, so all instances converge on the same index. Index writes run on the one thread
 * of the worker it is given (in order); its own state is touched only on the verticle's event loop.
 */
final class IndexKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(IndexKeeper.class);
  private static final int LOAD_PAGE = 2_000;
  /** Rows changed close together may commit out of order: each pass re-reads this much before its mark. */
  private static final Duration RECONCILE_OVERLAP = Duration.ofMinutes(2);
  private static final UUID NO_ID = new UUID(0, 0);

  private final Vertx vertx;
  private final MatchingStore store;
  private final WorkerExecutor indexWorker;
  private final Duration reconcileEvery;
  private volatile JobIndex index;
  private OffsetDateTime reconciledTo;
  private boolean reconciling;
  private volatile boolean closed;

  IndexKeeper(Vertx vertx, MatchingStore store, WorkerExecutor indexWorker, Duration reconcileEvery,
              MeterRegistry metrics) {
    this.vertx = vertx;
    this.store = store;
    this.indexWorker = indexWorker;
    this.reconcileEvery = reconcileEvery;
    Gauge.builder("jobswipe_matching_index_jobs", () -> index == null ? 0 : index.size())
        .description("Open jobs in this node's matching index").register(metrics);
  }

  /** Reconciles every period from now on (the index must be built first). */
  void start() {
    vertx.setPeriodic(reconcileEvery.toMillis(), id -> reconcile());
  }

  JsonObject status() {
    JobIndex current = index;
    return new JsonObject().put("jobs", current == null ? 0 : current.size())
        .put("model", current == null ? null : current.model().orElse(null));
  }

  /**
   * A fresh index of every open job, swapped in when complete. Vectors of the model most open jobs have go
   * into the graph. Changes made while it loads are picked up by the reconciliation that follows.
   */
  Future<Void> build() {
    long started = System.nanoTime();
    return store.now().compose(mark -> store.vectorModels().compose(models -> {
      Optional<String> model = majority(models);
      return loaded(model).map(built -> {
        if (closed) {
          built.retire();
          return null;
        }
        JobIndex old = index;
        index = built;
        reconciledTo = mark.minus(RECONCILE_OVERLAP);
        if (old != null) {
          old.retire();
        }
        LOG.info("matching index built: {} open jobs, model {}, in {} ms", built.size(), model.orElse("none"),
            (System.nanoTime() - started) / 1_000_000);
        return null;
      });
    }));
  }

  /** A new index of every open job, opened and filled on the index worker; closed again if loading fails. */
  private Future<JobIndex> loaded(Optional<String> model) {
    return indexWorker.executeBlocking(() -> new JobIndex(model)).compose(fresh -> load(fresh, NO_ID)
        .compose(done -> indexWorker.executeBlocking(() -> {
          fresh.refresh();
          return fresh;
        }))
        .onFailure(e -> fresh.retire()));
  }

  /** The model most open jobs' vectors are of. */
  private static Optional<String> majority(Map<String, Long> models) {
    return models.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
  }

  private Future<Void> load(JobIndex into, UUID after) {
    return store.openJobs(after, LOAD_PAGE).compose(rows -> {
      if (rows.isEmpty()) {
        return Future.succeededFuture();
      }
      UUID last = rows.get(rows.size() - 1).job().doc().id();
      return indexWorker.executeBlocking(() -> {
        into.put(rows.stream().map(MatchingStore.JobRow::job).toList());
        return null;
      }).compose(done -> rows.size() < LOAD_PAGE ? Future.succeededFuture() : load(into, last));
    });
  }

  void upserted(JobsChanged changed) {
    List<UUID> ids = changed.jobIds().stream().map(UUID::fromString).toList();
    reload(ids).onFailure(e -> LOG.warn("re-indexing {} jobs failed (reconciliation will retry): {}", ids.size(),
        e.toString()));
  }

  void closed(JobsChanged changed) {
    List<UUID> ids = changed.jobIds().stream().map(UUID::fromString).toList();
    holding(target -> indexWorker.executeBlocking(() -> {
      target.remove(ids);
      target.refresh();
      return null;
    })).onFailure(e -> LOG.warn("removing {} closed jobs failed: {}", ids.size(), e.toString()));
  }

  /** Reads these jobs again: open ones are (re)indexed, closed ones leave. */
  private Future<Void> reload(List<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture();
    }
    return store.jobs(ids).compose(rows -> holding(target -> indexWorker.executeBlocking(() -> {
      List<JobIndex.IndexedJob> open = new ArrayList<>();
      Set<UUID> gone = new HashSet<>(ids);
      rows.forEach(row -> {
        if (row.open()) {
          open.add(row.job());
          gone.remove(row.job().doc().id());
        }
      });
      target.put(open);
      target.remove(gone);
      target.refresh();
      return null;
    })));
  }

  /**
   * Runs a search or write on the node's current index, holding it until the work is done: a rebuild may swap
   * in a new index meanwhile, and the old one closes only when nothing uses it any more.
   */
  <T> Future<T> holding(Function<JobIndex, Future<T>> work) {
    JobIndex held = hold();
    if (held == null) {
      return Future.failedFuture(new IllegalStateException("the matching index is closed: this node is stopping"));
    }
    Future<T> done;
    try {
      done = work.apply(held);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.onComplete(result -> held.release());
  }

  /**
   * A hold on the node's current index, or null once the node has closed it. A retired index that is still the
   * current one was closed, not swapped, so asking again would spin forever.
   */
  private JobIndex hold() {
    JobIndex current = index;
    while (current != null && !current.hold()) {
      JobIndex next = index;
      current = next == current ? null : next;
    }
    return current;
  }

  /**
   * Compares the index with jobs changed since the last pass and fixes any difference; rebuilds when most open
   * jobs' vectors are now of another model than the graph's (a model change re-embedded them).
   */
  private void reconcile() {
    if (reconciling || index == null || closed) {
      return;
    }
    reconciling = true;
    OffsetDateTime since = reconciledTo;
    store.vectorModels()
        .compose(models -> {
          Optional<String> majority = majority(models);
          if (majority.isPresent() && !majority.equals(index.model())) {
            LOG.info("job vectors moved to model {}: rebuilding the matching index", majority.get());
            return build();
          }
          return store.changedSince(since, 50_000).compose(states -> reloadChanged(since, states));
        })
        .onComplete(done -> {
          reconciling = false;
          if (done.failed()) {
            LOG.warn("matching reconciliation failed: {}", done.cause().toString());
          }
        });
  }

  /** Re-reads the changed jobs the index disagrees with, then moves the mark up to the newest change seen. */
  private Future<Void> reloadChanged(OffsetDateTime since, List<MatchingStore.JobState> states) {
    List<UUID> stale = new ArrayList<>();
    OffsetDateTime newest = since;
    for (MatchingStore.JobState state : states) {
      JobDoc doc = index.get(state.id());
      boolean differs = state.open()
          ? doc == null || doc.version() != state.version() || !doc.vectorModel().equals(state.vectorModel())
          : doc != null;
      if (differs) {
        stale.add(state.id());
      }
      newest = state.updatedAt().isAfter(newest) ? state.updatedAt() : newest;
    }
    OffsetDateTime mark = newest.minus(RECONCILE_OVERLAP);
    return reload(stale).map(done -> {
      reconciledTo = mark.isAfter(since) ? mark : since;
      if (!stale.isEmpty()) {
        LOG.info("reconciliation re-read {} jobs the index had missed", stale.size());
      }
      return null;
    });
  }

  /** The node stops serving from the index: it closes once the searches and writes holding it are done. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    JobIndex current = index;
    if (current != null) {
      current.retire();
    }
  }
}
