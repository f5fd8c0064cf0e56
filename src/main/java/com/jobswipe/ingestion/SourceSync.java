package com.jobswipe.ingestion;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.bus.RequestTrace;
import com.jobswipe.bus.SourceMessages.JobsChanged;
import com.jobswipe.bus.SourceMessages.SyncReport;
import com.jobswipe.bus.SourceMessages.VerifyReport;
import com.jobswipe.ingestion.catalog.ApplyUrls;
import com.jobswipe.ingestion.catalog.Categorizer;
import com.jobswipe.ingestion.catalog.Dedup;
import com.jobswipe.ingestion.catalog.SimHash;
import com.jobswipe.ingestion.sources.SourceParser;
import com.jobswipe.ingestion.sources.SourceParsers;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * One poll of one source: fetch page after page, parse, catalogue, deduplicate against what is stored (this
 * source's own ids first, then canonical apply URLs, then near-duplicates at the same company), write in
 * batches, close what disappeared, and tell the cluster. Pages are processed one at a time, so a 100,000-job
 * board is a stream of small transactions, never one huge one.
 */
final class SourceSync {

  private static final Logger log = LoggerFactory.getLogger(SourceSync.class);
  static final int BATCH = 250;
  static final int MAX_PAGES = 2_000;

  private final Vertx vertx;
  private final JobStore store;
  private final SafeFetcher fetcher;
  private final Categorizer categorizer;
  private final EventBus bus;
  private final PollMetrics metrics;
  /** Sources being polled by this node; a second request for one of them is refused. */
  private final Set<UUID> running = new HashSet<>();

  SourceSync(Vertx vertx, JobStore store, SafeFetcher fetcher, Categorizer categorizer, PollMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.bus = vertx.eventBus();
    this.store = store;
    this.fetcher = fetcher;
    this.categorizer = categorizer;
  }

  Future<SyncReport> sync(UUID sourceId) {
    if (!running.add(sourceId)) {
      return Future.failedFuture(new BusFailure(FailureCode.CONFLICT, "source " + sourceId + " is being polled"));
    }
    long started = System.nanoTime();
    return store.source(sourceId)
        .compose(row -> row == null
            ? Future.failedFuture(new BusFailure(FailureCode.NOT_FOUND, "no source " + sourceId))
            : poll(row, started))
        .onComplete(done -> running.remove(sourceId));
  }

  private Future<SyncReport> poll(Row source, long started) {
    UUID id = source.getUUID("id");
    SourceKind kind = SourceKind.fromId(source.getString("kind")).orElseThrow();
    Run run = new Run(id, kind, SourceParsers.forKind(kind,
        Optional.ofNullable(source.getJsonObject("config").getString("company"))));
    URI first = URI.create(source.getString("url"));
    Conditional conditional = new Conditional(
        Optional.ofNullable(source.getString("etag")), Optional.ofNullable(source.getString("last_modified")));
    return store.now()
        .compose(pollStarted -> page(run, first, conditional, 0)
            .compose(done -> run.notModified ? Future.succeededFuture(List.<String>of())
                : store.closeMissing(id, pollStarted)))
        .compose(closed -> {
          run.closed = closed.size();
          if (!closed.isEmpty()) {
            Bus.JOBS_CLOSED.publish(bus, new JobsChanged(closed, false));
          }
          return store.recordSuccess(id, run.etag, run.lastModified, run.notModified ? -1 : run.seen.size(),
              Duration.parse(source.getString("schedule")).toSeconds());
        })
        .map(done -> run.report(started))
        .compose(report -> store.recordPoll(id, report, null).map(report))
        .onSuccess(report -> metrics.succeeded(kind, report, Duration.ofNanos(System.nanoTime() - started)))
        .recover(failure -> {
          metrics.failed(kind, failure, Duration.ofNanos(System.nanoTime() - started));
          log.warn("[{}] source {} ({}) failed", RequestTrace.current(), id, kind.id(), failure);
          return store.recordFailure(id, String.valueOf(failure.getMessage()))
              .compose(recorded -> store.recordPoll(id, run.report(started), String.valueOf(failure.getMessage())))
              .compose(recorded -> Future.failedFuture(failure instanceof BusFailure ? failure
                  : new BusFailure(FailureCode.UNAVAILABLE, "polling failed: " + failure.getMessage())));
        });
  }

  /** Apply pages are HTML (some ATSs answer JSON); only the status matters. */
  private static final SafeFetcher.AcceptedTypes PAGES = new SafeFetcher.AcceptedTypes(
      Set.of("text/html", "application/xhtml+xml", "application/json", "text/plain"), true);
  private static final int VERIFY_BATCH = 20;
  private static final Duration VERIFY_EVERY = Duration.ofDays(1);

  /**
   * One verify pass: re-fetches the apply pages of the open jobs checked longest ago; a 404 or 410 closes the
   * job. Other failures leave it open (a flaky page is not a closed job).
   */
  Future<VerifyReport> verify() {
    return store.claimVerify(VERIFY_BATCH, VERIFY_EVERY).compose(due -> {
      List<String> closed = new ArrayList<>();
      return verifyEach(due, 0, closed).map(done -> {
        if (!closed.isEmpty()) {
          Bus.JOBS_CLOSED.publish(bus, new JobsChanged(closed, false));
        }
        return new VerifyReport(due.size(), closed.size());
      });
    });
  }

  private Future<Void> verifyEach(List<JobStore.ToVerify> due, int i, List<String> closed) {
    if (i == due.size()) {
      return Future.succeededFuture();
    }
    JobStore.ToVerify job = due.get(i);
    return fetcher.get(URI.create(job.applyUrl()), Conditional.none(), PAGES)
        .compose(result -> result.gone()
            ? store.closeGone(job.id()).map(was -> {
                if (was) {
                  closed.add(job.id().toString());
                }
                return (Void) null;
              })
            : Future.<Void>succeededFuture())
        .otherwiseEmpty()
        .compose(done -> verifyEach(due, i + 1, closed));
  }

  private Future<Void> page(Run run, URI url, Conditional conditional, int pages) {
    if (pages >= MAX_PAGES) {
      log.warn("source {} stopped after {} pages", run.sourceId, MAX_PAGES);
      return Future.succeededFuture();
    }
    return fetcher.get(url, conditional, SafeFetcher.AcceptedTypes.JOB_SOURCES).compose(result -> {
      if (result.notModified()) {
        run.notModified = pages == 0;
        return Future.succeededFuture();
      }
      if (result.status() == 404 || result.status() == 410) {
        return Future.failedFuture(new BusFailure(FailureCode.UNAVAILABLE, "the source answered " + result.status()));
      }
      if (pages == 0) {
        run.etag = result.etag().orElse(null);
        run.lastModified = result.lastModified().orElse(null);
      }
      // Parsing and cataloguing (regexes, hashing) cost about a millisecond a posting: never on the event loop.
      return vertx.executeBlocking(() -> catalogue(run.parser.parse(result.body().getBytes(), result.contentType(),
              result.finalUrl())), false)
          .compose(page -> {
            run.fetched += page.items().size();
            return batches(run, page.items(), 0)
                .compose(done -> page.next().isPresent()
                    ? page(run, page.next().get(), Conditional.none(), pages + 1)
                    : Future.succeededFuture());
          });
    });
  }

  /** A parsed page with every posting catalogued; built on a worker thread. */
  private record CataloguedPage(List<Item> items, Optional<URI> next) {
  }

  private CataloguedPage catalogue(SourceParser.Page page) {
    List<Item> items = new ArrayList<>(page.postings().size());
    for (JobPosting posting : page.postings()) {
      items.add(new Item(posting, ApplyUrls.detect(posting.applyUrl()), SimHash.of(posting.descriptionText()),
          Dedup.contentHash(posting), Dedup.normalizedCompany(posting.company()), Dedup.titleKey(posting.title()),
          categorizer.categorize(posting)));
    }
    return new CataloguedPage(items, page.next());
  }

  private Future<Void> batches(Run run, List<Item> items, int from) {
    if (from >= items.size()) {
      return Future.succeededFuture();
    }
    List<Item> batch = items.subList(from, Math.min(from + BATCH, items.size()));
    return batch(run, batch).compose(done -> batches(run, items, from + BATCH));
  }

  /** Catalogued posting, ready to compare and store. */
  private record Item(JobPosting posting, ApplyUrls.AtsTarget target, long simhash, String contentHash,
                      String companyKey, String titleKey, Categorizer.Category category) {
  }

  private Future<Void> batch(Run run, List<Item> batch) {
    Map<String, Item> items = new HashMap<>();
    for (Item item : batch) {
      if (run.seen.add(item.posting().externalId())) {
        items.put(item.posting().externalId(), item);
      }
    }
    List<String> ids = new ArrayList<>(items.keySet());
    return store.knownBySource(run.sourceId, ids).compose(known -> {
      List<Item> fresh = items.values().stream().filter(i -> !known.containsKey(i.posting().externalId())).toList();
      return store.candidates(fresh.stream().map(i -> i.target().canonicalUrl()).distinct().toList(),
              fresh.stream().map(Item::companyKey).toList(),
              fresh.stream().map(Item::titleKey).toList())
          .compose(candidates -> write(run, items, known, fresh, candidates));
    });
  }

  private Future<Void> write(Run run, Map<String, Item> items, Map<String, JobStore.Known> known, List<Item> fresh,
                             List<Dedup.Candidate> candidates) {
    List<Tuple> inserts = new ArrayList<>();
    List<Item> inserted = new ArrayList<>();
    List<Tuple> updates = new ArrayList<>();
    List<UUID> touched = new ArrayList<>();
    Map<String, UUID> jobOf = new HashMap<>();
    List<String> changed = new ArrayList<>();
    List<Dedup.Candidate> pool = new ArrayList<>(candidates);

    for (Item item : items.values()) {
      JobStore.Known mine = known.get(item.posting().externalId());
      if (mine != null) {
        jobOf.put(item.posting().externalId(), mine.jobId());
        if (item.contentHash().equals(mine.contentHash())) {
          touched.add(mine.jobId());
          run.unchanged++;
        } else {
          updates.add(row(mine.jobId(), item));
          changed.add(mine.jobId().toString());
          run.updated++;
        }
      }
    }
    for (Item item : fresh) {
      Optional<Dedup.Candidate> same = pool.stream().filter(c -> Dedup.sameJob(item.posting(), item.simhash(),
          item.target().canonicalUrl(), c)).findFirst();
      if (same.isPresent()) {
        // Another source (or an earlier posting of this page) already has it: remember this source too.
        jobOf.put(item.posting().externalId(), same.get().id());
        touched.add(same.get().id());
        run.merged++;
      } else {
        UUID id = UUID.randomUUID();
        inserts.add(row(id, item));
        inserted.add(item);
        jobOf.put(item.posting().externalId(), id);
        pool.add(new Dedup.Candidate(id, item.posting().company(), item.posting().title(), item.simhash(),
            item.target().canonicalUrl(), Dedup.descriptionLength(item.posting().descriptionText())));
      }
    }
    return store.pool().withTransaction(tx -> store.insertJobs(tx, inserts).compose(actualIds -> {
          for (int i = 0; i < actualIds.size(); i++) {
            UUID planned = inserts.get(i).getUUID(0);
            UUID actual = actualIds.get(i);
            jobOf.put(inserted.get(i).posting().externalId(), actual);
            if (planned.equals(actual)) {
              run.created++;
              changed.add(actual.toString());
            } else {
              run.merged++;
            }
          }
          return store.updateJobs(tx, updates);
        })
        .compose(done -> store.touchJobs(tx, touched))
        .map(reopened -> {
          reopened.forEach(id -> changed.add(id.toString()));
          return null;
        })
        .compose(done -> {
          List<Tuple> links = new ArrayList<>();
          items.values().forEach(item -> links.add(Tuple.of(run.sourceId, item.posting().externalId(),
              jobOf.get(item.posting().externalId()), item.posting().postingUrl().orElse(item.posting().applyUrl()))));
          return store.linkSources(tx, links);
        }))
        .onSuccess(done -> {
          if (!changed.isEmpty()) {
            Bus.JOBS_UPSERTED.publish(bus, new JobsChanged(changed, true));
          }
        });
  }

  private static Tuple row(UUID id, Item item) {
    JobPosting p = item.posting();
    Optional<JobPosting.Salary> salary = p.salary();
    return Tuple.tuple()
        .addUUID(id)
        .addString(p.title())
        .addString(p.company())
        .addString(item.companyKey())
        .addArrayOfString(p.locations().toArray(String[]::new))
        .addString(item.category().workplace())
        .addString(p.employmentType().orElse(null))
        .addValue(salary.flatMap(JobPosting.Salary::min).orElse(null))
        .addValue(salary.flatMap(JobPosting.Salary::max).orElse(null))
        .addString(salary.map(JobPosting.Salary::currency).orElse(null))
        .addString(salary.map(JobPosting.Salary::period).orElse(null))
        .addString(p.descriptionText())
        .addString(p.descriptionHtml())
        .addString(p.applyUrl())
        .addString(item.target().canonicalUrl())
        .addString(item.target().kind())
        .addString(item.target().domain())
        .addValue(p.postedAt().map(JobStore::utc).orElse(null))
        .addString(item.category().family())
        .addString(item.category().seniority())
        .addArrayOfString(new String[0])
        .addLong(item.simhash())
        .addString(item.contentHash())
        .addString(item.titleKey());
  }

  /** The counters and HTTP validators of one poll. */
  private static final class Run {
    final UUID sourceId;
    final SourceKind kind;
    final SourceParser parser;
    final Set<String> seen = new HashSet<>();
    String etag;
    String lastModified;
    boolean notModified;
    int fetched;
    int created;
    int updated;
    int merged;
    int unchanged;
    int closed;

    Run(UUID sourceId, SourceKind kind, SourceParser parser) {
      this.sourceId = sourceId;
      this.kind = kind;
      this.parser = parser;
    }

    SyncReport report(long started) {
      return new SyncReport(sourceId.toString(), notModified, fetched, created, updated, merged, unchanged, closed,
          (System.nanoTime() - started) / 1_000_000);
    }
  }

}
