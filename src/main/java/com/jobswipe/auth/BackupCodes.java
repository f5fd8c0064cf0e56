package com.jobswipe.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One-time recovery codes for when the authenticator app is lost, shown once as {@code k7q2-mz9x-4p} and stored
 * only as hashes.
 *
 * <p>Each code is 10 characters drawn uniformly from Crockford's base32 alphabet (lower case: no {@code i},
 * {@code l}, {@code o} or {@code u}), so 50 random bits. When reading a code back, the letters people confuse with
 * digits are mapped the way Crockford decoding does ({@code o} to {@code 0}, {@code i}/{@code l} to {@code 1}).
 *
 * <p>Why plain SHA-256 rather than Argon2: the input is not a human-chosen password but 50 uniformly random bits,
 * so there is no dictionary to try first, and no salt is needed (a precomputed table of 2<sup>50</sup> hashes
 * would be tens of petabytes). Online guessing is hopeless behind the login rate limit. What the fast hash gives
 * up is offline strength after a database leak: exhausting one code is 2<sup>50</sup> SHA-256 guesses, roughly half
 * a day on one current GPU, so a targeted account is within reach where Argon2 would put it out of reach. That is
 * accepted because a code only replaces the second factor; it is useless without the password, which is
 * Argon2-hashed. A slow hash here would cost tens of milliseconds and ~19 MiB for each of a user's ten stored codes
 * on every recovery attempt.
 */
public final class BackupCodes {

  /** Crockford base32, lower case. 32 symbols, so a random byte masked to 5 bits is uniform. */
  static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
  static final int CODE_LENGTH = 10;
  /** Bounds a caller's mistake, not a security limit; sign-up shows ten. */
  static final int MAX_COUNT = 100;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private BackupCodes() {
  }

  /** {@code count} distinct codes, formatted {@code xxxx-xxxx-xx} for display. */
  public static List<String> generate(int count) {
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count must be 1 to " + MAX_COUNT);
    }
    Set<String> codes = new LinkedHashSet<>();
    while (codes.size() < count) {
      codes.add(format(randomCode()));
    }
    return new ArrayList<>(codes);
  }

  /**
   * The canonical form that is hashed: lower case, without dashes or whitespace, with Crockford's look-alike
   * letters mapped to their digits.
   */
  public static String normalize(String code) {
    StringBuilder out = new StringBuilder(code.length());
    for (int i = 0; i < code.length(); i++) {
      char c = Character.toLowerCase(code.charAt(i));
      if (c == '-' || Character.isWhitespace(c)) {
        continue;
      }
      out.append(switch (c) {
        case 'o' -> '0';
        case 'i', 'l' -> '1';
        default -> c;
      });
    }
    return out.toString();
  }

  /** Lower-case hex SHA-256 of the normalized code: the only form that is stored. */
  public static String hash(String code) {
    return HEX.formatHex(sha256(normalize(code).getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether {@code code} is the one {@code hash} was made from. Constant time in the stored hash's content. */
  public static boolean matches(String code, String hash) {
    if (code == null || hash == null) {
      return false;
    }
    byte[] expected = hash.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = hash(code).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(actual, expected);
  }

  private static String randomCode() {
    byte[] random = new byte[CODE_LENGTH];
    RANDOM.nextBytes(random);
    char[] code = new char[CODE_LENGTH];
    for (int i = 0; i < CODE_LENGTH; i++) {
      code[i] = ALPHABET.charAt(random[i] & 31);
    }
    return new String(code);
  }

  private static String format(String code) {
    return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
  }

  private static byte[] sha256(byte[] input) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(input);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }
}
