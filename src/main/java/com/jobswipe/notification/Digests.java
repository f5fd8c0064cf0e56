package com.jobswipe.notification;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.MatchingMessages.DigestMatch;
import com.jobswipe.bus.MatchingMessages.DigestQuery;
import com.jobswipe.bus.NotificationKind;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The daily "new matches" digest. A pass finds users whose digest hour has come in their zone and whose day is not
 * done, claims them (a lease on their {@code notification_digests} row: one node per user and day, whatever the
 * number of nodes), asks the matching role for the best jobs first seen since their last digest, and creates one
 * {@code digest.new-matches} notification (inbox, email and push by their preferences) — or none when nothing new is
 * good enough. Its dedupe key {@code digest:<day>} keeps it single even when a node dies between creating it and
 * recording the day, and the next claimant asks again.
 */
final class Digests {

  private static final Logger LOG = LoggerFactory.getLogger(Digests.class);
  /** Users read (and claimed) per round trip; a pass goes on until the candidates run out. */
  private static final int PAGE = 500;
  /** Digests asked of matching at once: each is a ranking on its search workers. */
  private static final int CONCURRENCY = 4;
  /** How far back a user's first digest looks. */
  static final Duration FIRST_LOOKBACK = Duration.ofDays(1);

  /**
   * @param node     this node's id (the lease holder)
   * @param size     jobs named at most
   * @param minScore the feed score a job needs
   * @param lease    how long a claim holds; a node that dies leaves the day to the next claimant after it
   */
  record Settings(String node, int size, double minScore, Duration lease) {
  }

  private final NotificationStore store;
  private final Notifier notifier;
  private final Templates templates;
  private final EventBus bus;
  private final Settings settings;
  private final Clock clock;
  private final Consumer<Notifier.Created> announce;
  private boolean running;

  /** @param announce what the role does after a notification commits (sockets, an outbox drain) */
  Digests(NotificationStore store, Notifier notifier, Templates templates, EventBus bus, Settings settings, Clock clock,
          Consumer<Notifier.Created> announce) {
    this.store = store;
    this.notifier = notifier;
    this.templates = templates;
    this.bus = bus;
    this.settings = settings;
    this.clock = clock;
    this.announce = announce;
  }

  /** One pass over the users; a pass still running when the next is asked for is not doubled. */
  void run() {
    if (running) {
      return;
    }
    running = true;
    Instant now = clock.instant();
    page(now, new UUID(0, 0)).onComplete(done -> {
      running = false;
      if (done.failed()) {
        LOG.warn("digest pass failed (the next one retries): {}", done.cause().toString());
      }
    });
  }

  private Future<Void> page(Instant now, UUID after) {
    return store.digestCandidates(now, after, PAGE).compose(candidates -> {
      Map<UUID, LocalDate> due = new HashMap<>();
      candidates.forEach(c -> c.schedule().due(now, c.lastDay()).ifPresent(day -> due.put(c.userId(), day)));
      return store.claimDigests(due, settings.node(), now, settings.lease())
          .compose(claimed -> send(claimed, 0))
          .compose(sent -> candidates.size() < PAGE ? Future.succeededFuture()
              : page(now, candidates.get(candidates.size() - 1).userId()));
    });
  }

  /** The claimed digests {@link #CONCURRENCY} at a time; one that fails keeps its lease and is retried after it. */
  private Future<Void> send(List<NotificationStore.ClaimedDigest> claimed, int from) {
    if (from >= claimed.size()) {
      return Future.succeededFuture();
    }
    List<Future<Void>> batch = new ArrayList<>();
    for (NotificationStore.ClaimedDigest digest : claimed.subList(from, Math.min(claimed.size(), from + CONCURRENCY))) {
      batch.add(digest(digest).recover(e -> {
        LOG.warn("digest of user {} for {} not sent (retried after the lease): {}", digest.userId(), digest.day(),
            e.toString());
        return Future.succeededFuture();
      }));
    }
    return Future.join(batch).compose(done -> send(claimed, from + CONCURRENCY));
  }

  private Future<Void> digest(NotificationStore.ClaimedDigest digest) {
    Instant now = clock.instant();
    Instant since = digest.lastSentAt().orElse(now.minus(FIRST_LOOKBACK));
    return Bus.DIGEST.request(bus, new DigestQuery(digest.userId().toString(), since.toString(), settings.size(),
            settings.minScore()))
        .compose(page -> {
          if (page.items().isEmpty()) {
            return store.finishDigest(digest.userId(), settings.node(), Optional.empty());
          }
          List<Templates.DigestJob> jobs = page.items().stream().map(Digests::job).toList();
          return notifier.create(new Notifier.Draft(digest.userId(), NotificationKind.DIGEST_NEW_MATCHES,
                  "digest:" + digest.day(), templates.digest(jobs), Optional.empty(),
                  Optional.of(templates.preferencesLink())))
              .compose(created -> {
                created.ifPresent(announce);
                // Present or not (a node that died after creating it), the day's digest exists: it went out.
                return store.finishDigest(digest.userId(), settings.node(), Optional.of(now));
              });
        })
        .mapEmpty();
  }

  private static Templates.DigestJob job(DigestMatch match) {
    JsonObject job = match.job();
    return new Templates.DigestJob(job.getString("id"), job.getString("title", "A job"), job.getString("company", ""),
        Optional.ofNullable(job.getString("location")), job.getString("applyUrl", ""));
  }
}
