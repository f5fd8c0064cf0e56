package com.jobswipe.auth;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every classic JWT attack against a real node gets a plain 401 on {@code /v1/me}, while an honest token
 * signed with the same key passes — so each refusal is the verifier's doing, not a broken forge.
 */
class TokenAttackTest {

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static JsonObject session;
  private static JsonObject claims;
  private static JsonObject signingKey;

  @BeforeAll
  static void signUp() {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of());
    api = new Api(vertx, node.port());
    var registered = api.post("/v1/auth/register", new JsonObject().put("email", "mallory.target@example.com")
        .put("password", "a sturdy passphrase 2026"));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    session = registered.bodyAsJsonObject();
    claims = JwtForge.claimsOf(session.getString("accessToken"));
    signingKey = JwtKeys.parse(TestNodes.JWT_KEYS).signing();
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  private static JsonObject header() {
    return new JsonObject().put("alg", "ES256").put("kid", signingKey.getString("kid")).put("typ", "JWT");
  }

  private static int me(String token) {
    return api.get("/v1/me", token).statusCode();
  }

  @Test
  void theIssuedTokenAndAnHonestForgeryWithTheRealKeyPass() {
    assertThat(me(session.getString("accessToken"))).isEqualTo(200);
    assertThat(me(JwtForge.es256(header(), claims, signingKey))).isEqualTo(200);
  }

  @Test
  void algNoneIsRefused() {
    assertThat(me(JwtForge.unsigned(new JsonObject().put("alg", "none").put("typ", "JWT"), claims))).isEqualTo(401);
    assertThat(me(JwtForge.unsigned(header().put("alg", "none"), claims))).isEqualTo(401);
  }

  @Test
  void hmacKeyedWithThePublicKeyIsRefused() {
    JsonObject publicJwk = JwtKeys.parse(TestNodes.JWT_KEYS).publicKeys().get(0);
    byte[] publicBytes = publicJwk.encode().getBytes(StandardCharsets.UTF_8);
    assertThat(me(JwtForge.hs256(header().put("alg", "HS256"), claims, publicBytes))).isEqualTo(401);
    byte[] x = publicJwk.getString("x").getBytes(StandardCharsets.UTF_8);
    assertThat(me(JwtForge.hs256(header().put("alg", "HS256"), claims, x))).isEqualTo(401);
  }

  @Test
  void aTokenSignedWithAnotherKeyUnderOurKidIsRefused() {
    JsonObject stranger = JwtKeys.generate(signingKey.getString("kid")).signing();
    assertThat(me(JwtForge.es256(header(), claims, stranger))).isEqualTo(401);
  }

  @Test
  void injectedKeyHeadersAreRefusedEvenWhenTheSignatureIsGood() {
    JsonObject attackerJwk = JwtKeys.generate("evil").publicKeys().get(0);
    assertThat(me(JwtForge.es256(header().put("jku", "https://evil.example/jwks.json"), claims, signingKey)))
        .isEqualTo(401);
    assertThat(me(JwtForge.es256(header().put("jwk", attackerJwk), claims, signingKey))).isEqualTo(401);
    assertThat(me(JwtForge.es256(header().put("x5u", "https://evil.example/cert.pem"), claims, signingKey)))
        .isEqualTo(401);
  }

  @Test
  void pathLikeOrUnknownKidIsRefused() {
    assertThat(me(JwtForge.es256(header().put("kid", "../../../../dev/null"), claims, signingKey))).isEqualTo(401);
    assertThat(me(JwtForge.es256(header().put("kid", "nope"), claims, signingKey))).isEqualTo(401);
  }

  @Test
  void aTruncatedSignatureIsRefused() {
    String token = session.getString("accessToken");
    assertThat(me(token.substring(0, token.length() - 4))).isEqualTo(401);
    assertThat(me(token.substring(0, token.lastIndexOf('.') + 1))).isEqualTo(401);
  }

  @Test
  void expiredAndNotYetValidTokensAreRefused() {
    long now = Instant.now().getEpochSecond();
    assertThat(me(JwtForge.es256(header(), claims.copy().put("iat", now - 3600).put("exp", now - 600), signingKey)))
        .isEqualTo(401);
    assertThat(me(JwtForge.es256(header(), claims.copy().put("nbf", now + 600), signingKey))).isEqualTo(401);
  }

  @Test
  void wrongIssuerOrAudienceIsRefused() {
    assertThat(me(JwtForge.es256(header(), claims.copy().put("iss", "https://evil.example"), signingKey)))
        .isEqualTo(401);
    assertThat(me(JwtForge.es256(header(), claims.copy().put("aud", "another-app"), signingKey))).isEqualTo(401);
  }

  @Test
  void tokensOfOtherUsesAreNotAccessTokens() {
    assertThat(me(session.getString("refreshToken"))).isEqualTo(401);
    assertThat(me(JwtForge.es256(header(), claims.copy().put("token_use", "mfa"), signingKey))).isEqualTo(401);
    assertThat(me(JwtForge.es256(header(), withoutUse(), signingKey))).isEqualTo(401);
  }

  @Test
  void aRefusalIsAPlainProblemWithAChallenge() {
    var response = api.get("/v1/me", "garbage");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.getHeader("WWW-Authenticate")).startsWith("Bearer");
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(api.get("/v1/me", null).statusCode()).isEqualTo(401);
  }

  private static JsonObject withoutUse() {
    JsonObject copy = claims.copy();
    copy.remove("token_use");
    return copy;
  }
}
