package com.jobswipe.testing.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/** Proof Key for Code Exchange (RFC 7636), S256 method only. */
public final class Pkce {

  /** RFC 7636 §4.1: 43 to 128 characters from the unreserved set. */
  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");
  /** An S256 challenge is the unpadded base64url of a 32-byte digest: always 43 characters. */
  private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private Pkce() {
  }

  /** A fresh verifier: 32 random bytes, base64url, as RFC 7636 §4.1 recommends. */
  public static String newVerifier() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** {@code BASE64URL(SHA256(ASCII(verifier)))}, RFC 7636 §4.2. */
  public static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  static boolean isWellFormedVerifier(String verifier) {
    return verifier != null && VERIFIER.matcher(verifier).matches();
  }

  static boolean isWellFormedS256Challenge(String challenge) {
    return challenge != null && S256_CHALLENGE.matcher(challenge).matches();
  }

  /** Compares in constant time, so the comparison leaks nothing about the stored challenge. */
  static boolean matches(String verifier, String challenge) {
    return isWellFormedVerifier(verifier) && MessageDigest.isEqual(
        challenge(verifier).getBytes(StandardCharsets.US_ASCII), challenge.getBytes(StandardCharsets.US_ASCII));
  }
}
