package com.jobswipe.automation;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One committed state change, in the form the runner publishes it (to the user's WebSocket, notifications).
 *
 * @param line the trail line written with the change in the same statement: the owner's event (none, no event)
 */
public record StateChange(UUID taskId, UUID applicationId, UUID userId, TaskState from, TaskState to, Instant at,
                          Optional<TrailLine> line) {

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
