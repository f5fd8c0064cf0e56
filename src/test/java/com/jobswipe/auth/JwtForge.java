package com.jobswipe.auth;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.Base64;

/** Builds JWTs by hand, valid or hostile, to attack the verifier with. */
public final class JwtForge {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private JwtForge() {
  }

  public static String es256(JsonObject header, JsonObject claims, JsonObject privateJwk) {
    String input = encode(header) + "." + encode(claims);
    try {
      Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
      signature.initSign(privateKey(privateJwk));
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + B64.encodeToString(signature.sign());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String hs256(JsonObject header, JsonObject claims, byte[] secret) {
    String input = encode(header) + "." + encode(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String unsigned(JsonObject header, JsonObject claims) {
    return encode(header) + "." + encode(claims) + ".";
  }

  public static JsonObject claimsOf(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  static JsonObject headerOf(String token) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
  }

  private static String encode(JsonObject json) {
    return B64.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }

  private static PrivateKey privateKey(JsonObject jwk) throws Exception {
    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
    BigInteger d = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("d")));
    return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, spec));
  }
}
