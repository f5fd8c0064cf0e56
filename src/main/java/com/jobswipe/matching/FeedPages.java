package com.jobswipe.matching;

import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.bus.MatchingMessages.FeedCard;
import com.jobswipe.bus.MatchingMessages.FeedPage;
import com.jobswipe.bus.MatchingMessages.FeedQuery;
import com.jobswipe.config.MatchingConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Serves feed pages. A request without a cursor ranks the open jobs for the user (on the search workers, with
 * exploration and what people liked lately), keeps the ranking and answers its first page; a cursor pages on
 * through a kept ranking. Cards are explained per page and their impressions recorded behind it
 * ({@link ImpressionLog}). Used from the matching verticle's event loop.
 */
final class FeedPages {

  private static final Logger LOG = LoggerFactory.getLogger(FeedPages.class);
  static final int MAX_SWIPES_READ = 10_000;
  static final int MAX_LIMIT = 50;
  /** Rankings are stamped by this node's clock, swipes by the database's: read a little further back. */
  private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);
  /** About 60 KB each: a few hundred MB at most for the busiest node. */
  private static final int RECENT_RANKINGS = 5_000;

  private final Vertx vertx;
  private final MatchingStore store;
  private final IndexKeeper index;
  private final WorkerExecutor searchWorker;
  private final MatchingConfig config;
  private final Exploration.Policy exploration;
  private final Timer feedTimer;
  private final RecentRankings rankings = new RecentRankings(RECENT_RANKINGS);
  private final ImpressionLog impressions;
  /** Written on the verticle's event loop, read on search workers: swapped whole, never changed in place. */
  private volatile Popularity popularity = Popularity.NONE;

  FeedPages(Vertx vertx, MatchingStore store, IndexKeeper index, WorkerExecutor searchWorker, MatchingConfig config,
            MeterRegistry metrics) {
    this.vertx = vertx;
    this.store = store;
    this.index = index;
    this.searchWorker = searchWorker;
    this.config = config;
    this.exploration = new Exploration.Policy(config.exploreEvery(), config.exploreDepth());
    this.impressions = new ImpressionLog(store);
    this.feedTimer = Timer.builder("jobswipe_feed_rank_seconds").description("Time to rank a new feed")
        .publishPercentiles(0.5, 0.99).register(metrics);
  }

  /** Reads popularity now and periodically, writes impressions behind the pages and drops expired rankings. */
  void start() {
    refreshPopularity();
    vertx.setPeriodic(Popularity.REFRESH_EVERY_MS, id -> refreshPopularity());
    vertx.setPeriodic(ImpressionLog.FLUSH_MILLIS, id -> impressions.flush());
    vertx.setPeriodic(Duration.ofMinutes(10).toMillis(), id -> store.dropRankingsOlderThan(config.rankingTtl())
        .onFailure(e -> LOG.warn("dropping old feed rankings failed: {}", e.toString())));
  }

  /** Reads what people liked lately; until the first read answers, a cold start goes by freshness alone. */
  private void refreshPopularity() {
    store.popularity().onSuccess(read -> popularity = read)
        .onFailure(e -> LOG.warn("reading job popularity failed: {}", e.toString()));
  }

  /** Answers a feed request; a failure that is not the caller's ({@link BusFailure}) is logged. */
  Future<FeedPage> serve(FeedQuery query) {
    return index.holding(current -> feed(current, query)).onFailure(e -> {
      if (!(e instanceof BusFailure)) {
        LOG.error("feed for user {} failed", query.userId(), e);
      }
    });
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
      return nextPage(current, userId, cursor.get(), limit);
    }
    return firstPage(current, userId, query, limit);
  }

  /** Pages on through the ranking the cursor points into, if it is the user's and has not expired. */
  private Future<FeedPage> nextPage(JobIndex current, UUID userId, FeedCursor cursor, int limit) {
    return ranking(cursor.rankingId()).compose(ranking -> {
      if (ranking.isEmpty() || !ranking.get().userId().equals(userId)) {
        return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST, "the cursor is not one this feed gave"));
      }
      if (ranking.get().createdAt().toInstant().plus(config.rankingTtl()).isBefore(Instant.now())) {
        return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST,
            "the cursor has expired; ask for the feed without one"));
      }
      // Only swipes made since the ranking can be in it: older ones were left out when it was made.
      return store.swipesSince(userId, ranking.get().createdAt().minus(CLOCK_SLACK))
          .compose(swipes -> page(current, userId, ranking.get(), cursor.offset(), limit, swiped(swipes)));
    });
  }

  /** Ranks the open jobs for the user, keeps the ranking (in memory and in PostgreSQL) and answers its first page. */
  private Future<FeedPage> firstPage(JobIndex current, UUID userId, FeedQuery query, int limit) {
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

  /** Writes the impressions still buffered. */
  Future<Void> close() {
    return impressions.flush();
  }
}
