package com.jobswipe.crypto;

/**
 * A sealed value could not be opened. The message says which kind of problem it was and never carries key
 * material or plaintext, so it is safe to log.
 */
public final class CryptoException extends RuntimeException {

  /** Why opening failed; lets a caller tell "re-key me" (unknown key) from "someone altered this" (tampered). */
  public enum Reason {
    /** The first byte names an envelope format this code does not know. */
    UNSUPPORTED_VERSION,
    /** Shorter than its own header says it must be. */
    TRUNCATED,
    /** The header is not well formed (bad key id length or characters). */
    MALFORMED,
    /** Sealed under a key id the ring does not hold (retired key, or a ring from another environment). */
    UNKNOWN_KEY,
    /** The GCM tag did not verify: the bytes were altered, or the context differs from the one used to seal. */
    TAMPERED
  }

  private final Reason reason;

  CryptoException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
