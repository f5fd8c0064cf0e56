package com.jobswipe.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * RFC 6238 time-based one-time passwords as authenticator apps expect them: HMAC-SHA1, 6 digits, 30-second steps.
 * Secrets travel to the app as RFC 4648 base32 inside an {@code otpauth://} URI.
 */
public final class Totp {

  public static final int DIGITS = 6;
  public static final int PERIOD_SECONDS = 30;
  /** RFC 4226 requires at least 128 bits and recommends 160, the size of an HMAC-SHA1 output. */
  static final int SECRET_BYTES = 20;
  /** One step either side covers clock drift and a code typed as it rolls over (RFC 6238 section 5.2). */
  static final int DRIFT_STEPS = 1;

  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};
  private static final SecureRandom RANDOM = new SecureRandom();

  private Totp() {
  }

  public static byte[] newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    RANDOM.nextBytes(secret);
    return secret;
  }

  /** RFC 4648 base32, upper case, no padding (authenticator apps accept and display it that way). */
  public static String base32(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
    int buffer = 0;
    int bits = 0;
    for (byte b : bytes) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /** Reads base32 in either case, ignoring spaces and {@code =} padding; trailing partial bits are dropped. */
  public static byte[] fromBase32(String text) {
    ByteBuffer out = ByteBuffer.allocate(text.length() * 5 / 8 + 1);
    int buffer = 0;
    int bits = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '=') {
        continue;
      }
      int value = base32Value(c);
      if (value < 0) {
        throw new IllegalArgumentException("not base32: character at index " + i);
      }
      buffer = (buffer << 5) | value;
      bits += 5;
      if (bits >= 8) {
        out.put((byte) (buffer >>> (bits - 8)));
        bits -= 8;
      }
    }
    byte[] bytes = new byte[out.position()];
    out.flip().get(bytes);
    return bytes;
  }

  /**
   * The Key URI Format that authenticator apps scan from a QR code. Neither part of the label may hold a colon:
   * apps split the label on it.
   */
  public static String otpauthUri(String issuer, String account, byte[] secret) {
    requireLabelPart(issuer, "issuer");
    requireLabelPart(account, "account");
    requireSecret(secret);
    return "otpauth://totp/" + encode(issuer) + ":" + encode(account)
        + "?secret=" + base32(secret)
        + "&issuer=" + encode(issuer)
        + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD_SECONDS;
  }

  /** The RFC 6238 counter T: whole periods since the Unix epoch. */
  public static long step(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), PERIOD_SECONDS);
  }

  /** The code for one step, zero-padded to {@value #DIGITS} digits. */
  public static String code(byte[] secret, long step) {
    return code(secret, step, DIGITS);
  }

  /** RFC 4226 HOTP with {@code digits} digits; more than 6 only so the RFC's 8-digit vectors can be checked. */
  static String code(byte[] secret, long step, int digits) {
    requireSecret(secret);
    if (digits < 1 || digits >= POWERS_OF_TEN.length) {
      throw new IllegalArgumentException("digits must be 1 to " + (POWERS_OF_TEN.length - 1));
    }
    byte[] hash = hmacSha1(secret, ByteBuffer.allocate(Long.BYTES).putLong(step).array());
    // Dynamic truncation (RFC 4226 section 5.3): the low nibble of the last byte picks a 31-bit window.
    int offset = hash[hash.length - 1] & 0x0f;
    int binary = ((hash[offset] & 0x7f) << 24)
        | ((hash[offset + 1] & 0xff) << 16)
        | ((hash[offset + 2] & 0xff) << 8)
        | (hash[offset + 3] & 0xff);
    String value = Integer.toString(binary % POWERS_OF_TEN[digits]);
    return "0".repeat(digits - value.length()) + value;
  }

  /**
   * Checks a code typed by the user against the steps around {@code now} and returns the step it matched, which
   * the caller stores as the new {@code lastUsedStep}. A step at or before {@code lastUsedStep} never matches, so a
   * code cannot be replayed, nor an older one used after a newer one (pass {@code -1} before the first use).
   * Spaces anywhere are ignored ("123 456", as apps display it); anything else but exactly six ASCII digits is
   * refused.
   */
  public static OptionalLong verify(byte[] secret, String code, Instant now, long lastUsedStep) {
    requireSecret(secret);
    Objects.requireNonNull(now, "now");
    if (code == null) {
      return OptionalLong.empty();
    }
    String digits = code.strip().replace(" ", "");
    if (!isSixAsciiDigits(digits)) {
      return OptionalLong.empty();
    }
    byte[] typed = digits.getBytes(StandardCharsets.US_ASCII);
    long current = step(now);
    long matched = Long.MIN_VALUE;
    // Every permitted step is computed and compared, with no early exit, so timing does not show which matched.
    // Should two steps share a code, the later wins: it burns the most, which is the safe side for replay.
    for (long candidate = current - DRIFT_STEPS; candidate <= current + DRIFT_STEPS; candidate++) {
      if (candidate <= lastUsedStep) {
        continue;
      }
      byte[] expected = code(secret, candidate).getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(expected, typed)) {
        matched = candidate;
      }
    }
    return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
  }

  private static int base32Value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a';
    }
    if (c >= '2' && c <= '7') {
      return 26 + c - '2';
    }
    return -1;
  }

  private static boolean isSixAsciiDigits(String s) {
    if (s.length() != DIGITS) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static byte[] hmacSha1(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is unavailable in this JVM", e);
    }
  }

  private static void requireSecret(byte[] secret) {
    if (secret == null || secret.length == 0) {
      throw new IllegalArgumentException("TOTP secret is empty");
    }
  }

  private static void requireLabelPart(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is empty");
    }
    if (value.indexOf(':') >= 0) {
      throw new IllegalArgumentException(name + " may not contain ':'");
    }
  }

  /** Percent-encoding for both the label path and query values; URLEncoder's '+' for space is form-only. */
  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
