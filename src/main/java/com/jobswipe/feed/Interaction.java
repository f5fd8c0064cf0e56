package com.jobswipe.feed;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/** One row of {@code user_job_interactions}: the user's current decision on a job. */
record Interaction(UUID id, UUID jobId, Direction direction, String clientId, OffsetDateTime createdAt,
                   OffsetDateTime updatedAt) {

  /** The columns {@link #of(Row)} reads. */
  static final String COLUMNS = "id, job_id, direction, client_id, created_at, updated_at";

  static Interaction of(Row row) {
    return new Interaction(row.getUUID("id"), row.getUUID("job_id"), Direction.of(row.getString("direction")),
        row.getString("client_id"), row.getOffsetDateTime("created_at"), row.getOffsetDateTime("updated_at"));
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("jobId", jobId.toString())
        .put("direction", direction.wire())
        .put("clientId", clientId)
        .put("createdAt", JobCards.instant(createdAt))
        .put("updatedAt", JobCards.instant(updatedAt));
  }
}
