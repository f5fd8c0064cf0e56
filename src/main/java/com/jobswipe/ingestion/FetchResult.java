package com.jobswipe.ingestion;

import io.vertx.core.buffer.Buffer;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a poll of one URL produced: a 2xx with its body, a 304 ({@link #notModified}), or a 404/410 (the posting or
 * board is gone; the body is dropped).
 *
 * @param contentType the media type without parameters, lower case ({@code application/json}); empty when the
 *                    server sent none
 * @param body the decompressed body, never over the fetcher's cap; empty for 304, 404 and 410
 * @param finalUrl the URL that answered, after redirects
 */
public record FetchResult(int status, Optional<String> etag, Optional<String> lastModified, String contentType,
                          Buffer body, URI finalUrl, boolean notModified) {

  public FetchResult {
    Objects.requireNonNull(etag);
    Objects.requireNonNull(lastModified);
    Objects.requireNonNull(contentType);
    Objects.requireNonNull(body);
    Objects.requireNonNull(finalUrl);
  }

  /**
   * A 304. (Named with arguments because a no-argument static {@code notModified()} would clash with the record
   * accessor of the same name.)
   */
  public static FetchResult notModified(URI finalUrl, Optional<String> etag, Optional<String> lastModified) {
    return new FetchResult(304, etag, lastModified, "", Buffer.buffer(), finalUrl, true);
  }

  /** 404 or 410: the resource is gone and the caller closes what it stood for. */
  public boolean gone() {
    return status == 404 || status == 410;
  }
}
