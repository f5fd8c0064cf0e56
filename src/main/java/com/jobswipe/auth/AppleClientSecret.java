package com.jobswipe.auth;

import com.jobswipe.config.OAuthConfig;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The client secret Apple's token endpoint takes instead of a static one: an ES256 JWT with the team as
 * {@code iss}, the client id as {@code sub}, Apple as {@code aud} and the key's id as {@code kid}, valid for at most
 * six months. Ours live {@link #LIFETIME} and one is reused for half of that, so a leaked secret is soon useless
 * and no token request waits for a signature.
 */
final class AppleClientSecret {

  static final Duration LIFETIME = Duration.ofMinutes(10);
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private record Signed(String jwt, Instant reuseUntil) {
  }

  private final OAuthConfig.Apple apple;
  private volatile Signed current;

  AppleClientSecret(OAuthConfig.Apple apple) {
    this.apple = apple;
  }

  /** A secret valid for at least another {@code LIFETIME / 2} after {@code now}. */
  String at(Instant now) {
    Signed held = current;
    if (held == null || !now.isBefore(held.reuseUntil())) {
      held = new Signed(sign(now), now.plus(LIFETIME.dividedBy(2)));
      current = held;
    }
    return held.jwt();
  }

  private String sign(Instant now) {
    JsonObject header = new JsonObject().put("alg", "ES256").put("kid", apple.keyId()).put("typ", "JWT");
    JsonObject claims = new JsonObject()
        .put("iss", apple.teamId())
        .put("iat", now.getEpochSecond())
        .put("exp", now.plus(LIFETIME).getEpochSecond())
        .put("aud", apple.provider().issuer().toString().replaceAll("/+$", ""))
        .put("sub", apple.provider().clientId());
    String input = base64url(header.encode()) + "." + base64url(claims.encode());
    try {
      // JWS wants the raw R || S pair (RFC 7518 §3.4), which is what the P1363 format gives, not DER.
      Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
      es256.initSign(apple.privateKey());
      es256.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + BASE64URL.encodeToString(es256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("ES256 signing failed", e);
    }
  }

  private static String base64url(String json) {
    return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
