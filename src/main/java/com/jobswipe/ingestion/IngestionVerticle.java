package com.jobswipe.ingestion;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.bus.Role;
import com.jobswipe.bus.SourceMessages.CategoryCounts;
import com.jobswipe.bus.SourceMessages.SourcePage;
import com.jobswipe.bus.SourceMessages.SourceRef;
import com.jobswipe.bus.SourceMessages.SourceSpec;
import com.jobswipe.bus.SourceMessages.SourceState;
import com.jobswipe.bus.SourceMessages.SyncReport;
import com.jobswipe.config.IngestionConfig;
import com.jobswipe.config.NodeContext;
import com.jobswipe.db.Pools;
import com.jobswipe.db.RowJson;
import com.jobswipe.ingestion.catalog.Categorizer;
import com.jobswipe.net.AddressPolicy;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Polls job sources and keeps the jobs table current. Every node running this role claims due sources from
 * PostgreSQL, so several ingestion nodes share the work without polling one source twice.
 */
public final class IngestionVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(IngestionVerticle.class);
  private static final long SCHEDULER_PERIOD_MS = 30_000;
  private static final int CLAIM = 4;
  private static final Duration MIN_SCHEDULE = Duration.ofMinutes(5);
  private static final Duration MAX_SCHEDULE = Duration.ofDays(7);

  private final NodeContext node;
  private final IngestionConfig config;
  private JobStore store;
  private SourceSync sync;
  private SafeFetcher fetcher;
  private JobVectors vectors;
  private long timer = -1;
  private boolean polling;

  public IngestionVerticle(NodeContext node, IngestionConfig config) {
    this.node = node;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    Pool pool = Pools.shared(vertx, node.database(), "ingestion", node.config().database().pools().ingestion());
    store = new JobStore(pool);
    fetcher = new SafeFetcher(vertx, AddressPolicy.from(node.config().fetch()),
        FetchLimits.DEFAULTS.withHostDelay(config.hostDelay()).withMaxBodyBytes(config.maxBodyBytes()));
    sync = new SourceSync(vertx, store, fetcher, Categorizer.standard(), new PollMetrics(node.metrics()));
    vectors = new JobVectors(vertx.eventBus(), store);
    if (config.scheduler()) {
      timer = vertx.setPeriodic(SCHEDULER_PERIOD_MS, SCHEDULER_PERIOD_MS, tick -> pollDue());
    }
    var bus = vertx.eventBus();
    return Future.join(List.of(
        Bus.answerPings(bus, Role.INGESTION, node.nodeId(), this::status).completion(),
        Bus.SOURCE_CREATE.serve(bus, this::create).completion(),
        Bus.SOURCE_LIST.serve(bus, all -> store.sources().map(rows -> new SourcePage(new JsonArray(
            rows.stream().map(IngestionVerticle::view).toList())))).completion(),
        Bus.SOURCE_GET.serve(bus, ref -> existing(ref).map(row -> new SourceState(view(row)))).completion(),
        Bus.SOURCE_DELETE.serve(bus, ref -> store.deleteSource(id(ref)).compose(deleted -> deleted
            ? Future.succeededFuture(ref)
            : Future.failedFuture(new BusFailure(FailureCode.NOT_FOUND, "no source " + ref.id())))).completion(),
        Bus.SOURCE_SYNC.serve(bus, ref -> sync.sync(id(ref)).onSuccess(this::synced)).completion(),
        Bus.JOBS_VERIFY.serve(bus, all -> sync.verify()).completion(),
        Bus.CATEGORIES.serve(bus, all -> store.categoryCounts().map(c -> new CategoryCounts(c.getJsonObject("family"),
            c.getJsonObject("seniority"), c.getJsonObject("workplace"),
            c.getJsonObject("workplace").stream().mapToLong(e -> ((Number) e.getValue()).longValue()).sum())))
            .completion()));
  }

  @Override
  public Future<?> stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return fetcher.close();
  }

  /** One scheduler round: claim due sources and poll them one after another, then catch up on job vectors. */
  private void pollDue() {
    if (polling) {
      return;
    }
    polling = true;
    store.claimDue(CLAIM)
        .compose(ids -> sequentially(ids, 0))
        .compose(done -> sync.verify().mapEmpty())
        .onFailure(e -> log.warn("scheduler round failed: {}", e.getMessage()))
        .onComplete(done -> {
          polling = false;
          vectors.request();
        });
  }

  /** New or changed jobs get their vectors now rather than at the next scheduler round. */
  private void synced(SyncReport report) {
    if (report.created() + report.updated() > 0) {
      vectors.request();
    }
  }

  private Future<Void> sequentially(List<UUID> ids, int i) {
    if (i == ids.size()) {
      return Future.succeededFuture();
    }
    return sync.sync(ids.get(i))
        .onSuccess(this::synced)
        .onFailure(e -> log.warn("source {} failed: {}", ids.get(i), e.getMessage()))
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture())
        .compose(done -> sequentially(ids, i + 1));
  }

  private Future<SourceState> create(SourceSpec spec) {
    if (SourceKind.fromId(spec.kind()).isEmpty()) {
      return bad("kind must be one of rss, greenhouse, lever, ashby, workable, smartrecruiters, remotive, remoteok");
    }
    URI url;
    try {
      url = new URI(spec.url());
    } catch (Exception e) {
      return bad("url is not a URL");
    }
    if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null) {
      return bad("url must be an absolute http(s) URL");
    }
    Duration every;
    try {
      every = Duration.parse(spec.schedule());
    } catch (DateTimeParseException e) {
      return bad("schedule must be an ISO-8601 duration such as PT1H");
    }
    if (every.compareTo(MIN_SCHEDULE) < 0 || every.compareTo(MAX_SCHEDULE) > 0) {
      return bad("schedule must be between PT5M and P7D");
    }
    return store.insertSource(spec.kind(), spec.name(), url.toString(), spec.schedule(), spec.config())
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? new BusFailure(FailureCode.CONFLICT, "a " + spec.kind() + " source with this url exists") : e))
        .map(row -> new SourceState(view(row)));
  }

  private Future<Row> existing(SourceRef ref) {
    return store.source(id(ref)).compose(row -> row == null
        ? Future.failedFuture(new BusFailure(FailureCode.NOT_FOUND, "no source " + ref.id()))
        : Future.succeededFuture(row));
  }

  private static UUID id(SourceRef ref) {
    try {
      return UUID.fromString(ref.id());
    } catch (IllegalArgumentException e) {
      throw new BusFailure(FailureCode.NOT_FOUND, "no source " + ref.id());
    }
  }

  private static <T> Future<T> bad(String why) {
    return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST, why));
  }

  static JsonObject view(Row row) {
    JsonObject view = new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("kind", row.getString("kind"))
        .put("name", row.getString("name"))
        .put("url", row.getString("url"))
        .put("schedule", row.getString("schedule"))
        .put("config", row.getJsonObject("config"))
        .put("enabled", row.getBoolean("enabled"))
        .put("errorCount", row.getInteger("error_count"))
        .put("lastError", row.getString("last_error"))
        .put("jobsSeen", row.getInteger("jobs_seen"))
        .put("etag", row.getString("etag"))
        .put("lastModified", row.getString("last_modified"));
    for (String column : List.of("last_run_at", "last_success_at", "next_run_at", "backoff_until", "created_at")) {
      var value = row.getOffsetDateTime(column);
      view.put(RowJson.camel(column), value == null ? null : value.toInstant().toString());
    }
    return view;
  }

  private JsonObject status() {
    return new JsonObject().put("fetchAllowPrivate", node.config().fetch().allowPrivate()).put("scheduler", config.scheduler());
  }
}
