package com.jobswipe.auth;

import com.jobswipe.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Key rotation: the new key signs, tokens signed with the previous key keep verifying until it is dropped. */
@ExtendWith(VertxExtension.class)
class TokenServiceTest {

  private final com.jobswipe.config.AuthConfig config = ConfigLoader.load(Map.of()).auth();

  @Test
  void aTokenSignedBeforeARotationStillVerifiesAndNewOnesCarryTheNewKid(Vertx vertx, VertxTestContext test) {
    JwtKeys before = JwtKeys.generate("k1");
    JwtKeys after = before.rotate("k2");
    String old = new TokenService(vertx, config, before).issueAccess(UUID.randomUUID(), "user", UUID.randomUUID(), Proof.now(Proof.PASSWORD));
    TokenService rotated = new TokenService(vertx, config, after);
    String fresh = rotated.issueAccess(UUID.randomUUID(), "user", UUID.randomUUID(), Proof.now(Proof.PASSWORD));

    assertThat(JwtForge.headerOf(fresh).getString("kid")).isEqualTo("k2");
    rotated.verify(old, TokenService.Use.ACCESS)
        .compose(claims -> rotated.verify(fresh, TokenService.Use.ACCESS))
        .compose(claims -> new TokenService(vertx, config, JwtKeys.parse(new JsonObject()
                .put("keys", new io.vertx.core.json.JsonArray().add(after.signing())).encode()))
            .verify(old, TokenService.Use.ACCESS))
        .onComplete(test.failing(dropped -> test.verify(() -> {
          assertThat(dropped).isInstanceOf(TokenService.InvalidToken.class);
          test.completeNow();
        })));
  }
}
