package com.jobswipe.testing.oidc;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The provider's RSA keys: the JWK Set it publishes and the RS256 JWTs it signs (RFC 7515, 7517, 7518),
 * built with {@code java.security} alone so that nothing here shares code with the verifier under test.
 * Key generation blocks for tens of milliseconds: call {@link #generate()} and {@link #newKey()} off the
 * event loop.
 */
final class SigningKeys {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  record SigningKey(String kid, KeyPair pair) {

    /** The public half as a JWK, with the members Google's JWK Set carries. */
    JsonObject jwk() {
      RSAPublicKey key = (RSAPublicKey) pair.getPublic();
      return new JsonObject()
          .put("kty", "RSA")
          .put("use", "sig")
          .put("alg", "RS256")
          .put("kid", kid)
          .put("n", unsigned(key.getModulus()))
          .put("e", unsigned(key.getPublicExponent()));
    }
  }

  private final List<SigningKey> published = new CopyOnWriteArrayList<>();
  private final SigningKey unpublished;
  private volatile SigningKey current;

  private SigningKeys(SigningKey first, SigningKey unpublished) {
    this.published.add(first);
    this.current = first;
    this.unpublished = unpublished;
  }

  /** One published key to sign with, and one kept out of the JWK Set for forging tokens. */
  static SigningKeys generate() throws GeneralSecurityException {
    return new SigningKeys(newKey(), newKey());
  }

  static SigningKey newKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    return new SigningKey(thumbprint((RSAPublicKey) pair.getPublic()), pair);
  }

  /** Publishes {@code next} next to the older keys and signs with it from now on. */
  void rotateTo(SigningKey next) {
    published.add(next);
    current = next;
  }

  JsonObject jwks() {
    JsonArray keys = new JsonArray();
    published.forEach(key -> keys.add(key.jwk()));
    return new JsonObject().put("keys", keys);
  }

  String sign(JsonObject claims) {
    return sign(claims, current);
  }

  /** Signed by a key the JWK Set does not list, under a kid it does not list either. */
  String signWithUnpublishedKey(JsonObject claims) {
    return sign(claims, unpublished);
  }

  private static String sign(JsonObject claims, SigningKey key) {
    JsonObject header = new JsonObject().put("alg", "RS256").put("kid", key.kid()).put("typ", "JWT");
    String signingInput = base64url(header.encode()) + "." + base64url(claims.encode());
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key.pair().getPrivate());
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + BASE64URL.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("RS256 signing failed", e);
    }
  }

  /** RFC 7638 JWK thumbprint: stable, unique per key, and the kid format many providers use. */
  private static String thumbprint(RSAPublicKey key) throws GeneralSecurityException {
    // Members in lexicographic order, no whitespace, as RFC 7638 §3.2 requires.
    String canonical = "{\"e\":\"" + unsigned(key.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
        + unsigned(key.getModulus()) + "\"}";
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
    return BASE64URL.encodeToString(digest);
  }

  /** JWA §6.3.1: big-endian unsigned, so drop the sign byte BigInteger adds when the top bit is set. */
  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return BASE64URL.encodeToString(bytes);
  }

  private static String base64url(String json) {
    return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
