package com.jobswipe.edge;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * Whether a request on the public port may see what is meant for operators ({@code /metrics}, detailed
 * readiness): only with {@code Authorization: Bearer <JOBSWIPE_OPS_TOKEN>}. Without a configured token nobody may.
 */
final class OpsAccess {

  private static final String BEARER = "Bearer ";

  private final Optional<byte[]> tokenDigest;

  OpsAccess(Optional<String> token) {
    this.tokenDigest = token.map(OpsAccess::digest);
  }

  boolean configured() {
    return tokenDigest.isPresent();
  }

  boolean allows(RoutingContext ctx) {
    String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (tokenDigest.isEmpty() || header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    // Digests of equal length compared in constant time: the comparison says nothing about how close a guess was.
    return MessageDigest.isEqual(tokenDigest.get(), digest(header.substring(BEARER.length()).trim()));
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
