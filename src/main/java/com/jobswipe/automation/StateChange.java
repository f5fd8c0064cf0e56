package com.jobswipe.automation;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.UUID;

/** One committed state change, in the form the runner publishes it (to the user's WebSocket, notifications). */
public record StateChange(UUID taskId, UUID applicationId, UUID userId, TaskState from, TaskState to, Instant at) {

  public JsonObject toJson() {
    return new JsonObject()
        .put("taskId", taskId.toString())
        .put("applicationId", applicationId.toString())
        .put("userId", userId.toString())
        .put("from", from.name())
        .put("status", to.name())
        .put("at", at.toString());
  }
}
