package com.jobswipe.edge;

import java.net.URI;

/**
 * Every kind of error the API answers with, each with a stable {@code type} URI that clients may switch on.
 * Add kinds here; never rename a slug.
 */
public enum ProblemType {
  BAD_REQUEST("bad-request", "The request is malformed", 400),
  VALIDATION("validation", "The request has invalid fields", 400),
  UNAUTHORIZED("unauthorized", "Authentication is required", 401),
  INVALID_CREDENTIALS("invalid-credentials", "The credentials are not valid", 401),
  INVALID_TOKEN("invalid-token", "The token is not valid", 401),
  FORBIDDEN("forbidden", "Not allowed", 403),
  EMAIL_UNVERIFIED("email-unverified", "The email address is not verified yet", 403),
  STEP_UP_REQUIRED("step-up-required", "Re-authentication is required for this action", 403),
  NOT_FOUND("not-found", "No such resource", 404),
  METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed on this resource", 405),
  NOT_ACCEPTABLE("not-acceptable", "No acceptable representation", 406),
  CONFLICT("conflict", "The request conflicts with the resource's state", 409),
  PAYLOAD_TOO_LARGE("payload-too-large", "The request body is too large", 413),
  URI_TOO_LONG("uri-too-long", "The request line is too long", 414),
  UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported content type", 415),
  UNPROCESSABLE("unprocessable", "The request cannot be processed", 422),
  RATE_LIMITED("rate-limited", "Too many requests", 429),
  HEADERS_TOO_LARGE("headers-too-large", "The request headers are too large", 431),
  INTERNAL("internal", "Internal server error", 500),
  BAD_GATEWAY("bad-gateway", "A backend service failed", 502),
  UNAVAILABLE("unavailable", "Service unavailable", 503),
  TIMEOUT("timeout", "A backend service did not answer in time", 504);

  /** Where the types live; documented in /openapi.yaml. */
  public static final String BASE = "https://jobswipe-backend.fly.dev/problems/";

  private final String slug;
  private final String title;
  private final int status;

  ProblemType(String slug, String title, int status) {
    this.slug = slug;
    this.title = title;
    this.status = status;
  }

  public URI uri() {
    return URI.create(BASE + slug);
  }

  public String title() {
    return title;
  }

  public int status() {
    return status;
  }

  /** The kind an HTTP status maps to when nothing more specific is known: the first declared with it. */
  public static ProblemType forStatus(int status) {
    for (ProblemType type : values()) {
      if (type.status == status) {
        return type;
      }
    }
    return status >= 500 ? INTERNAL : BAD_REQUEST;
  }
}
