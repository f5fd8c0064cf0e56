package com.jobswipe.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random bearer secrets (refresh tokens, email tokens, API keys, OAuth state). Only their SHA-256 is stored:
 * they carry 256 bits of entropy, so a fast hash is enough, and a database leak hands out nothing usable.
 */
final class OpaqueTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private OpaqueTokens() {
  }

  static String generate(String prefix) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
