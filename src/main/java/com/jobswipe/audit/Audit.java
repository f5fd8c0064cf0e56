package com.jobswipe.audit;

import com.jobswipe.config.AuditConfig;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail of sensitive acts, assembled: the observers that record them ({@link AuditedActs}), the admins'
 * reading route ({@code GET /v1/admin/audit}) and the retention sweep.
 */
public final class Audit {

  private static final Logger LOG = LoggerFactory.getLogger(Audit.class);
  private static final long SWEEP_EVERY_MS = 60 * 60 * 1000L;
  private static final long LOCK = 0x6a6f6273_61756474L; // "jobsaudt"

  private final AuditedActs acts;
  private final AuditRoutes routes;

  public Audit(Vertx vertx, Pool pool) {
    AuditStore store = new AuditStore(pool);
    this.acts = new AuditedActs(vertx, store);
    this.routes = new AuditRoutes(store);
  }

  /** Mounts the observers of audited acts: before the routes that do them, after authentication's identify step. */
  public void observe(Router router) {
    acts.observe(router);
  }

  public void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    routes.mount(router, signedIn, userLimit);
  }

  /**
   * For a route whose audited act creates something (a source, an API key): notes the new object's id for the
   * act's record and answers {@code result} unchanged, so it fits in a {@code map} of the route's reply.
   */
  public static <T> T created(RoutingContext ctx, String id, T result) {
    ctx.put(AuditedActs.CREATED, id);
    return result;
  }

  /**
   * Deletes records older than the retention period now and then hourly, one node at a time (a transaction-scoped
   * advisory lock); answers nothing, logs what it did.
   */
  public static void scheduleRetention(Vertx vertx, Pool pool, AuditConfig config) {
    sweep(pool, config);
    vertx.setPeriodic(SWEEP_EVERY_MS, id -> sweep(pool, config));
  }

  static Future<Long> sweep(Pool pool, AuditConfig config) {
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS mine")
            .execute(Tuple.of(LOCK))
            .compose(lock -> {
              Row row = lock.iterator().next();
              if (!row.getBoolean("mine")) {
                return Future.succeededFuture(-1L);
              }
              return tx.preparedQuery("DELETE FROM audit_records WHERE at < now() - make_interval(secs => $1)")
                  .execute(Tuple.of((double) config.retention().toSeconds()))
                  .map(rows -> (long) rows.rowCount());
            }))
        .onSuccess(deleted -> {
          if (deleted > 0) {
            LOG.info("audit retention deleted {} record(s) older than {}", deleted, config.retention());
          }
        })
        .onFailure(e -> LOG.warn("audit retention failed: {}", e.toString()));
  }
}
