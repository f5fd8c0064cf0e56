package com.jobswipe.automation;

import io.vertx.core.json.JsonObject;

import java.time.Instant;

/** One line of an application's audit trail as it was written: what its owner's live event carries. */
public record TrailLine(long id, String step, String outcome, Instant startedAt, JsonObject detail) {
}
