package com.jobswipe.ingestion.sources;

/**
 * The fetched body is not what this source kind serves, or is hostile (an XML feed carrying a DOCTYPE). The message
 * names the problem, never the body's content.
 */
public final class SourceFormatException extends RuntimeException {

  public SourceFormatException(String message) {
    super(message);
  }

  public SourceFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
