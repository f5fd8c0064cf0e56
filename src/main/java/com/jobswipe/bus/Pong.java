package com.jobswipe.bus;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * A role's answer to {@link Ping}: which node answered, and what the role wants operators to know about
 * itself (a fallback in use, a dependency it cannot reach).
 */
public record Pong(String role, String nodeId, JsonObject details) implements BusMessage {

  public Pong {
    Objects.requireNonNull(role);
    Objects.requireNonNull(nodeId);
    details = details == null ? new JsonObject() : details;
  }

  public static Pong fromJson(JsonObject json) {
    return new Pong(json.getString("role"), json.getString("nodeId"), json.getJsonObject("details"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("role", role).put("nodeId", nodeId).put("details", details);
  }
}
