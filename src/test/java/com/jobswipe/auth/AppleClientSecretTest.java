package com.jobswipe.auth;

import com.jobswipe.config.ConfigException;
import com.jobswipe.config.ConfigLoader;
import com.jobswipe.config.OAuthConfig;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure parts of Sign in with Apple: the client secret we sign, and what we read from Apple's posted form. */
class AppleClientSecretTest {

  @Test
  void theSecretIsAnEs256JwtFromTheTeamForTheClientVerifiableWithThePublicKeyAndReusedForHalfItsLife()
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    AppleClientSecret secrets = new AppleClientSecret(new OAuthConfig.Apple(new OAuthConfig.Provider("apple",
        "com.jobswipe.web", "", URI.create("https://appleid.apple.com/"), List.of()), "TEAM123456", "KEY1234567",
        (ECPrivateKey) pair.getPrivate()));
    Instant now = Instant.parse("2026-12-03T12:00:00Z");

    String jwt = secrets.at(now);

    String[] parts = jwt.split("\\.");
    JsonObject header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    assertThat(header.getString("alg")).isEqualTo("ES256");
    assertThat(header.getString("kid")).isEqualTo("KEY1234567");
    assertThat(claims.getString("iss")).isEqualTo("TEAM123456");
    assertThat(claims.getString("sub")).isEqualTo("com.jobswipe.web");
    assertThat(claims.getString("aud")).isEqualTo("https://appleid.apple.com");
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(AppleClientSecret.LIFETIME.toSeconds());
    Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
    es256.initVerify(pair.getPublic());
    es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(es256.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

    assertThat(secrets.at(now.plus(AppleClientSecret.LIFETIME.dividedBy(2)).minusSeconds(1))).isEqualTo(jwt);
    assertThat(secrets.at(now.plus(AppleClientSecret.LIFETIME.dividedBy(2)))).isNotEqualTo(jwt);
  }

  @Test
  void theNameComesFromThePostedUserFieldAndAnythingMalformedIsIgnored() {
    assertThat(AppleSignIn.nameFrom("{\"name\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"},"
        + "\"email\":\"x@privaterelay.appleid.com\"}")).contains("Ada Lovelace");
    assertThat(AppleSignIn.nameFrom("{\"name\":{\"firstName\":\"Ada\"}}")).contains("Ada");
    assertThat(AppleSignIn.nameFrom(null)).isEmpty();
    assertThat(AppleSignIn.nameFrom("not json")).isEmpty();
    assertThat(AppleSignIn.nameFrom("[1,2]")).isEmpty();
    assertThat(AppleSignIn.nameFrom("{\"name\":\"Ada\"}")).isEmpty();
    assertThat(AppleSignIn.nameFrom("{\"name\":{\"firstName\":42,\"lastName\":\" \"}}")).isEmpty();
    assertThat(AppleSignIn.nameFrom("{\"name\":{\"firstName\":\"" + "A".repeat(500) + "\"}}")).get()
        .asString().hasSize(200);
  }

  @Test
  void appleJoinsTheConfiguredProvidersAndAKeyThatIsNotAP256Pkcs8PemStopsStartupNamingTheVariable()
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(
        generator.generateKeyPair().getPrivate().getEncoded()) + "\\n-----END PRIVATE KEY-----";
    OAuthConfig config = ConfigLoader.load(Map.of("JOBSWIPE_APPLE_CLIENT_ID", "com.jobswipe.web",
        "JOBSWIPE_APPLE_TEAM_ID", "TEAM123456", "JOBSWIPE_APPLE_KEY_ID", "KEY1234567",
        "JOBSWIPE_APPLE_PRIVATE_KEY", pem)).oauth();
    assertThat(config.providers()).extracting(OAuthConfig.Provider::name).containsExactly("apple");
    assertThat(config.provider("apple").orElseThrow().issuer()).isEqualTo(OAuthConfig.APPLE_ISSUER);
    assertThat(config.apple().orElseThrow().toString()).doesNotContain(pem.substring(40, 60));

    String notAKey = "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----";
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_APPLE_CLIENT_ID", "com.jobswipe.web",
        "JOBSWIPE_APPLE_TEAM_ID", "TEAM123456", "JOBSWIPE_APPLE_KEY_ID", "KEY1234567",
        "JOBSWIPE_APPLE_PRIVATE_KEY", notAKey)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("JOBSWIPE_APPLE_PRIVATE_KEY")
        .hasMessageNotContaining("bm90");
  }
}
