package com.jobswipe.automation;

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
}
