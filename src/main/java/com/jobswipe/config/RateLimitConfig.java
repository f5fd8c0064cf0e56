package com.jobswipe.config;

import java.util.Optional;

/**
 * Request quotas per minute.
 *
 * @param clientIpHeader a header set by the trusted proxy in front of us (Fly: {@code Fly-Client-IP}); empty means
 *                       the socket's peer address. Never trust a client-controlled header here
 */
public record RateLimitConfig(int authPerMinute, int apiPerMinute, int publicPerMinute,
                              Optional<String> clientIpHeader) {

  static RateLimitConfig from(Settings s) {
    Optional<String> clientIpHeader = s.optionalString("JOBSWIPE_CLIENT_IP_HEADER", "rateLimit.clientIpHeader");
    // Behind Fly's proxy every client arrives from the proxy's address: without the header Fly sets, one client's
    // failed logins would lock out everyone's, and the per-IP quotas would be one quota for the world.
    if (clientIpHeader.isEmpty() && s.inEnvironment("FLY_APP_NAME")) {
      throw new ConfigException("JOBSWIPE_CLIENT_IP_HEADER",
          "must be set on Fly (FLY_APP_NAME is set); use Fly-Client-IP, the client address Fly's proxy sets");
    }
    return new RateLimitConfig(
        s.integer("JOBSWIPE_RATE_AUTH_PER_MINUTE", "rateLimit.authPerMinute", 1, 1_000_000),
        s.integer("JOBSWIPE_RATE_API_PER_MINUTE", "rateLimit.apiPerMinute", 1, 1_000_000),
        s.integer("JOBSWIPE_RATE_PUBLIC_PER_MINUTE", "rateLimit.publicPerMinute", 1, 1_000_000),
        clientIpHeader);
  }
}
