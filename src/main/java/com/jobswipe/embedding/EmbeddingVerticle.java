package com.jobswipe.embedding;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.config.EmbeddingConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/** Turns texts into vectors. Deployed as a worker: model inference blocks. */
public final class EmbeddingVerticle extends VerticleBase {

  private final String nodeId;
  private final EmbeddingConfig config;

  public EmbeddingVerticle(String nodeId, EmbeddingConfig config) {
    this.nodeId = nodeId;
    this.config = config;
  }

  @Override
  public Future<?> start() {
    return Bus.answerPings(vertx.eventBus(), Role.EMBEDDING, nodeId, this::status).completion();
  }

  private JsonObject status() {
    JsonObject status = new JsonObject().put("mode", config.mode());
    config.ollamaUrl().ifPresent(url -> status.put("ollamaUrl", url.toString()).put("model", config.ollamaModel()));
    return status;
  }
}
