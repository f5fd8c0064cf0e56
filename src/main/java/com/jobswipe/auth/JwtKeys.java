package com.jobswipe.auth;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ES256 signing keys as a JWK Set: the first key signs, every key verifies, so a rotation publishes
 * the new key first and keeps the previous one until the last token it signed has expired.
 */
public record JwtKeys(List<JsonObject> keys) {

  /** Key ids are plain tokens: nothing path-like or injectable ever reaches a lookup. */
  public static final Pattern KID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  public JwtKeys {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a JWK Set needs at least one key");
    }
    keys = List.copyOf(keys);
  }

  /** Parses {@code {"keys":[...]}}; each key must be an EC P-256 private key with a plain {@code kid}. */
  public static JwtKeys parse(String jwks) {
    JsonArray array;
    try {
      array = new JsonObject(jwks).getJsonArray("keys");
    } catch (DecodeException | ClassCastException e) {
      throw new IllegalArgumentException("not a JWK Set (expected {\"keys\":[...]})");
    }
    if (array == null || array.isEmpty()) {
      throw new IllegalArgumentException("the JWK Set has no keys");
    }
    List<JsonObject> keys = new ArrayList<>();
    Set<String> kids = new HashSet<>();
    for (Object entry : array) {
      if (!(entry instanceof JsonObject jwk) || !"EC".equals(jwk.getString("kty"))
          || !"P-256".equals(jwk.getString("crv")) || jwk.getString("d") == null) {
        throw new IllegalArgumentException("every key must be an EC P-256 private JWK");
      }
      String kid = jwk.getString("kid");
      if (kid == null || !KID.matcher(kid).matches() || !kids.add(kid)) {
        throw new IllegalArgumentException("every key needs a unique kid matching " + KID.pattern());
      }
      keys.add(jwk.copy().put("alg", "ES256").put("use", "sig"));
    }
    return new JwtKeys(keys);
  }

  public static JwtKeys generate(String kid) {
    return new JwtKeys(List.of(newKey(kid)));
  }

  /** A new signing key in front; the current ones stay for verification. */
  public JwtKeys rotate(String kid) {
    List<JsonObject> next = new ArrayList<>();
    next.add(newKey(kid));
    next.addAll(keys);
    return new JwtKeys(next);
  }

  public JsonObject signing() {
    return keys.get(0);
  }

  public Set<String> kids() {
    Set<String> kids = new HashSet<>();
    keys.forEach(k -> kids.add(k.getString("kid")));
    return kids;
  }

  /** The keys without their private part, as they may be published. */
  public List<JsonObject> publicKeys() {
    return keys.stream().map(k -> {
      JsonObject copy = k.copy();
      copy.remove("d");
      return copy;
    }).toList();
  }

  public String toJson() {
    return new JsonObject().put("keys", new JsonArray(new ArrayList<>(keys))).encodePrettily();
  }

  private static JsonObject newKey(String kid) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      ECPublicKey pub = (ECPublicKey) pair.getPublic();
      ECPrivateKey priv = (ECPrivateKey) pair.getPrivate();
      return new JsonObject()
          .put("kty", "EC").put("crv", "P-256").put("kid", kid).put("alg", "ES256").put("use", "sig")
          .put("x", coordinate(pub.getW().getAffineX()))
          .put("y", coordinate(pub.getW().getAffineY()))
          .put("d", coordinate(priv.getS()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 is not available", e);
    }
  }

  /** JWK coordinates are fixed-width (32 bytes for P-256), unsigned, big-endian. */
  private static String coordinate(BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] fixed = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, fixed, 32 - copy, copy);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(fixed);
  }
}
