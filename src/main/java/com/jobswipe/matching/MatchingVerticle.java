package com.jobswipe.matching;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/** Ranks open jobs for a candidate. */
public final class MatchingVerticle extends VerticleBase {

  private final String nodeId;

  public MatchingVerticle(String nodeId) {
    this.nodeId = nodeId;
  }

  @Override
  public Future<?> start() {
    return Bus.answerPings(vertx.eventBus(), Role.MATCHING, nodeId, JsonObject::new).completion();
  }
}
