package com.jobswipe.config;

/**
 * Outbound fetches of user- or source-supplied URLs.
 *
 * @param allowPrivate  lets fetchers and browsers reach loopback and private hosts; true only in tests
 * @param allowLoopback lets fetchers and browsers reach loopback hosts (127/8, ::1) and nothing else private:
 *                      what demo mode needs for the boards and forms it serves itself
 */
public record FetchConfig(boolean allowPrivate, boolean allowLoopback) {

  static FetchConfig from(Settings s) {
    return new FetchConfig(s.bool("JOBSWIPE_FETCH_ALLOW_PRIVATE", "fetch.allowPrivate"),
        s.bool("JOBSWIPE_FETCH_ALLOW_LOOPBACK", "fetch.allowLoopback"));
  }
}
