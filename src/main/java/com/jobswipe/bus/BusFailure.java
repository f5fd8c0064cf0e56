package com.jobswipe.bus;

/** A request over the bus failed for a reason the contract names. */
public final class BusFailure extends RuntimeException {

  private final FailureCode code;

  public BusFailure(FailureCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public FailureCode code() {
    return code;
  }
}
