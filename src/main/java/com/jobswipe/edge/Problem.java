package com.jobswipe.edge;

import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Optional;

/**
 * An RFC 9457 problem. Throw it from a handler (or fail the context with it) and the edge answers with
 * {@code application/problem+json}.
 *
 * @param extensions extra members, such as field-level {@code errors}; merged into the body
 */
public final class Problem extends RuntimeException {

  public static final String CONTENT_TYPE = "application/problem+json";

  private final ProblemType type;
  private final String detail;
  private final JsonObject extensions;
  private final Duration retryAfter;

  public Problem(ProblemType type, String detail) {
    this(type, detail, new JsonObject());
  }

  public Problem(ProblemType type, String detail, JsonObject extensions) {
    this(type, detail, extensions, null);
  }

  private Problem(ProblemType type, String detail, JsonObject extensions, Duration retryAfter) {
    super(type.name() + ": " + detail, null, false, false);
    this.type = type;
    this.detail = detail;
    this.extensions = extensions;
    this.retryAfter = retryAfter;
  }

  /** The same problem, answered with {@code Retry-After} (whole seconds, rounded up, at least 1). */
  public Problem retryAfter(Duration wait) {
    return new Problem(type, detail, extensions, wait);
  }

  /** Seconds for the {@code Retry-After} header, when the client should come back later. */
  public Optional<Long> retryAfterSeconds() {
    return Optional.ofNullable(retryAfter).map(wait -> Math.max(1, (wait.toMillis() + 999) / 1000));
  }

  public ProblemType type() {
    return type;
  }

  public int status() {
    return type.status();
  }

  public JsonObject toJson(String instance) {
    JsonObject body = new JsonObject()
        .put("type", type.uri().toString())
        .put("title", type.title())
        .put("status", type.status());
    if (detail != null) {
      body.put("detail", detail);
    }
    if (instance != null) {
      body.put("instance", instance);
    }
    return body.mergeIn(extensions);
  }
}
