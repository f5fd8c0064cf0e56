package com.jobswipe.notification;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Stores and delivers notifications. Without email or push credentials only the inbox and WebSocket work. */
public final class NotificationVerticle extends VerticleBase {

  private final String nodeId;

  public NotificationVerticle(String nodeId) {
    this.nodeId = nodeId;
  }

  @Override
  public Future<?> start() {
    return Bus.answerPings(vertx.eventBus(), Role.NOTIFICATION, nodeId, this::status).completion();
  }

  private JsonObject status() {
    return new JsonObject().put("channels", new JsonArray().add("inbox").add("websocket"));
  }
}
