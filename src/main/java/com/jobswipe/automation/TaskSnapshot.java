package com.jobswipe.automation;

import io.vertx.core.json.JsonArray;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A task's row as it is now (for routes, the reconciler and tests). */
public record TaskSnapshot(UUID taskId, UUID applicationId, TaskState state, Optional<String> step, int attempt,
                           Optional<String> lockedBy, Optional<Instant> leaseUntil, Instant nextAttemptAt,
                           Optional<String> lastError, Optional<JsonArray> pendingQuestions,
                           Optional<Instant> submitStartedAt, Instant enqueuedAt, Optional<Instant> guardedAt) {
}
