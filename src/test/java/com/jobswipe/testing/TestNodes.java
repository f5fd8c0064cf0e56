package com.jobswipe.testing;

import com.jobswipe.auth.JwtKeys;
import com.jobswipe.bus.Role;
import com.jobswipe.config.AppConfig;
import com.jobswipe.config.ConfigLoader;
import com.jobswipe.config.NodeContext;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.db.ConnectionSettings;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.net.URI;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Configuration for a node under test: the shipped defaults plus the given environment. */
public final class TestNodes {

  /** One set of keys per test run, so every node of a test cluster trusts every other. */
  public static final String JWT_KEYS = JwtKeys.generate("test1").toJson();
  public static final String DATA_KEYS = DataKeyRing.generate("test1").spec();
  /** Unlocks /metrics and detailed readiness on a test node's public port (send it as a bearer token). */
  public static final String OPS_TOKEN = "test-ops-token-" + java.util.UUID.randomUUID();

  private TestNodes() {
  }

  public static AppConfig config(Map<String, String> env) {
    return ConfigLoader.load(environment(env));
  }

  /** The environment {@link #config} reads: the test defaults with {@code env} over them. */
  public static Map<String, String> environment(Map<String, String> env) {
    Map<String, String> all = new HashMap<>();
    all.put("JOBSWIPE_HTTP_HOST", "127.0.0.1");
    all.put("JOBSWIPE_API_INSTANCES", "2");
    all.put("JOBSWIPE_SHUTDOWN_GRACE_SECONDS", "5");
    all.put("JOBSWIPE_DATA_DIR", Path.of("target", "test-data").toString());
    all.put("JOBSWIPE_JWT_KEYS", JWT_KEYS);
    all.put("JOBSWIPE_DATA_KEYS", DATA_KEYS);
    all.put("JOBSWIPE_OPS_TOKEN", OPS_TOKEN);
    // Quotas and lockouts stay real but generous and short, except where a test sets them to test them.
    all.put("JOBSWIPE_RATE_AUTH_PER_MINUTE", "100000");
    all.put("JOBSWIPE_RATE_API_PER_MINUTE", "100000");
    all.put("JOBSWIPE_RATE_PUBLIC_PER_MINUTE", "100000");
    all.put("JOBSWIPE_LOCKOUT_BASE_SECONDS", "1");
    all.put("JOBSWIPE_ARGON2_MEMORY_KIB", "8192");
    all.put("JOBSWIPE_ARGON2_ITERATIONS", "1");
    all.putAll(env);
    return all;
  }

  /**
   * The node a role verticle sees when a test deploys it alone on a plain Vert.x, without a launcher: not
   * clustered, the test configuration, its own metrics. Its database settings name the local server but the
   * roles deployed this way (embedding) never open it.
   */
  public static NodeContext context(String nodeId, Role role, PrometheusMeterRegistry metrics) {
    AppConfig config = config(Map.of());
    return new NodeContext(nodeId, EnumSet.of(role), false, List::of, metrics,
        ConnectionSettings.fromUrl(URI.create("postgresql://127.0.0.1:5432/test")), config,
        DataKeyRing.parse(DATA_KEYS), new AtomicBoolean());
  }

  public static PrometheusMeterRegistry metrics() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /** The same node under another id: how one process hosts two notification "nodes" in a test. */
  public static NodeContext withId(NodeContext node, String nodeId) {
    return new NodeContext(nodeId, node.roles(), node.clustered(), node.clusterMembers(), node.metrics(),
        node.database(), node.config(), node.dataKeys(), node.draining());
  }
}
