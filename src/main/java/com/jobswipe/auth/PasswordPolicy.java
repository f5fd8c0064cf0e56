package com.jobswipe.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be, after NIST SP 800-63B: long enough, not on a breach-frequency list, not derived
 * from the account's email, and not a trivially guessable run of characters. No composition rules (a digit, a
 * symbol...): they push people towards {@code Password1!} without making passwords harder to guess.
 *
 * <p>Messages are written for the person choosing the password and go to them as they are.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 12;
  /** Long passphrases are welcome; the cap only keeps a hash request from carrying megabytes. */
  public static final int MAX_LENGTH = 128;
  /** A shorter local part ("jo", "ann") appears inside too many unrelated passwords to mean anything. */
  static final int MIN_EMAIL_PART = 4;
  static final String COMMON_PASSWORDS = "/auth/common-passwords.txt";

  public static final String TOO_SHORT = "Use at least " + MIN_LENGTH + " characters.";
  public static final String TOO_LONG = "Use at most " + MAX_LENGTH + " characters.";
  public static final String TOO_COMMON =
      "This password is one of the most common ones; choose something less predictable.";
  public static final String CONTAINS_EMAIL = "Don't use your email address in your password.";
  public static final String REPEATED = "Don't use one character repeated.";
  public static final String SEQUENCE = "Don't use a simple sequence such as 123456789012 or abcdefghijkl.";

  /** Problems with {@code password} for the account {@code email} (may be null), in a stable order; empty = fine. */
  public List<String> violations(String password, String email) {
    List<String> problems = new ArrayList<>();
    int length = password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      problems.add(TOO_SHORT);
    }
    if (length > MAX_LENGTH) {
      problems.add(TOO_LONG);
    }
    if (isCommon(password)) {
      problems.add(TOO_COMMON);
    }
    if (containsEmailLocalPart(password, email)) {
      problems.add(CONTAINS_EMAIL);
    }
    if (isOneRepeatedCharacter(password)) {
      problems.add(REPEATED);
    } else if (isSimpleSequence(password)) {
      problems.add(SEQUENCE);
    }
    return problems;
  }

  /**
   * Whether the password is on the list, as typed or with its trailing digits and punctuation dropped
   * ({@code Football2024!} is {@code football}), and in either form also with its spaces removed.
   */
  static boolean isCommon(String password) {
    String lower = password.toLowerCase(Locale.ROOT);
    Set<String> candidates = new LinkedHashSet<>();
    candidates.add(lower);
    candidates.add(stripTrailingNonLetters(lower));
    for (String c : List.copyOf(candidates)) {
      candidates.add(c.replaceAll("\\s+", ""));
    }
    Set<String> common = CommonPasswords.SET;
    return candidates.stream().anyMatch(c -> !c.isEmpty() && common.contains(c));
  }

  static int commonPasswordCount() {
    return CommonPasswords.SET.size();
  }

  private static String stripTrailingNonLetters(String s) {
    int end = s.length();
    while (end > 0) {
      int cp = s.codePointBefore(end);
      if (Character.isLetter(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(0, end);
  }

  /** The local part as written, and without a {@code +tag}, if it is long enough to be telling. */
  private static boolean containsEmailLocalPart(String password, String email) {
    if (email == null) {
      return false;
    }
    int at = email.lastIndexOf('@');
    String local = (at < 0 ? email : email.substring(0, at)).toLowerCase(Locale.ROOT);
    int plus = local.indexOf('+');
    String base = plus < 0 ? local : local.substring(0, plus);
    String lower = password.toLowerCase(Locale.ROOT);
    return containsTelling(lower, local) || containsTelling(lower, base);
  }

  private static boolean containsTelling(String password, String part) {
    return part.codePointCount(0, part.length()) >= MIN_EMAIL_PART && password.contains(part);
  }

  private static boolean isOneRepeatedCharacter(String password) {
    return !password.isEmpty() && password.codePoints().distinct().count() == 1;
  }

  /**
   * Each character one after the previous (or one before, throughout) in its own cycle, digits wrapping 9 to 0
   * and letters z to a: {@code 123456789012}, {@code 987654321098}, {@code abcdefghijkl}, {@code XYZABCDEFGHI}.
   */
  private static boolean isSimpleSequence(String password) {
    int[] cps = password.toLowerCase(Locale.ROOT).codePoints().toArray();
    if (cps.length < 2) {
      return false;
    }
    int direction = 0;
    for (int i = 1; i < cps.length; i++) {
      int d = cyclicStep(cps[i - 1], cps[i]);
      if (d == 0 || (direction != 0 && d != direction)) {
        return false;
      }
      direction = d;
    }
    return true;
  }

  /** +1 if {@code b} follows {@code a} in the digit or letter cycle, -1 if it precedes it, otherwise 0. */
  private static int cyclicStep(int a, int b) {
    int cycle;
    int first;
    if (isBetween(a, '0', '9') && isBetween(b, '0', '9')) {
      cycle = 10;
      first = '0';
    } else if (isBetween(a, 'a', 'z') && isBetween(b, 'a', 'z')) {
      cycle = 26;
      first = 'a';
    } else {
      return 0;
    }
    int forward = Math.floorMod(b - a, cycle);
    if (forward == 1) {
      return 1;
    }
    return forward == cycle - 1 ? -1 : 0;
  }

  private static boolean isBetween(int cp, char low, char high) {
    return cp >= low && cp <= high;
  }

  /** Loaded on first use and kept: a few hundred short strings. */
  private static final class CommonPasswords {
    static final Set<String> SET = load();

    private static Set<String> load() {
      try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_PASSWORDS)) {
        if (in == null) {
          throw new IllegalStateException(COMMON_PASSWORDS + " is missing from the classpath");
        }
        Set<String> set = new HashSet<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          String entry = line.strip().toLowerCase(Locale.ROOT);
          if (!entry.isEmpty() && !entry.startsWith("#")) {
            set.add(entry);
          }
        }
        return Set.copyOf(set);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + COMMON_PASSWORDS, e);
      }
    }
  }
}
