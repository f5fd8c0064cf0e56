package com.jobswipe.matching;

import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Migrations;
import com.jobswipe.db.Pools;
import com.jobswipe.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The node's index across a stop, on a real PostgreSQL: work that arrives after the node closed its index (a
 * {@code jobs.upserted} whose read was still in flight, a rebuild) is refused at once — it once spun forever on the
 * event loop, hanging the node's undeploy.
 */
class IndexKeeperTest {

  private static TestDatabase database;
  private static Vertx vertx;
  private static MatchingStore store;
  private static WorkerExecutor worker;

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
    ConnectionSettings settings = ConnectionSettings.fromUrl(database.url());
    Migrations.migrate(settings);
    vertx = Vertx.vertx();
    store = new MatchingStore(Pools.shared(vertx, settings, "keeper-" + UUID.randomUUID(), 2));
    worker = vertx.createSharedWorkerExecutor("keeper-test-index", 1);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    database.close();
  }

  private static IndexKeeper keeper() {
    return new IndexKeeper(vertx, store, worker, Duration.ofHours(1), new SimpleMeterRegistry());
  }

  @Test
  void workArrivingAfterTheNodeClosedItsIndexIsRefused() {
    IndexKeeper keeper = keeper();
    keeper.build().await();
    assertThat(keeper.holding(index -> Future.succeededFuture(index.size())).await()).isZero();

    keeper.close();
    Future<Integer> late = keeper.holding(index -> Future.succeededFuture(index.size()));

    assertThat(late.failed()).isTrue();
    assertThat(late.cause()).hasMessageContaining("closed");
  }

  @Test
  void aRebuildFinishingAfterTheCloseDoesNotReopenTheIndex() {
    IndexKeeper keeper = keeper();
    keeper.build().await();
    Future<Void> rebuild = keeper.build();

    keeper.close();
    rebuild.await();

    assertThat(keeper.holding(index -> Future.succeededFuture(index.size())).failed()).isTrue();
  }
}
