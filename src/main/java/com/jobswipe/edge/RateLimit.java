package com.jobswipe.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A quota policy: at most {@code quota} requests per {@code window} for one key (an IP, an account...).
 *
 * <p>Both limiters enforce it with GCRA (the generic cell rate algorithm): each unit comes back
 * {@code window / quota} after it was spent, and a client that has been quiet may spend the whole quota at
 * once, then one more per {@code window / quota}. Unlike a fixed-window counter there is no double burst at
 * a window edge: no more than {@code quota} requests ever get through at once, and over any interval of
 * length L at most {@code quota + L * quota / window}, so the long-run rate never exceeds the quota per window.
 *
 * @param policy the policy's name in the {@code RateLimit-Policy} and {@code RateLimit} header fields and in the
 *               storage key; a short token ({@code [A-Za-z0-9._-]{1,64}}), so it needs no escaping anywhere
 * @param quota  requests allowed per window, 1 to 1,000,000
 * @param window whole seconds, 1 s to 1 day: the header field's {@code w} has no sub-second precision
 */
public record RateLimit(String policy, int quota, Duration window) {

  private static final Pattern POLICY = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final Duration MAX_WINDOW = Duration.ofDays(1);
  /** Keys up to this many characters are stored as they are; longer or odd ones are hashed. */
  static final int MAX_RAW_KEY = 64;

  public RateLimit {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(window, "window");
    if (!POLICY.matcher(policy).matches()) {
      throw new IllegalArgumentException("policy must match " + POLICY + ": " + policy);
    }
    if (quota < 1 || quota > 1_000_000) {
      throw new IllegalArgumentException("quota must be 1..1000000: " + quota);
    }
    if (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(MAX_WINDOW) > 0 || window.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalArgumentException("window must be whole seconds between 1 s and 1 day: " + window);
    }
  }

  public static RateLimit perMinute(String policy, int quota) {
    return new RateLimit(policy, quota, Duration.ofMinutes(1));
  }

  /** The window in whole seconds, as the header fields carry it. */
  public long windowSeconds() {
    return window.toSeconds();
  }

  /**
   * GCRA's emission interval in microseconds: how long one spent unit takes to come back. Rounded up, so
   * rounding can only make the limit stricter, never let more than {@code quota} through per window.
   */
  long intervalMicros() {
    long windowMicros = window.toNanos() / 1_000;
    return (windowMicros + quota - 1) / quota;
  }

  /** GCRA's burst capacity in microseconds: {@code quota} intervals, so exactly {@code quota} requests fit at once. */
  long capacityMicros() {
    return intervalMicros() * quota;
  }

  /**
   * A storage-safe form of a caller-supplied key (an IP, an email, anything a client can influence): short
   * printable keys stay readable; anything longer, with spaces or control characters, or starting with the
   * hash marker {@code #} becomes {@code #} + SHA-256 hex. The marker keeps a crafted raw key from ever
   * colliding with a hashed one, and the bound keeps a hostile string from making huge keys.
   */
  static String boundedKey(String key) {
    Objects.requireNonNull(key, "key");
    if (!key.isEmpty() && key.length() <= MAX_RAW_KEY && key.charAt(0) != '#' && printable(key)) {
      return key;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      return "#" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-256", e);
    }
  }

  private static boolean printable(String key) {
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * The outcome of one check.
   *
   * @param allowed           whether the request fits (and so spent one unit)
   * @param remaining         units still available right now after this request ({@code r} in the header field)
   * @param resetSeconds      seconds until {@code remaining} next grows, rounded up: within this time the client
   *                          can use no more than {@code remaining} — the draft's effective window ({@code t}).
   *                          The quota refills one unit at a time, so a full refill takes up to
   *                          {@code window} but the next unit comes much sooner
   * @param retryAfterSeconds when denied, seconds until a request would be allowed, rounded up (at least 1);
   *                          0 when allowed
   */
  public record Decision(boolean allowed, long remaining, long resetSeconds, long retryAfterSeconds) {

    public Decision {
      if (remaining < 0 || resetSeconds < 0 || retryAfterSeconds < 0) {
        throw new IllegalArgumentException("negative decision values");
      }
    }

    /**
     * From GCRA's raw result, in the one place both limiters share.
     *
     * @param waitMicros microseconds until one more unit is available (always positive)
     */
    static Decision of(boolean allowed, long remaining, long waitMicros) {
      long seconds = Math.max(1, (waitMicros + 999_999) / 1_000_000);
      return new Decision(allowed, allowed ? remaining : 0, seconds, allowed ? 0 : seconds);
    }
  }
}
