package com.jobswipe.auth;

import com.jobswipe.config.AuthConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Signs and verifies our JWTs. Verification is deliberately narrower than the JWT spec: before any
 * signature check the header must be exactly ES256 with one of our key ids and nothing else, so the
 * classic attacks (alg {@code none}, HMAC keyed with the public key, keys or key URLs injected through
 * {@code jwk}/{@code jku}/{@code x5u}/{@code x5c}, path-like {@code kid}) never reach a verifier.
 */
public final class TokenService {

  /** What a token is for; a token of one use is never accepted for another. */
  public enum Use {
    ACCESS("access"), MFA("mfa");

    final String claim;

    Use(String claim) {
      this.claim = claim;
    }
  }

  private static final Set<String> ALLOWED_HEADER = Set.of("alg", "kid", "typ");
  private static final int ES256_SIGNATURE_BYTES = 64;
  static final int LEEWAY_SECONDS = 5;

  private final AuthConfig config;
  private final JWTAuth signer;
  private final JWTAuth verifier;
  private final Set<String> kids;
  private final String signingKid;
  private final VerifiedTokens verified;

  /** A service with a memory of its own (tests, tools). */
  public TokenService(Vertx vertx, AuthConfig config, JwtKeys keys) {
    this(vertx, config, keys, new AuthMemory(config.accessTokenTtl()));
  }

  /** A service that shares the node's memory of verified tokens. */
  public TokenService(Vertx vertx, AuthConfig config, JwtKeys keys, AuthMemory memory) {
    this.verified = memory.tokens();
    this.config = config;
    this.kids = keys.kids();
    this.signingKid = keys.signing().getString("kid");
    this.signer = JWTAuth.create(vertx, new JWTAuthOptions().addJwk(keys.signing()));
    JWTAuthOptions verify = new JWTAuthOptions().setJWTOptions(new JWTOptions()
        .setIssuer(config.issuer())
        .setAudience(List.of(config.audience()))
        .setLeeway(LEEWAY_SECONDS));
    keys.publicKeys().forEach(verify::addJwk);
    this.verifier = JWTAuth.create(vertx, verify);
  }

  /** An access token of session {@code sessionId}, saying when and how its user last proved who they are. */
  public String issueAccess(UUID userId, String role, UUID sessionId, Proof proof) {
    JsonObject claims = new JsonObject()
        .put("token_use", Use.ACCESS.claim)
        .put("role", role)
        .put("sid", sessionId.toString());
    proof.putClaims(claims);
    return sign(userId, claims, (int) config.accessTokenTtl().toSeconds());
  }

  /** The second sign-in step's token, carrying the first factor's proof so the session says both. */
  public String issueMfa(UUID userId, Proof firstFactor) {
    JsonObject claims = new JsonObject().put("token_use", Use.MFA.claim);
    firstFactor.putClaims(claims);
    return sign(userId, claims, (int) config.mfaTokenTtl().toSeconds());
  }

  public int accessTtlSeconds() {
    return (int) config.accessTokenTtl().toSeconds();
  }

  private String sign(UUID userId, JsonObject claims, int ttlSeconds) {
    claims.put("jti", UUID.randomUUID().toString());
    return signer.generateToken(claims, new JWTOptions()
        .setAlgorithm("ES256")
        .setHeader(new JsonObject().put("kid", signingKid).put("typ", "JWT"))
        .setIssuer(config.issuer())
        .setAudience(List.of(config.audience()))
        .setSubject(userId.toString())
        .setExpiresInSeconds(ttlSeconds));
  }

  /** The verified claims, or a failed future with {@link InvalidToken} for anything we do not accept. */
  public Future<JsonObject> verify(String token, Use use) {
    long now = System.currentTimeMillis();
    Optional<JsonObject> known = token == null ? Optional.empty() : verified.claims(token, now);
    Future<JsonObject> checked;
    if (known.isPresent()) {
      checked = Future.succeededFuture(known.get());
    } else {
      String reason = headerProblem(token);
      if (reason != null) {
        return Future.failedFuture(new InvalidToken(reason));
      }
      checked = verifier.authenticate(new TokenCredentials(token))
          .recover(e -> Future.failedFuture(new InvalidToken("signature or claims rejected")))
          .map(user -> {
            // The provider keeps exp among the user's attributes, not in the principal it answers: the claims
            // answered here carry it again (a socket closes when its token expires).
            JsonObject claims = user.principal().copy();
            if (user.attributes().getValue("exp") instanceof Number exp) {
              claims.put("exp", exp.longValue());
              verified.remember(token, claims, exp.longValue(), now);
            }
            return claims;
          });
    }
    return checked
        .compose(claims -> {
          if (!use.claim.equals(claims.getString("token_use"))) {
            return Future.failedFuture(new InvalidToken("not an " + use.claim + " token"));
          }
          if (claims.getValue("nbf") instanceof Number nbf
              && nbf.longValue() > System.currentTimeMillis() / 1000 + LEEWAY_SECONDS) {
            return Future.failedFuture(new InvalidToken("not valid yet"));
          }
          try {
            UUID.fromString(claims.getString("sub"));
          } catch (RuntimeException e) {
            return Future.failedFuture(new InvalidToken("no subject"));
          }
          return Future.succeededFuture(claims);
        });
  }

  /** The {@code sub} claim of a JWT, unverified: for keys that only need to be stable, never for trust. */
  static Optional<String> subjectOf(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || parts[1].length() > 4096) {
      return Optional.empty();
    }
    try {
      JsonObject claims = new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(parts[1]),
          java.nio.charset.StandardCharsets.UTF_8));
      return claims.getValue("sub") instanceof String sub && sub.length() <= 64 ? Optional.of(sub) : Optional.empty();
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  /** How many verified tokens this node remembers now (tests, metrics). */
  int verifiedTokens() {
    return verified.size();
  }

  private String headerProblem(String token) {
    if (token == null || token.length() > 4096) {
      return "missing or oversized token";
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return "not a JWS compact serialization";
    }
    JsonObject header;
    byte[] signature;
    try {
      header = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
      signature = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException | DecodeException e) {
      return "undecodable token";
    }
    if (!ALLOWED_HEADER.containsAll(header.fieldNames())) {
      return "unexpected header parameters";
    }
    if (!"ES256".equals(header.getValue("alg"))) {
      return "algorithm not accepted";
    }
    Object kid = header.getValue("kid");
    if (!(kid instanceof String k) || !JwtKeys.KID.matcher(k).matches() || !kids.contains(k)) {
      return "unknown key id";
    }
    // The decoder ignores the last character's two spare bits, so four spellings would carry one signature: only
    // the canonical one is a token (one string per token for the caches keyed by it, no malleable copies).
    if (signature.length != ES256_SIGNATURE_BYTES
        || !Base64.getUrlEncoder().withoutPadding().encodeToString(signature).equals(parts[2])) {
      return "malformed signature";
    }
    return null;
  }

  /** A token we refuse; the reason is for logs, clients only ever see a plain 401. */
  public static final class InvalidToken extends RuntimeException {
    public InvalidToken(String reason) {
      super(reason, null, false, false);
    }
  }
}
