package com.jobswipe.matching;

import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.bus.MatchingMessages.DigestMatch;
import com.jobswipe.bus.MatchingMessages.DigestPage;
import com.jobswipe.bus.MatchingMessages.DigestQuery;
import com.jobswipe.bus.MatchingMessages.FeedQuery;
import com.jobswipe.config.MatchingConfig;
import io.vertx.core.Future;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Picks the jobs a daily digest names: the best jobs first seen after {@code since} that the user's last feed profile
 * and swipes match. Only jobs among the user's top {@link MatchingConfig#feedDepth()} matches can be named: a new job
 * that would sit below them in the feed is not worth a message either. Matching runs on the search workers.
 */
final class DigestPicker {

  private static final Logger LOG = LoggerFactory.getLogger(DigestPicker.class);
  /** Jobs first seen since the last digest read at most: a day of a busy board is a few thousand. */
  private static final int DIGEST_CANDIDATES = 20_000;

  private final MatchingStore store;
  private final IndexKeeper index;
  private final WorkerExecutor searchWorker;
  private final int feedDepth;

  DigestPicker(MatchingStore store, IndexKeeper index, WorkerExecutor searchWorker, int feedDepth) {
    this.store = store;
    this.index = index;
    this.searchWorker = searchWorker;
    this.feedDepth = feedDepth;
  }

  /** Answers a digest request; a failure that is not the caller's ({@link BusFailure}) is logged. */
  Future<DigestPage> serve(DigestQuery query) {
    return index.holding(current -> digest(current, query)).onFailure(e -> {
      if (!(e instanceof BusFailure)) {
        LOG.error("digest for user {} failed", query.userId(), e);
      }
    });
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
    int limit = Math.max(1, Math.min(FeedPages.MAX_LIMIT, query.limit()));
    return store.profile(userId).compose(stored -> {
      if (stored.isEmpty()) {
        return Future.succeededFuture(new DigestPage(List.of()));
      }
      FeedQuery asked = FeedQuery.fromJson(stored.get());
      return store.firstSeenAfter(since.atOffset(ZoneOffset.UTC), DIGEST_CANDIDATES).compose(fresh -> fresh.isEmpty()
          ? Future.succeededFuture(new DigestPage(List.of()))
          : store.swipes(userId, FeedPages.MAX_SWIPES_READ)
              .compose(swipes -> searchWorker.executeBlocking(() -> Recommender.matches(current, asked.profile(),
                  asked.filters(), swipes, Instant.now(), feedDepth), false))
              .map(scored -> pick(current, scored, fresh, query.minScore(), limit)));
    });
  }

  /** The first {@code limit} matches, best first, that are still open, fresh and scored at least {@code minScore}. */
  private static DigestPage pick(JobIndex current, List<Recommender.Scored> scored, Set<UUID> fresh,
                                 double minScore, int limit) {
    List<DigestMatch> picked = new ArrayList<>();
    for (Recommender.Scored s : scored) {
      JobDoc job = current.get(s.jobId());
      if (picked.size() < limit && job != null && fresh.contains(s.jobId()) && s.score() >= minScore) {
        picked.add(new DigestMatch(job.card().toJson(), s.score(), s.why(job)));
      }
    }
    return new DigestPage(picked);
  }
}
