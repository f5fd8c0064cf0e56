package com.jobswipe.config;

/**
 * Outbound fetches of user- or source-supplied URLs.
 *
 * @param allowPrivate lets fetchers and browsers reach loopback and private hosts; true only in tests
 */
public record FetchConfig(boolean allowPrivate) {

  static FetchConfig from(Settings s) {
    return new FetchConfig(s.bool("JOBSWIPE_FETCH_ALLOW_PRIVATE", "fetch.allowPrivate"));
  }
}
