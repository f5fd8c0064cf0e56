package com.jobswipe.ingestion;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.config.FetchConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/** Polls job sources and keeps the jobs table current. */
public final class IngestionVerticle extends VerticleBase {

  private final String nodeId;
  private final FetchConfig fetch;

  public IngestionVerticle(String nodeId, FetchConfig fetch) {
    this.nodeId = nodeId;
    this.fetch = fetch;
  }

  @Override
  public Future<?> start() {
    return Bus.answerPings(vertx.eventBus(), Role.INGESTION, nodeId, this::status).completion();
  }

  private JsonObject status() {
    return new JsonObject().put("fetchAllowPrivate", fetch.allowPrivate());
  }
}
