package com.jobswipe.matching;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.config.MatchingConfig;
import com.jobswipe.db.Pools;
import com.jobswipe.config.NodeContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/**
 * Ranks open jobs for a candidate. {@link IndexKeeper} holds this node's index of every open job and keeps it current
 * from {@code jobs.upserted} / {@code jobs.closed} and reconciliation; {@link FeedPages} answers feed pages and
 * {@link DigestPicker} digests from it. Deployed only once the index is built. Index writes run on one worker thread
 * (in order); searches on a small pool.
 */
public final class MatchingVerticle extends VerticleBase {

  private final NodeContext node;
  private final MatchingConfig config;
  private WorkerExecutor indexWorker;
  private WorkerExecutor searchWorker;
  private IndexKeeper index;
  private FeedPages feeds;

  public MatchingVerticle(NodeContext node, MatchingConfig config) {
    this.node = node;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    Pool pool = Pools.shared(vertx, node.database(), "matching", node.config().database().pools().matching());
    MatchingStore store = new MatchingStore(pool);
    indexWorker = vertx.createSharedWorkerExecutor("matching-index", 1, 30, TimeUnit.MINUTES);
    searchWorker = vertx.createSharedWorkerExecutor("matching-search", 2, 60, TimeUnit.SECONDS);
    index = new IndexKeeper(vertx, store, indexWorker, config.reconcileEvery(), node.metrics());
    feeds = new FeedPages(vertx, store, index, searchWorker, config, node.metrics());
    DigestPicker digests = new DigestPicker(store, index, searchWorker, config.feedDepth());
    EventBus bus = vertx.eventBus();
    return index.build()
        .compose(built -> Future.join(
            Bus.FEED.serve(bus, feeds::serve).completion(),
            Bus.DIGEST.serve(bus, digests::serve).completion(),
            Bus.JOBS_UPSERTED.subscribe(bus, index::upserted).completion(),
            Bus.JOBS_CLOSED.subscribe(bus, index::closed).completion(),
            Bus.answerPings(bus, Role.MATCHING, node.nodeId(), this::status).completion()))
        .onSuccess(ready -> {
          feeds.start();
          index.start();
        });
  }

  private JsonObject status() {
    return index.status().put("rankingVersion", FeedRanker.VERSION);
  }

  @Override
  public Future<?> stop() {
    index.close();
    return feeds.close().eventually(() -> Future.join(indexWorker.close(), searchWorker.close()));
  }
}
