package com.jobswipe.edge;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rate limit header fields of draft-ietf-httpapi-ratelimit-headers-11 (23 May 2026), both Structured
 * Field Lists (RFC 9651) of String items with parameters, one member per policy that applied to the request:
 *
 * <pre>
 * RateLimit-Policy: "auth-ip";q=10;w=60, "auth-account";q=5;w=300
 * RateLimit: "auth-ip";r=9;t=6, "auth-account";r=4;t=60
 * Retry-After: 6                       (only when throttled)
 * </pre>
 *
 * <ul>
 *   <li>{@code q}: the quota (requests, the default quota unit, so no {@code qu}); {@code w}: the window in
 *       seconds (draft §3.1).</li>
 *   <li>{@code r}: units available now; {@code t}: the effective window, seconds within which the client can
 *       use no more than {@code r} (§4.1). GCRA returns units one at a time, so {@code t} is the time until
 *       the next one, rounded up; on a throttled policy it equals {@code Retry-After}, which the draft (§6)
 *       wants never earlier than the end of the effective window.</li>
 *   <li>No {@code pk} (partition key): ours are client IPs and account emails, which the draft (§6.1) says
 *       not to echo.</li>
 * </ul>
 *
 * Members are joined with {@code ", "} as RFC 9651 §4.1.1 serialises lists. Older drafts' {@code RateLimit-Limit},
 * {@code -Remaining} and {@code -Reset} fields are not sent.
 */
public final class RateLimitHeaders {

  public static final String POLICY = "RateLimit-Policy";
  public static final String RATE_LIMIT = "RateLimit";
  public static final String RETRY_AFTER = "Retry-After";

  /** One policy's outcome for the current request. */
  public record Applied(RateLimit limit, RateLimit.Decision decision) {
  }

  private RateLimitHeaders() {
  }

  /** The {@code RateLimit-Policy} field value, e.g. {@code "api";q=60;w=60}. */
  public static String policy(List<Applied> applied) {
    return list(applied, a -> sfString(a.limit().policy()) + ";q=" + a.limit().quota() + ";w=" + a.limit().windowSeconds());
  }

  /** The {@code RateLimit} field value, e.g. {@code "api";r=59;t=1}. */
  public static String rateLimit(List<Applied> applied) {
    return list(applied, a -> sfString(a.limit().policy()) + ";r=" + a.decision().remaining() + ";t=" + a.decision().resetSeconds());
  }

  /** {@code Retry-After} in delay-seconds: the longest wait among the throttled policies, 0 when none is. */
  public static long retryAfterSeconds(List<Applied> applied) {
    return applied.stream()
        .filter(a -> !a.decision().allowed())
        .mapToLong(a -> a.decision().retryAfterSeconds())
        .max()
        .orElse(0);
  }

  private static String list(List<Applied> applied, Function<Applied, String> member) {
    if (applied.isEmpty()) {
      throw new IllegalArgumentException("a rate limit field is a non-empty list");
    }
    return applied.stream().map(member).collect(Collectors.joining(", "));
  }

  /** RFC 9651 §4.1.6: printable ASCII only, with {@code "} and {@code \} escaped. */
  static String sfString(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new IllegalArgumentException("not representable as a structured field string: " + value);
      }
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }
}
