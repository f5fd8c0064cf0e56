package com.jobswipe.crypto;

import com.jobswipe.crypto.CryptoException.Reason;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Fernet tokens (version 0x80, <a href="https://github.com/fernet/spec/blob/master/Spec.md">fernet/spec</a>), the
 * format Python's {@code cryptography.fernet} writes. Here to read data exported from the system JobSwipe replaces,
 * so it can be opened and sealed again under a {@link DataKeyRing}; new data is never sealed as Fernet.
 *
 * <p>A token is base64url of
 * <pre>
 *   0x80 | timestamp (8 bytes, unsigned big-endian seconds) | IV (16) | AES-128-CBC ciphertext (n × 16) | HMAC (32)
 * </pre>
 * with the HMAC-SHA256, under the signing key, taken over everything before it.
 *
 * <p>{@link #decrypt} checks in this order and stops at the first failure: base64url, version byte, length, HMAC
 * (constant time), timestamp, then decryption and padding. The HMAC comes before the timestamp and before any use
 * of the ciphertext, so nothing unauthenticated is acted on and bad padding can't be used as an oracle.
 *
 * <p>Immutable and thread-safe: a {@link Mac} and a {@link Cipher} are made per call.
 */
public final class Fernet {

  static final byte VERSION = (byte) 0x80;
  /** Both reference implementations (Python, Go) accept tokens stamped up to this far ahead of the local clock. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(60);

  private static final int KEY_BYTES = 32;
  private static final int HALF_KEY_BYTES = 16;
  private static final int TIMESTAMP_BYTES = 8;
  private static final int IV_BYTES = 16;
  private static final int BLOCK_BYTES = 16;
  private static final int HMAC_BYTES = 32;
  private static final int HEADER_BYTES = 1 + TIMESTAMP_BYTES + IV_BYTES;
  /** PKCS7 always adds at least one byte, so even an empty message has one ciphertext block. */
  private static final int MIN_TOKEN_BYTES = HEADER_BYTES + BLOCK_BYTES + HMAC_BYTES;
  private static final String HMAC = "HmacSHA256";
  private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec signingKey;
  private final SecretKeySpec encryptionKey;

  /**
   * Reads a key in the form {@code Fernet.generate_key()} prints: base64url of 32 bytes, signing key first. Padding
   * ({@code =}) may be left off. Errors never quote the key.
   */
  public Fernet(String base64UrlKey) {
    if (base64UrlKey == null || base64UrlKey.isBlank()) {
      throw new IllegalArgumentException("fernet key is empty");
    }
    byte[] raw;
    try {
      // The URL decoder takes the key with or without its trailing '='.
      raw = Base64.getUrlDecoder().decode(base64UrlKey.strip());
    } catch (IllegalArgumentException notBase64) {
      // The decoder's own message quotes the offending character; drop it.
      throw new IllegalArgumentException("fernet key is not valid base64url");
    }
    try {
      if (raw.length != KEY_BYTES) {
        throw new IllegalArgumentException("fernet key must be " + KEY_BYTES + " bytes, got " + raw.length);
      }
      signingKey = new SecretKeySpec(raw, 0, HALF_KEY_BYTES, HMAC);
      encryptionKey = new SecretKeySpec(raw, HALF_KEY_BYTES, HALF_KEY_BYTES, "AES");
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /**
   * Opens a token. With a {@code ttl}, a token older than that (by whole seconds on {@code clock}, as the reference
   * implementations count) fails; a token stamped more than {@link #MAX_CLOCK_SKEW} ahead of {@code clock} fails
   * either way.
   *
   * <p>Failures map onto {@link Reason} as: not base64url, wrong length, or bad padding → {@code MALFORMED};
   * shorter than the smallest token → {@code TRUNCATED}; version byte not 0x80 → {@code UNSUPPORTED_VERSION};
   * HMAC mismatch (altered, or another key) → {@code TAMPERED}; expired or from the future → {@code MALFORMED},
   * there being no reason for time yet. The message names the check and is safe to log.
   */
  public byte[] decrypt(String token, Optional<Duration> ttl, Clock clock) {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(clock, "clock");
    ttl.ifPresent(t -> {
      if (t.isNegative()) {
        throw new IllegalArgumentException("ttl must not be negative: " + t);
      }
    });

    byte[] data = decodeToken(token);
    if (data.length == 0) {
      throw new CryptoException(Reason.TRUNCATED, "fernet token is empty");
    }
    if (data[0] != VERSION) {
      throw new CryptoException(Reason.UNSUPPORTED_VERSION,
          "fernet token version 0x" + Integer.toHexString(data[0] & 0xff) + " is not supported (want 0x80)");
    }
    // Block alignment is checked before the one-block minimum, so a 15-byte ciphertext is reported as misaligned
    // (as the spec's "payload size not multiple of block size" vector describes it) rather than as short.
    int ciphertextLength = data.length - HEADER_BYTES - HMAC_BYTES;
    if (ciphertextLength <= 0) {
      throw truncated(data.length);
    }
    if (ciphertextLength % BLOCK_BYTES != 0) {
      throw new CryptoException(Reason.MALFORMED,
          "fernet token ciphertext is " + ciphertextLength + " bytes, not a multiple of the AES block size");
    }

    int hmacAt = data.length - HMAC_BYTES;
    byte[] expected = hmac(data, 0, hmacAt);
    byte[] actual = Arrays.copyOfRange(data, hmacAt, data.length);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new CryptoException(Reason.TAMPERED,
          "fernet token HMAC did not verify: altered, or made under a different key");
    }

    checkTimestamp(ByteBuffer.wrap(data, 1, TIMESTAMP_BYTES).getLong(), ttl, clock.instant().getEpochSecond());

    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new IvParameterSpec(data, 1 + TIMESTAMP_BYTES, IV_BYTES));
      return cipher.doFinal(data, HEADER_BYTES, ciphertextLength);
    } catch (BadPaddingException | IllegalBlockSizeException e) {
      // Reached only with a valid HMAC: the key holder wrote a token whose plaintext is not PKCS7-padded.
      throw new CryptoException(Reason.MALFORMED, "fernet token plaintext padding is invalid");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC is unavailable in this JVM", e);
    }
  }

  /** A token for {@code plaintext} stamped {@code now}, with a fresh random IV. */
  public String encrypt(byte[] plaintext) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    return encrypt(plaintext, Instant.now(), iv);
  }

  /**
   * A token with a chosen timestamp and IV, for reproducing the spec's vectors. Outside tests use {@link
   * #encrypt(byte[])}: reusing an IV under one key leaks whether two messages share a prefix.
   */
  public String encrypt(byte[] plaintext, Instant now, byte[] iv) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(iv, "iv");
    if (iv.length != IV_BYTES) {
      throw new IllegalArgumentException("fernet IV must be " + IV_BYTES + " bytes, got " + iv.length);
    }
    if (now.getEpochSecond() < 0) {
      throw new IllegalArgumentException("fernet timestamps are unsigned; " + now + " is before 1970");
    }
    byte[] ciphertext;
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new IvParameterSpec(iv));
      ciphertext = cipher.doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC is unavailable in this JVM", e);
    }
    ByteBuffer token = ByteBuffer.allocate(HEADER_BYTES + ciphertext.length + HMAC_BYTES);
    token.put(VERSION).putLong(now.getEpochSecond()).put(iv).put(ciphertext);
    token.put(hmac(token.array(), 0, token.position()));
    return Base64.getUrlEncoder().encodeToString(token.array());
  }

  /** Never shows key material: a Fernet ends up in log lines and debugger views. */
  @Override
  public String toString() {
    return "Fernet[keys hidden]";
  }

  private static CryptoException truncated(int length) {
    return new CryptoException(Reason.TRUNCATED,
        "fernet token is truncated (" + length + " bytes, at least " + MIN_TOKEN_BYTES + ")");
  }

  private static byte[] decodeToken(String token) {
    try {
      // Strict: '+', '/', whitespace and anything after the padding are rejected, as the spec's invalid vectors ask.
      return Base64.getUrlDecoder().decode(token);
    } catch (IllegalArgumentException notBase64) {
      // Not the decoder's message: it quotes token characters.
      throw new CryptoException(Reason.MALFORMED, "fernet token is not valid base64url");
    }
  }

  /**
   * The timestamp is unsigned, so a value with the top bit set reads as negative here and is treated as the far
   * future it stands for. Whole seconds on both sides, as in the reference implementations.
   */
  private static void checkTimestamp(long timestamp, Optional<Duration> ttl, long nowSeconds) {
    if (timestamp < 0 || timestamp > nowSeconds + MAX_CLOCK_SKEW.getSeconds()) {
      throw new CryptoException(Reason.MALFORMED,
          "fernet token timestamp is more than " + MAX_CLOCK_SKEW.getSeconds() + " s in the future");
    }
    // Cannot overflow: past the check above, the timestamp is at most a minute ahead of now.
    Duration age = Duration.ofSeconds(nowSeconds - timestamp);
    if (ttl.isPresent() && age.compareTo(ttl.get()) > 0) {
      throw new CryptoException(Reason.MALFORMED,
          "fernet token expired: " + age.getSeconds() + " s old, ttl " + ttl.get());
    }
  }

  private byte[] hmac(byte[] data, int offset, int length) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(signingKey);
      mac.update(data, offset, length);
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable in this JVM", e);
    }
  }
}
