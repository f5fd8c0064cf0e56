package com.jobswipe.bus;

import io.vertx.core.json.JsonObject;

/** A command was taken on; {@code id} names what it created. */
public record Accepted(String id) implements BusMessage {

  public static Accepted fromJson(JsonObject json) {
    return new Accepted(json.getString("id"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("id", id);
  }
}
