package com.jobswipe.automation;

import com.jobswipe.bus.Accepted;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.config.AutomationConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;

/**
 * Submits applications through a headless browser. Deployed as a worker: Playwright blocks. Without a
 * Chromium binary the role still runs and says so in its status, so {@code /health/ready} shows it.
 */
public final class AutomationVerticle extends VerticleBase {

  private final String nodeId;
  private final AutomationConfig config;

  public AutomationVerticle(String nodeId, AutomationConfig config) {
    this.nodeId = nodeId;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return Future.join(
        Bus.answerPings(vertx.eventBus(), Role.AUTOMATION, nodeId, this::status).completion(),
        // Acknowledges only; running the task (RabbitMQ backlog, browser) is the automation issue's work.
        Bus.APPLICATION_QUEUED.serve(vertx.eventBus(),
            queued -> Future.succeededFuture(new Accepted(queued.applicationId()))).completion());
  }

  private JsonObject status() {
    boolean available = Files.isExecutable(config.chromium());
    return new JsonObject()
        .put("browser", config.chromium().toString())
        .put("browserAvailable", available);
  }
}
