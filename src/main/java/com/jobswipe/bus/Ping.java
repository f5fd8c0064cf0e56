package com.jobswipe.bus;

import io.vertx.core.json.JsonObject;

/** "Are you there?" — sent by readiness checks and by other nodes. */
public record Ping(String from) implements BusMessage {

  public static Ping fromJson(JsonObject json) {
    return new Ping(json.getString("from", "unknown"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("from", from);
  }
}
