package com.jobswipe.auth;

/** Where a request came from, for audit and session records. */
public record RequestInfo(String ip, String userAgent) {

  public RequestInfo {
    userAgent = userAgent == null ? null : userAgent.substring(0, Math.min(userAgent.length(), 256));
  }
}
