package com.jobswipe.auth;

import com.jobswipe.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A token's signature is checked once per instance; what is remembered never outlives the token or its bound. */
class VerifiedTokensTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  @Test
  void remembersUntilTheTokenExpiresOrTheBoundPassesWhicheverIsFirst() {
    VerifiedTokens tokens = new VerifiedTokens(10, Duration.ofMinutes(5), Duration.ofSeconds(5));
    long now = 1_800_000_000_000L;
    tokens.remember("soon", new JsonObject(), now / 1000 + 60, now);
    tokens.remember("later", new JsonObject(), now / 1000 + 3600, now);
    tokens.remember("expired", new JsonObject(), now / 1000 - 60, now);

    assertThat(tokens.claims("soon", now + 64_000)).isPresent();
    assertThat(tokens.claims("soon", now + 65_000)).as("exp + leeway passed").isEmpty();
    assertThat(tokens.claims("later", now + 299_000)).isPresent();
    assertThat(tokens.claims("later", now + 300_000)).as("the 5-minute bound").isEmpty();
    assertThat(tokens.claims("expired", now)).isEmpty();
    assertThat(tokens.claims("later", now)).as("dropped once found stale").isEmpty();
  }

  @Test
  void keepsTheMostRecentlyUsedAndHandsOutCopies() {
    VerifiedTokens tokens = new VerifiedTokens(2, Duration.ofMinutes(5), Duration.ofSeconds(5));
    long now = 1_800_000_000_000L;
    JsonObject claims = new JsonObject().put("sub", "a");
    long exp = now / 1000 + 600;
    tokens.remember("a", claims, exp, now);
    tokens.remember("b", claims, exp, now);
    tokens.claims("a", now);
    tokens.remember("c", claims, exp, now);

    assertThat(tokens.size()).isEqualTo(2);
    assertThat(tokens.claims("b", now)).as("least recently used").isEmpty();
    tokens.claims("a", now).orElseThrow().put("sub", "tampered");
    assertThat(tokens.claims("a", now).orElseThrow().getString("sub")).isEqualTo("a");
  }

  @Test
  void theServiceVerifiesEachTokenOnceAndStillRefusesAnyOtherBytes() {
    TokenService service = new TokenService(vertx, ConfigLoader.load(Map.of()).auth(), JwtKeys.generate("k1"));
    String token = service.issueAccess(UUID.randomUUID(), "user", UUID.randomUUID(), Proof.now(Proof.PASSWORD));

    JsonObject first = service.verify(token, TokenService.Use.ACCESS).await();
    JsonObject again = service.verify(token, TokenService.Use.ACCESS).await();

    assertThat(again.getString("sub")).isEqualTo(first.getString("sub"));
    assertThat(again.getString("sid")).isEqualTo(first.getString("sid"));
    assertThat(service.verifiedTokens()).isEqualTo(1);
    // One character inside the signature, whose six bits all count (the last character's low bits may be padding a
    // decoder ignores, so changing it can leave the signature as it was).
    int at = token.length() - 8;
    String altered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
    assertThatThrownBy(() -> service.verify(altered, TokenService.Use.ACCESS).await())
        .isInstanceOf(TokenService.InvalidToken.class);
    String spareBits = token.substring(0, token.length() - 1) + respelled(token.charAt(token.length() - 1));
    assertThatThrownBy(() -> service.verify(spareBits, TokenService.Use.ACCESS).await())
        .as("the same signature spelled with other spare bits").isInstanceOf(TokenService.InvalidToken.class);
    assertThatThrownBy(() -> service.verify(token, TokenService.Use.MFA).await())
        .as("a remembered token is still checked for its use").isInstanceOf(TokenService.InvalidToken.class);
  }

  /** The base64url character that differs from {@code c} only in its two low bits, which a 64-byte value leaves spare. */
  private static char respelled(char c) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    return alphabet.charAt(alphabet.indexOf(c) ^ 1);
  }
}
