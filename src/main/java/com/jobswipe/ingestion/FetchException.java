package com.jobswipe.ingestion;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * Why a {@link SafeFetcher} call failed. An expected outcome of polling other people's servers, so it carries no
 * stack trace; {@link #getCause()} keeps the network error when there was one.
 */
public final class FetchException extends RuntimeException {

  public enum Kind {
    /** A resolved address (first hop or any redirect) is loopback, private, link-local or otherwise refused. */
    BLOCKED_ADDRESS,
    /** Not an absolute http(s) URL with a host, carries userinfo, or a Location header that does not parse. */
    BAD_URL,
    TOO_MANY_REDIRECTS,
    /** The (decompressed) body passed the configured cap. */
    TOO_LARGE,
    BAD_CONTENT_TYPE,
    /** Connect, idle or whole-request timeout. */
    TIMEOUT,
    /** DNS failure, refused or reset connection, malformed response. */
    NETWORK,
    /** A status the fetcher does not turn into a result: 4xx other than 404/410, 5xx/429 after the retries. */
    HTTP_STATUS
  }

  private final Kind kind;
  private final int status;

  public FetchException(Kind kind, String message) {
    this(kind, message, null, 0);
  }

  public FetchException(Kind kind, String message, Throwable cause) {
    this(kind, message, cause, 0);
  }

  private FetchException(Kind kind, String message, Throwable cause, int status) {
    super(message, cause, false, false);
    this.kind = Objects.requireNonNull(kind);
    this.status = status;
  }

  /** An HTTP status the caller must treat as a failure. */
  public static FetchException httpStatus(int status, String message) {
    return new FetchException(Kind.HTTP_STATUS, message, null, status);
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status for {@link Kind#HTTP_STATUS}; empty otherwise. */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  @Override
  public String toString() {
    return "FetchException[" + kind + "]: " + getMessage();
  }
}
