package com.jobswipe.matching;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.bus.MatchingMessages.DigestMatch;
import com.jobswipe.bus.MatchingMessages.DigestPage;
import com.jobswipe.bus.MatchingMessages.DigestQuery;
import com.jobswipe.bus.MatchingMessages.FeedCard;
import com.jobswipe.bus.MatchingMessages.FeedPage;
import com.jobswipe.bus.MatchingMessages.FeedQuery;
import com.jobswipe.bus.Role;
import com.jobswipe.bus.SourceMessages.JobsChanged;
import com.jobswipe.config.MatchingConfig;
import com.jobswipe.db.Pools;
import com.jobswipe.config.NodeContext;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Ranks open jobs for a candidate. Holds a Lucene index of every open job ({@link JobIndex}), built from
 * PostgreSQL at start and kept current from {@code jobs.upserted} / {@code jobs.closed} (published to every
 * node, so every instance applies every change) plus a reconciliation pass that re-reads jobs changed since
 * the last one — a missed event is caught within {@link MatchingConfig#reconcileEvery()}, so all instances
 * converge on the same index. Index writes run on one worker thread (in order); searches on a small pool.
 */
public final class MatchingVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(MatchingVerticle.class);
  private static final int LOAD_PAGE = 2_000;
  /** Rows changed close together may commit out of order: each pass re-reads this much before its mark. */
  private static final Duration RECONCILE_OVERLAP = Duration.ofMinutes(2);
  private static final int MAX_SWIPES_READ = 10_000;
  private static final int MAX_LIMIT = 50;
  /** Jobs first seen since the last digest read at most: a day of a busy board is a few thousand. */
  private static final int DIGEST_CANDIDATES = 20_000;
  private static final UUID NO_ID = new UUID(0, 0);
  /** Rankings are stamped by this node's clock, swipes by the database's: read a little further back. */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);
  /** About 60 KB each: a few hundred MB at most for the busiest node. */
  private static final int RECENT_RANKINGS = 5_000;

  private final NodeContext node;
  private final MatchingConfig config;
  private final Exploration.Policy exploration;
  private MatchingStore store;
  private WorkerExecutor indexWorker;
  private WorkerExecutor searchWorker;
  private volatile JobIndex index;
  private OffsetDateTime reconciledTo;
  /** Read on this verticle's context, used on search workers: swapped whole, never changed in place. */
  private volatile Popularity popularity = Popularity.NONE;
  private boolean reconciling;
  private Timer feedTimer;
  private final RecentRankings rankings = new RecentRankings(RECENT_RANKINGS);
  private ImpressionLog impressions;

  public MatchingVerticle(NodeContext node) {
    this.node = node;
    this.config = node.config().matching();
    this.exploration = new Exploration.Policy(config.exploreEvery(), config.exploreDepth());
  }

  @Override
  public Future<?> start() {
    Pool pool = Pools.shared(vertx, node.database(), "matching", node.config().database().pools().matching());
    store = new MatchingStore(pool);
    impressions = new ImpressionLog(store);
    indexWorker = vertx.createSharedWorkerExecutor("matching-index", 1, 30, TimeUnit.MINUTES);
    searchWorker = vertx.createSharedWorkerExecutor("matching-search", 2, 60, TimeUnit.SECONDS);
    MeterRegistry metrics = node.metrics();
    feedTimer = Timer.builder("jobswipe_feed_rank_seconds").description("Time to rank a new feed")
        .publishPercentiles(0.5, 0.99).register(metrics);
    Gauge.builder("jobswipe_matching_index_jobs", () -> index == null ? 0 : index.size())
        .description("Open jobs in this node's matching index").register(metrics);

    var bus = vertx.eventBus();
    return rebuild()
        .compose(built -> Future.join(
            Bus.FEED.serve(bus, query -> feed(query).onFailure(e -> {
              if (!(e instanceof BusFailure)) {
                LOG.error("feed for user {} failed", query.userId(), e);
              }
            })).completion(),
            Bus.DIGEST.serve(bus, query -> digest(query).onFailure(e -> {
              if (!(e instanceof BusFailure)) {
                LOG.error("digest for user {} failed", query.userId(), e);
              }
            })).completion(),
            Bus.JOBS_UPSERTED.subscribe(bus, this::upserted).completion(),
            Bus.JOBS_CLOSED.subscribe(bus, this::closed).completion(),
            Bus.answerPings(bus, Role.MATCHING, node.nodeId(), this::status).completion()))
        .onSuccess(ready -> {
          refreshPopularity();
          vertx.setPeriodic(Popularity.REFRESH_EVERY_MS, id -> refreshPopularity());
          vertx.setPeriodic(config.reconcileEvery().toMillis(), id -> reconcile());
          vertx.setPeriodic(ImpressionLog.FLUSH_MILLIS, id -> impressions.flush());
          vertx.setPeriodic(Duration.ofMinutes(10).toMillis(), id -> store.dropRankingsOlderThan(config.rankingTtl())
              .onFailure(e -> LOG.warn("dropping old feed rankings failed: {}", e.toString())));
        });
  }

  /** Reads what people liked lately; until the first read answers, a cold start goes by freshness alone. */
  private void refreshPopularity() {
    store.popularity().onSuccess(read -> popularity = read)
        .onFailure(e -> LOG.warn("reading job popularity failed: {}", e.toString()));
  }

  private JsonObject status() {
    JobIndex current = index;
    return new JsonObject().put("jobs", current == null ? 0 : current.size())
        .put("model", current == null ? null : current.model().orElse(null))
        .put("rankingVersion", FeedRanker.VERSION);
  }

  // ---------------------------------------------------------------- the index

  /**
   * A fresh index of every open job, swapped in when complete. Vectors of the model most open jobs have go
   * into the graph. Changes made while it loads are picked up by the reconciliation that follows.
   */
  private Future<Void> rebuild() {
    long started = System.nanoTime();
    return store.now().compose(mark -> store.vectorModels().compose(models -> {
      Optional<String> model = models.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey);
      JobIndex fresh = new JobIndex(model);
      return load(fresh, NO_ID).compose(done -> indexWorker.executeBlocking(() -> {
        fresh.refresh();
        return fresh;
      })).map(built -> {
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

  private void upserted(JobsChanged changed) {
    List<UUID> ids = changed.jobIds().stream().map(UUID::fromString).toList();
    reload(ids).onFailure(e -> LOG.warn("re-indexing {} jobs failed (reconciliation will retry): {}", ids.size(),
        e.toString()));
  }

  private void closed(JobsChanged changed) {
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
  private <T> Future<T> holding(Function<JobIndex, Future<T>> work) {
    JobIndex current = index;
    while (!current.hold()) {
      current = index;
    }
    JobIndex held = current;
    Future<T> done;
    try {
      done = work.apply(held);
    } catch (RuntimeException e) {
      done = Future.failedFuture(e);
    }
    return done.onComplete(result -> held.release());
  }

  /**
   * Compares the index with jobs changed since the last pass and fixes any difference; rebuilds when most open
   * jobs' vectors are now of another model than the graph's (a model change re-embedded them).
   */
  private void reconcile() {
    if (reconciling || index == null) {
      return;
    }
    reconciling = true;
    OffsetDateTime since = reconciledTo;
    store.vectorModels()
        .compose(models -> {
          Optional<String> majority = models.entrySet().stream().max(Map.Entry.comparingByValue())
              .map(Map.Entry::getKey);
          if (majority.isPresent() && !majority.equals(index.model())) {
            LOG.info("job vectors moved to model {}: rebuilding the matching index", majority.get());
            return rebuild();
          }
          return store.changedSince(since, 50_000).compose(states -> {
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
          });
        })
        .onComplete(done -> {
          reconciling = false;
          if (done.failed()) {
            LOG.warn("matching reconciliation failed: {}", done.cause().toString());
          }
        });
  }

  // ---------------------------------------------------------------- the feed

  private Future<FeedPage> feed(FeedQuery query) {
    return holding(current -> feed(current, query));
  }

  private Future<FeedPage> feed(JobIndex current, FeedQuery query) {
    UUID userId;
    try {
      userId = UUID.fromString(query.userId());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST, "userId is not a UUID"));
    }
    int limit = Math.max(1, Math.min(MAX_LIMIT, query.limit()));
    if (query.cursor().isPresent()) {
      Optional<FeedCursor> cursor = FeedCursor.decode(query.cursor().get());
      if (cursor.isEmpty()) {
        return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST, "the cursor is not one this feed gave"));
      }
      return ranking(cursor.get().rankingId()).compose(ranking -> {
        if (ranking.isEmpty() || !ranking.get().userId().equals(userId)) {
          return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST, "the cursor is not one this feed gave"));
        }
        if (ranking.get().createdAt().toInstant().plus(config.rankingTtl()).isBefore(Instant.now())) {
          return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST,
              "the cursor has expired; ask for the feed without one"));
        }
        // Only swipes made since the ranking can be in it: older ones were left out when it was made.
        return store.swipesSince(userId, ranking.get().createdAt().minus(CLOCK_SLACK))
            .compose(swipes -> page(current, userId, ranking.get(), cursor.get().offset(), limit, swiped(swipes)));
      });
    }
    // Stamped before the swipes are read: a swipe committed while ranking is caught by the pages' check.
    OffsetDateTime asOf = OffsetDateTime.now();
    return store.swipes(userId, MAX_SWIPES_READ).compose(swipes -> {
      Timer.Sample sample = Timer.start();
      Popularity liked = popularity;
      return searchWorker.executeBlocking(() -> Recommender.rank(current, query.profile(), query.filters(), swipes,
              Instant.now(), config.feedDepth(), exploration, liked), false)
          .compose(ranked -> {
            sample.stop(feedTimer);
            JsonArray items = new JsonArray(new ArrayList<>(ranked.size()));
            ranked.forEach(r -> items.add(r.toItem()));
            MatchingStore.Ranking ranking = new MatchingStore.Ranking(UUID.randomUUID(), userId, FeedRanker.VERSION,
                items, ranked.stream().findFirst().map(Recommender.Scored::context), asOf);
            rankings.put(ranking);
            return store.saveRanking(ranking, new FeedQuery(query.userId(), query.profile(), query.filters(),
                    query.limit(), Optional.empty()).toJson())
                .compose(saved -> page(current, userId, ranking, 0, limit, swiped(swipes)));
          });
    });
  }

  // ---------------------------------------------------------------- the daily digest

  /**
   * The best jobs first seen after {@code since} that the user's last feed profile and swipes match. Only jobs among
   * the user's top {@link MatchingConfig#feedDepth()} matches can be named: a new job that would sit below them in
   * the feed is not worth a message either.
   */
  private Future<DigestPage> digest(DigestQuery query) {
    return holding(current -> digest(current, query));
  }

  private Future<DigestPage> digest(JobIndex current, DigestQuery query) {
    UUID userId;
    Instant since;
    try {
      userId = UUID.fromString(query.userId());
      since = Instant.parse(query.since());
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST, "userId or since does not parse"));
    }
    int limit = Math.max(1, Math.min(MAX_LIMIT, query.limit()));
    return store.profile(userId).compose(stored -> {
      if (stored.isEmpty()) {
        return Future.succeededFuture(new DigestPage(List.of()));
      }
      FeedQuery asked = FeedQuery.fromJson(stored.get());
      return store.firstSeenAfter(since.atOffset(ZoneOffset.UTC), DIGEST_CANDIDATES).compose(fresh -> fresh.isEmpty()
          ? Future.succeededFuture(new DigestPage(List.of()))
          : store.swipes(userId, MAX_SWIPES_READ)
              .compose(swipes -> searchWorker.executeBlocking(() -> Recommender.matches(current, asked.profile(),
                  asked.filters(), swipes, Instant.now(), config.feedDepth()), false))
              .map(scored -> {
                List<DigestMatch> picked = new ArrayList<>();
                for (Recommender.Scored s : scored) {
                  JobDoc job = current.get(s.jobId());
                  if (picked.size() < limit && job != null && fresh.contains(s.jobId())
                      && s.score() >= query.minScore()) {
                    picked.add(new DigestMatch(job.card().toJson(), s.score(), s.why(job)));
                  }
                }
                return new DigestPage(picked);
              }));
    });
  }

  private Future<Optional<MatchingStore.Ranking>> ranking(UUID id) {
    Optional<MatchingStore.Ranking> recent = rankings.get(id);
    if (recent.isPresent()) {
      return Future.succeededFuture(recent);
    }
    return store.ranking(id).onSuccess(found -> found.ifPresent(rankings::put));
  }

  private static Set<UUID> swiped(List<Taste.Swipe> swipes) {
    Set<UUID> ids = new HashSet<>();
    swipes.forEach(s -> ids.add(s.jobId()));
    return ids;
  }

  /**
   * The next {@code limit} cards of a ranking from {@code offset}, skipping jobs closed or swiped since it was
   * made (so a job never shows twice and none is skipped that is still eligible), each explained now from what the
   * ranking kept. Records the impressions.
   */
  private Future<FeedPage> page(JobIndex current, UUID userId, MatchingStore.Ranking ranking, int offset, int limit,
                                Set<UUID> swiped) {
    List<FeedCard> cards = new ArrayList<>();
    List<MatchingStore.Impression> shown = new ArrayList<>();
    JsonArray items = ranking.items();
    int next = offset;
    while (next < items.size() && cards.size() < limit) {
      JsonObject item = items.getJsonObject(next);
      UUID jobId = UUID.fromString(item.getString("jobId"));
      JobDoc job = current.get(jobId);
      if (job != null && !swiped.contains(jobId)) {
        double score = item.getDouble("score");
        // A ranking made before explanations were written per page carries them in its items.
        JsonObject why = ranking.why().map(context -> Recommender.Scored.fromItem(item, context).why(job))
            .orElseGet(() -> item.getJsonObject("why"));
        cards.add(new FeedCard(job.card().toJson(), next, score, why));
        shown.add(new MatchingStore.Impression(userId, ranking.id(), jobId, next, score, ranking.version()));
      }
      next++;
    }
    Optional<String> nextCursor = next < items.size()
        ? Optional.of(new FeedCursor(ranking.id(), next).encode()) : Optional.empty();
    impressions.add(shown);
    return Future.succeededFuture(new FeedPage(ranking.id().toString(), ranking.version(), cards, nextCursor,
        current.model()));
  }

  @Override
  public Future<?> stop() {
    JobIndex current = index;
    if (current != null) {
      current.retire();
    }
    return impressions.flush().eventually(() -> Future.join(indexWorker.close(), searchWorker.close()));
  }
}
