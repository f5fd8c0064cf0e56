package com.jobswipe.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;

/**
 * When the user last proved who they are, and how: the access token's {@code auth_time} and {@code amr} claims
 * (OpenID Connect Core §2). Sensitive acts ask for a proof younger than {@link Authn#STEP_UP_MAX_AGE}.
 *
 * @param methods what was proven, among {@link #PASSWORD}, {@link #MFA} and {@link #OAUTH}
 */
public record Proof(Instant at, List<String> methods) {

  public static final String PASSWORD = "password";
  public static final String MFA = "mfa";
  public static final String OAUTH = "oauth";

  /**
   * As old as it gets: for tokens issued before the claim existed, and for a socket opened with a ticket (a socket
   * performs no sensitive act).
   */
  public static final Proof NONE = new Proof(Instant.EPOCH, List.of());

  public Proof {
    methods = List.copyOf(methods);
  }

  static Proof now(String... methods) {
    return new Proof(Instant.now(), List.of(methods));
  }

  /** The same proof with a second factor added (sign-in's second step). */
  Proof withSecondFactor() {
    return methods.contains(MFA) ? this : new Proof(Instant.now(),
        java.util.stream.Stream.concat(methods.stream(), java.util.stream.Stream.of(MFA)).toList());
  }

  void putClaims(JsonObject claims) {
    claims.put("auth_time", at.getEpochSecond()).put("amr", new JsonArray(methods));
  }

  static Proof fromClaims(JsonObject claims) {
    if (!(claims.getValue("auth_time") instanceof Number time)) {
      return NONE;
    }
    List<String> methods = claims.getValue("amr") instanceof JsonArray amr
        ? amr.stream().filter(String.class::isInstance).map(String.class::cast).toList()
        : List.of();
    return new Proof(Instant.ofEpochSecond(time.longValue()), methods);
  }
}
