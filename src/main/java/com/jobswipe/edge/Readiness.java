package com.jobswipe.edge;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Ping;
import com.jobswipe.bus.Role;
import com.jobswipe.config.NodeContext;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.sqlclient.Pool;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Answers "can this node take traffic now?" by asking each dependency in parallel, each under a short
 * timeout so a hung dependency makes the probe red instead of slow.
 */
public final class Readiness {

  private static final long CHECK_TIMEOUT_MS = 2_000;

  private final Vertx vertx;
  private final NodeContext node;
  private final Pool pool;
  private final Redis redis;

  public Readiness(Vertx vertx, NodeContext node, Pool pool) {
    this.vertx = vertx;
    this.node = node;
    this.pool = pool;
    this.redis = node.config().redis().url().map(url -> Redis.createClient(vertx, url.toString())).orElse(null);
  }

  public record Report(boolean up, JsonObject body) {
  }

  public Future<Report> check() {
    List<Future<JsonObject>> checks = new ArrayList<>();
    checks.add(run("database", database()));
    checks.add(run("cluster", cluster()));
    if (redis != null) {
      checks.add(run("redis", redis.send(Request.cmd(Command.PING)).map(reply -> new JsonObject())));
    }
    for (Role role : node.roles()) {
      checks.add(run("role:" + role.id(), Bus.ping(role).requestLocal(vertx.eventBus(), new Ping(node.nodeId()))
          .map(pong -> pong.details())));
    }
    if (node.draining().get()) {
      checks.add(Future.succeededFuture(down("shutdown", 0, "draining for shutdown")));
    }
    return Future.join(checks).transform(done -> {
      JsonArray results = new JsonArray();
      boolean up = true;
      for (Future<JsonObject> check : checks) {
        JsonObject result = check.result();
        up &= "UP".equals(result.getString("status"));
        results.add(result);
      }
      JsonObject body = new JsonObject()
          .put("status", up ? "UP" : "DOWN")
          .put("nodeId", node.nodeId())
          .put("checks", results);
      return Future.succeededFuture(new Report(up, body));
    });
  }

  private Future<JsonObject> database() {
    return pool.query("SELECT 1").execute().map(rows -> new JsonObject());
  }

  private Future<JsonObject> cluster() {
    JsonObject details = new JsonObject().put("clustered", node.clustered());
    if (node.clustered()) {
      List<String> members = node.clusterMembers().get();
      details.put("members", members.size());
      if (members.isEmpty()) {
        return Future.failedFuture("this node is not part of the cluster");
      }
    }
    return Future.succeededFuture(details);
  }

  /** Never fails: a failed or slow dependency becomes a DOWN entry. */
  private Future<JsonObject> run(String name, Future<JsonObject> check) {
    long started = System.nanoTime();
    return check.timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS).transform(done -> {
      long ms = (System.nanoTime() - started) / 1_000_000;
      if (done.succeeded()) {
        JsonObject up = new JsonObject().put("name", name).put("status", "UP").put("durationMs", ms);
        if (!done.result().isEmpty()) {
          up.put("details", done.result());
        }
        return Future.succeededFuture(up);
      }
      return Future.succeededFuture(down(name, ms, String.valueOf(done.cause().getMessage())));
    });
  }

  private static JsonObject down(String name, long ms, String error) {
    return new JsonObject().put("name", name).put("status", "DOWN").put("durationMs", ms).put("error", error);
  }

  public Future<Void> close() {
    return redis == null ? Future.succeededFuture() : redis.close();
  }
}
