package com.jobswipe.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in and tokens.
 *
 * @param publicUrl where clients reach this API; links in emails and OAuth redirect URIs are built from it
 * @param jwtKeys a JWK Set (JSON) of EC P-256 private keys; the first signs, the others only verify (rotation).
 *                Empty: a key is generated once and kept in the data dir (single-node default)
 * @param accessTokenTtl at most 15 minutes
 */
public record AuthConfig(
    URI publicUrl,
    String issuer,
    String audience,
    Optional<String> jwtKeys,
    Duration accessTokenTtl,
    Duration refreshTokenTtl,
    Duration mfaTokenTtl,
    Duration verifyEmailTtl,
    Duration resetPasswordTtl,
    Argon2 argon2,
    Lockout lockout) {

  /** Argon2id cost; the defaults are OWASP's minimum (19 MiB, 2 passes, 1 lane). */
  public record Argon2(int memoryKiB, int iterations, int parallelism) {
  }

  /** After {@code threshold} failures the account locks for base × 2^(n-1), capped at {@code max}. */
  public record Lockout(int threshold, Duration base, Duration max) {
  }

  static AuthConfig from(Settings s) {
    return new AuthConfig(
        s.optionalUri("JOBSWIPE_PUBLIC_URL", "auth.publicUrl", Set.of("http", "https"))
            .orElseThrow(() -> new ConfigException("JOBSWIPE_PUBLIC_URL", "is required")),
        s.string("JOBSWIPE_JWT_ISSUER", "auth.issuer"),
        s.string("JOBSWIPE_JWT_AUDIENCE", "auth.audience"),
        s.optionalString("JOBSWIPE_JWT_KEYS", "auth.jwtKeys"),
        s.seconds("JOBSWIPE_ACCESS_TOKEN_TTL_SECONDS", "auth.accessTokenTtlSeconds", 30, 900),
        s.seconds("JOBSWIPE_REFRESH_TOKEN_TTL_SECONDS", "auth.refreshTokenTtlSeconds", 300, 90 * 24 * 3600),
        s.seconds("JOBSWIPE_MFA_TOKEN_TTL_SECONDS", "auth.mfaTokenTtlSeconds", 30, 900),
        s.seconds("JOBSWIPE_VERIFY_EMAIL_TTL_SECONDS", "auth.verifyEmailTtlSeconds", 300, 7 * 24 * 3600),
        s.seconds("JOBSWIPE_RESET_PASSWORD_TTL_SECONDS", "auth.resetPasswordTtlSeconds", 300, 24 * 3600),
        new Argon2(
            s.integer("JOBSWIPE_ARGON2_MEMORY_KIB", "auth.argon2.memoryKiB", 8 * 1024, 1024 * 1024),
            s.integer("JOBSWIPE_ARGON2_ITERATIONS", "auth.argon2.iterations", 1, 10),
            s.integer("JOBSWIPE_ARGON2_PARALLELISM", "auth.argon2.parallelism", 1, 8)),
        new Lockout(
            s.integer("JOBSWIPE_LOCKOUT_THRESHOLD", "auth.lockout.threshold", 1, 100),
            s.seconds("JOBSWIPE_LOCKOUT_BASE_SECONDS", "auth.lockout.baseSeconds", 1, 3600),
            s.seconds("JOBSWIPE_LOCKOUT_MAX_SECONDS", "auth.lockout.maxSeconds", 1, 24 * 3600)));
  }
}
