package com.jobswipe.ingestion;

import java.util.Objects;
import java.util.Optional;

/**
 * Validators from the previous poll of a source, sent as {@code If-None-Match} / {@code If-Modified-Since} so an
 * unchanged feed costs the source a 304 instead of the whole document.
 *
 * @param etag the {@code ETag} exactly as the server sent it (quotes and {@code W/} included)
 * @param lastModified the {@code Last-Modified} value exactly as the server sent it
 */
public record Conditional(Optional<String> etag, Optional<String> lastModified) {

  private static final Conditional NONE = new Conditional(Optional.empty(), Optional.empty());

  public Conditional {
    Objects.requireNonNull(etag);
    Objects.requireNonNull(lastModified);
  }

  /** An unconditional GET. */
  public static Conditional none() {
    return NONE;
  }

  /** The validators a previous fetch returned. */
  public static Conditional from(FetchResult previous) {
    return new Conditional(previous.etag(), previous.lastModified());
  }
}
