package com.jobswipe.bus;

import java.util.Arrays;

/**
 * Why a request over the bus failed. The numbers cross the cluster and are part of the contract:
 * they are explicit and never reordered. They follow HTTP status codes so the edge can map them directly.
 */
public enum FailureCode {
  BAD_REQUEST(400),
  NOT_FOUND(404),
  CONFLICT(409),
  UNAVAILABLE(503),
  INTERNAL(500),
  /** No handler answered in time (Vert.x reports it as {@code ReplyFailure.TIMEOUT}). */
  TIMEOUT(504),
  /** No handler is registered for the address anywhere in the cluster. */
  NO_HANDLER(502);

  private final int code;

  FailureCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  public static FailureCode of(int code) {
    return Arrays.stream(values()).filter(f -> f.code == code).findFirst().orElse(INTERNAL);
  }
}
