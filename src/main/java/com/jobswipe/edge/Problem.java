package com.jobswipe.edge;

import io.vertx.core.json.JsonObject;

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

  public Problem(ProblemType type, String detail) {
    this(type, detail, new JsonObject());
  }

  public Problem(ProblemType type, String detail, JsonObject extensions) {
    super(type.name() + ": " + detail, null, false, false);
    this.type = type;
    this.detail = detail;
    this.extensions = extensions;
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
