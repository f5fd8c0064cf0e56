package com.jobswipe;

import com.jobswipe.analytics.AnalyticsJobs;
import com.jobswipe.audit.Audit;
import com.jobswipe.auth.AuthMemory;
import com.jobswipe.auth.AuthRetention;
import com.jobswipe.automation.AutomationVerticle;
import com.jobswipe.bus.RequestTrace;
import com.jobswipe.bus.Role;
import com.jobswipe.config.AppConfig;
import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Pools;
import com.jobswipe.db.EmbeddedDatabase;
import com.jobswipe.db.Migrations;
import com.jobswipe.edge.LocalRateLimiter;
import com.jobswipe.config.NodeContext;
import com.jobswipe.edge.OpsVerticle;
import com.jobswipe.embedding.EmbeddingVerticle;
import com.jobswipe.api.ApiVerticle;
import com.jobswipe.ingestion.IngestionVerticle;
import com.jobswipe.matching.MatchingVerticle;
import com.jobswipe.notification.NotificationVerticle;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.sqlclient.Pool;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running node: database → migrations → Vert.x (clustered or not) → the roles asked for. Stopping
 * reverses it: readiness goes red, verticles undeploy (HTTP drains in-flight requests), the node leaves
 * the cluster, then the embedded database, if any, stops.
 */
public final class Application {

  private static final Logger log = LoggerFactory.getLogger(Application.class);

  private final Vertx vertx;
  private final NodeContext node;
  private final Secrets secrets;
  private final Optional<EmbeddedDatabase> embedded;

  private Application(Vertx vertx, NodeContext node, Secrets secrets, Optional<EmbeddedDatabase> embedded) {
    this.vertx = vertx;
    this.node = node;
    this.secrets = secrets;
    this.embedded = embedded;
  }

  /** Blocks the calling thread (never an event loop) until the node is ready or has failed to start. */
  public static Application start(AppConfig config, Set<Role> roles) {
    Optional<EmbeddedDatabase> embedded = config.database().embedded()
        ? Optional.of(EmbeddedDatabase.start(config.dataDir()))
        : Optional.empty();
    try {
      Secrets secrets = Secrets.resolve(config);
      ConnectionSettings database = embedded.map(EmbeddedDatabase::settings)
          .orElseGet(() -> ConnectionSettings.fromUrl(config.database().url().orElseThrow()));
      log.info("database {}", database);
      Migrations.migrate(database);

      PrometheusMeterRegistry metrics = metricsRegistry();
      // Request ids ride in context-local storage, whose slots must exist before a Vert.x instance is built.
      RequestTrace.register();
      VertxOptions options = new VertxOptions()
          .setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(false));
      Vertx vertx;
      NodeContext node;
      AtomicBoolean draining = new AtomicBoolean();
      if (config.cluster().enabled()) {
        HazelcastClusterManager clusterManager = Cluster.clusterManager(config.cluster());
        Cluster.configureEventBus(options, config.cluster());
        vertx = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(metrics))
            .withClusterManager(clusterManager).buildClustered().await();
        node = new NodeContext(clusterManager.getNodeId(), roles, true, clusterManager::getNodes, metrics,
            database, config, secrets.data(), draining);
      } else {
        vertx = Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(metrics)).build();
        node = new NodeContext("local-" + UUID.randomUUID(), roles, false, List::of, metrics, database, config,
            secrets.data(), draining);
      }
      Application app = new Application(vertx, node, secrets, embedded);
      try {
        app.deployRoles().await();
      } catch (Exception e) {
        // await() rethrows whatever failed, checked exceptions such as BindException included.
        app.stop();
        throw new IllegalStateException("roles failed to start: " + e, e);
      }
      return app;
    } catch (Exception e) {
      embedded.ifPresent(EmbeddedDatabase::close);
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.toString(), e);
    }
  }

  /** Every role verticle is built the same way: this node, and one record of the role's own. */
  private Future<Void> deployRoles() {
    AppConfig config = node.config();
    List<Future<String>> deployments = new ArrayList<>();
    for (Role role : node.roles()) {
      deployments.add(switch (role) {
        case API -> {
          int instances = config.http().apiInstances() > 0
              ? config.http().apiInstances()
              : VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE;
          ApiVerticle.Setup setup = new ApiVerticle.Setup(secrets.jwt(), new LocalRateLimiter(),
              new AuthMemory(config.auth().accessTokenTtl()));
          Pool pool = Pools.shared(vertx, node.database(), "api", config.database().pools().api());
          new AuthRetention(pool).schedule(vertx);
          Audit.scheduleRetention(vertx, pool, config.audit());
          new AnalyticsJobs(pool, node.metrics()).start(vertx);
          yield setup.authMemory().start(vertx, pool).compose(ready -> vertx.deployVerticle(
              () -> new ApiVerticle(node, setup),
              new DeploymentOptions().setInstances(instances)));
        }
        case INGESTION -> vertx.deployVerticle(new IngestionVerticle(node, config.ingestion()));
        case EMBEDDING -> vertx.deployVerticle(new EmbeddingVerticle(node, config.embedding()),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
        case MATCHING -> vertx.deployVerticle(new MatchingVerticle(node, config.matching()));
        case AUTOMATION -> vertx.deployVerticle(new AutomationVerticle(node, config.automation()),
            new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
        case NOTIFICATION -> vertx.deployVerticle(new NotificationVerticle(node,
            NotificationVerticle.Setup.from(config.push())));
      });
    }
    if (!node.roles().contains(Role.API)) {
      deployments.add(vertx.deployVerticle(OpsVerticle.publicPort(node)));
    }
    config.http().opsPort().ifPresent(port ->
        deployments.add(vertx.deployVerticle(OpsVerticle.operationsPort(node, port))));
    return Future.all(deployments).mapEmpty();
  }

  private static PrometheusMeterRegistry metricsRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Buckets for the HTTP server's response time, so Prometheus can compute p99 latency across nodes
    // (histogram_quantile over vertx_http_server_response_time_seconds_bucket); a summary could not be aggregated.
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
        return id.getName().equals("vertx.http.server.response.time")
            ? DistributionStatisticConfig.builder().percentilesHistogram(true)
                .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                .maximumExpectedValue((double) Duration.ofSeconds(30).toNanos()).build().merge(config)
            : config;
      }
    });
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }

  public Vertx vertx() {
    return vertx;
  }

  public NodeContext node() {
    return node;
  }

  /** Blocks until the node has drained and stopped. Safe to call more than once. */
  public synchronized void stop() {
    if (!node.draining().compareAndSet(false, true)) {
      return;
    }
    log.info("node {} shutting down", node.nodeId());
    try {
      vertx.close().await();
    } catch (RuntimeException e) {
      log.warn("Vert.x did not close cleanly", e);
    } finally {
      embedded.ifPresent(EmbeddedDatabase::close);
      log.info("node {} stopped", node.nodeId());
    }
  }

}
