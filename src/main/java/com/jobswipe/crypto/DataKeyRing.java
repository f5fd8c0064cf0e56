package com.jobswipe.crypto;

import com.jobswipe.crypto.CryptoException.Reason;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Versioned AES-256-GCM keys for personal data at rest. The first key seals; every key opens, so a key can be
 * rotated in ({@link #withNewCurrentKey}) while rows sealed under the old one keep reading, and moved over row by
 * row with {@link #reencrypt}.
 *
 * <p>A sealed value is a self-describing envelope:
 * <pre>
 *   0x01 | kid length (1 byte) | kid (ASCII) | nonce (12 bytes) | ciphertext | GCM tag (16 bytes)
 * </pre>
 * The caller's {@code context} (for example {@code "users.mfa_secret:" + userId}) and the envelope header are the
 * GCM additional data, so a value copied to another row or column, or relabelled with another kid, fails to open.
 *
 * <p>Immutable and thread-safe: a {@link Cipher} is made per call. Nonces are random; NIST SP 800-38D allows
 * 2<sup>32</sup> random-nonce messages per key, far above what one key seals between rotations here.
 */
public final class DataKeyRing {

  static final byte VERSION = 0x01;
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  private static final int KEY_BYTES = 32;
  private static final int MAX_KID_LENGTH = 32;
  private static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_KID_LENGTH + "}");
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Few keys (one per rotation still in use), so a list scan beats a map and keeps the order that matters. */
  private final List<Entry> keys;

  private record Entry(String kid, SecretKeySpec key) {

    /** SecretKeySpec's hash code is computed from the key bytes; keep it out of any string. */
    @Override
    public String toString() {
      return kid;
    }
  }

  private DataKeyRing(List<Entry> keys) {
    this.keys = List.copyOf(keys);
  }

  /**
   * Reads {@code kid:base64key,kid2:base64key}; the first key is current. Errors name the entry by position or
   * kid, never by its key, since the spec is a secret.
   */
  public static DataKeyRing parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("data key spec is empty");
    }
    String[] parts = spec.split(",", -1);
    List<Entry> keys = new ArrayList<>(parts.length);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      int position = i + 1;
      int colon = part.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("data key entry " + position + " is not kid:base64key");
      }
      String kid = part.substring(0, colon);
      requireValidKid(kid, "data key entry " + position);
      if (!seen.add(kid)) {
        throw new IllegalArgumentException("data key id '" + kid + "' appears more than once");
      }
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(part.substring(colon + 1).strip());
      } catch (IllegalArgumentException notBase64) {
        // The decoder's own message quotes the offending character; drop it.
        throw new IllegalArgumentException("data key '" + kid + "' is not valid base64");
      }
      try {
        if (raw.length != KEY_BYTES) {
          throw new IllegalArgumentException(
              "data key '" + kid + "' must be " + KEY_BYTES + " bytes (AES-256), got " + raw.length);
        }
        keys.add(new Entry(kid, new SecretKeySpec(raw, "AES")));
      } finally {
        Arrays.fill(raw, (byte) 0);
      }
    }
    return new DataKeyRing(keys);
  }

  /** A ring holding one fresh random key. */
  public static DataKeyRing generate(String kid) {
    return new DataKeyRing(List.of(newEntry(kid)));
  }

  /** A new ring whose current key is a fresh random {@code kid}; the existing keys stay to open old values. */
  public DataKeyRing withNewCurrentKey(String kid) {
    if (find(kid) != null) {
      throw new IllegalArgumentException("data key id '" + kid + "' is already in the ring");
    }
    List<Entry> rotated = new ArrayList<>(keys.size() + 1);
    rotated.add(newEntry(kid));
    rotated.addAll(keys);
    return new DataKeyRing(rotated);
  }

  /** The ring in the form {@link #parse} reads, for persisting it. This string is secret. */
  public String spec() {
    return keys.stream()
        .map(e -> e.kid() + ":" + Base64.getEncoder().encodeToString(e.key().getEncoded()))
        .collect(Collectors.joining(","));
  }

  public String currentKeyId() {
    return keys.get(0).kid();
  }

  /** Every key id, current first. */
  public List<String> keyIds() {
    return keys.stream().map(Entry::kid).toList();
  }

  public byte[] encrypt(byte[] plaintext, String context) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(context, "context");
    Entry current = keys.get(0);
    byte[] kid = current.kid().getBytes(StandardCharsets.US_ASCII);
    int headerLength = 2 + kid.length;
    byte[] envelope = new byte[headerLength + NONCE_BYTES + plaintext.length + TAG_BYTES];
    envelope[0] = VERSION;
    envelope[1] = (byte) kid.length;
    System.arraycopy(kid, 0, envelope, 2, kid.length);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    System.arraycopy(nonce, 0, envelope, headerLength, NONCE_BYTES);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, current.key(), new GCMParameterSpec(TAG_BYTES * 8, nonce));
      cipher.updateAAD(additionalData(envelope, headerLength, context));
      cipher.doFinal(plaintext, 0, plaintext.length, envelope, headerLength + NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
    }
    return envelope;
  }

  /** Opens an envelope sealed by this ring (under any of its keys) with the same {@code context}. */
  public byte[] decrypt(byte[] envelope, String context) {
    Objects.requireNonNull(context, "context");
    Header header = Header.read(envelope);
    Entry entry = find(header.kid());
    if (entry == null) {
      throw new CryptoException(Reason.UNKNOWN_KEY,
          "sealed under data key '" + header.kid() + "', which is not in the ring");
    }
    int nonceAt = header.length();
    int bodyAt = nonceAt + NONCE_BYTES;
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      GCMParameterSpec nonce = new GCMParameterSpec(TAG_BYTES * 8, envelope, nonceAt, NONCE_BYTES);
      cipher.init(Cipher.DECRYPT_MODE, entry.key(), nonce);
      cipher.updateAAD(additionalData(envelope, header.length(), context));
      return cipher.doFinal(envelope, bodyAt, envelope.length - bodyAt);
    } catch (AEADBadTagException e) {
      throw new CryptoException(Reason.TAMPERED,
          "envelope did not authenticate: altered, or opened with a different context than it was sealed with");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
    }
  }

  public byte[] encryptString(String plaintext, String context) {
    return encrypt(plaintext.getBytes(StandardCharsets.UTF_8), context);
  }

  public String decryptString(byte[] envelope, String context) {
    return new String(decrypt(envelope, context), StandardCharsets.UTF_8);
  }

  /** The id of the key an envelope was sealed under, read from its header without opening it. */
  public static String keyIdOf(byte[] envelope) {
    return Header.read(envelope).kid();
  }

  /** Whether the envelope is sealed under the current key, i.e. rotation need not touch it. */
  public boolean isCurrent(byte[] envelope) {
    return keyIdOf(envelope).equals(currentKeyId());
  }

  /**
   * Opens and seals again under the current key, with a fresh nonce. Always produces a new envelope; callers that
   * want to skip rows already done check {@link #isCurrent} first.
   */
  public byte[] reencrypt(byte[] envelope, String context) {
    byte[] plaintext = decrypt(envelope, context);
    try {
      return encrypt(plaintext, context);
    } finally {
      Arrays.fill(plaintext, (byte) 0);
    }
  }

  /** Lists key ids only: a ring ends up in log lines and debugger views. */
  @Override
  public String toString() {
    return "DataKeyRing" + keyIds();
  }

  private Entry find(String kid) {
    for (Entry e : keys) {
      if (e.kid().equals(kid)) {
        return e;
      }
    }
    return null;
  }

  private static Entry newEntry(String kid) {
    requireValidKid(kid, "data key id");
    byte[] raw = new byte[KEY_BYTES];
    RANDOM.nextBytes(raw);
    try {
      return new Entry(kid, new SecretKeySpec(raw, "AES"));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  private static void requireValidKid(String kid, String what) {
    if (kid == null || !KID.matcher(kid).matches()) {
      // Not echoed: a mangled entry may have its key where the kid should be.
      throw new IllegalArgumentException(what + ": key id must match " + KID.pattern());
    }
  }

  /** Header bytes then context: the header is length-prefixed, so the concatenation is unambiguous. */
  private static byte[] additionalData(byte[] envelope, int headerLength, String context) {
    byte[] contextBytes = context.getBytes(StandardCharsets.UTF_8);
    byte[] aad = Arrays.copyOf(envelope, headerLength + contextBytes.length);
    System.arraycopy(contextBytes, 0, aad, headerLength, contextBytes.length);
    return aad;
  }

  /** The parsed front of an envelope; {@code length} is where the nonce starts. */
  private record Header(String kid, int length) {

    static Header read(byte[] envelope) {
      Objects.requireNonNull(envelope, "envelope");
      if (envelope.length < 2) {
        throw new CryptoException(Reason.TRUNCATED, "envelope is truncated (" + envelope.length + " bytes)");
      }
      if (envelope[0] != VERSION) {
        throw new CryptoException(Reason.UNSUPPORTED_VERSION,
            "envelope version " + (envelope[0] & 0xff) + " is not supported");
      }
      int kidLength = envelope[1] & 0xff;
      if (kidLength == 0 || kidLength > MAX_KID_LENGTH) {
        throw new CryptoException(Reason.MALFORMED, "envelope key id length " + kidLength + " is out of range");
      }
      int headerLength = 2 + kidLength;
      if (envelope.length < headerLength + NONCE_BYTES + TAG_BYTES) {
        throw new CryptoException(Reason.TRUNCATED, "envelope is truncated (" + envelope.length + " bytes)");
      }
      String kid = new String(envelope, 2, kidLength, StandardCharsets.US_ASCII);
      if (!KID.matcher(kid).matches()) {
        throw new CryptoException(Reason.MALFORMED, "envelope key id has characters outside " + KID.pattern());
      }
      return new Header(kid, headerLength);
    }
  }
}
