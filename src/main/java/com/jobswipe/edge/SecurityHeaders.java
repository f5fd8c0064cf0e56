package com.jobswipe.edge;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.ext.web.handler.SecurityPolicyHandler;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Response headers that tell browsers to treat every answer as data: nothing here is a page to render,
 * frame or sniff. The API serves JSON and YAML only, so the policy is as tight as it gets.
 */
public final class SecurityHeaders implements SecurityPolicyHandler {

  public static final SecurityHeaders INSTANCE = new SecurityHeaders();

  private SecurityHeaders() {
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
    headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Cross-Origin-Opener-Policy", "same-origin");
    headers.set("Cross-Origin-Resource-Policy", "same-site");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    ctx.next();
  }

  /** CORS for the configured browser origins only; none configured means no cross-origin browser access. */
  public static Optional<CorsHandler> cors(List<String> origins) {
    if (origins.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(CorsHandler.create()
        .addOrigins(origins)
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Authorization", "Content-Type", RequestIds.HEADER))
        .exposedHeaders(Set.of(RequestIds.HEADER, "RateLimit", "RateLimit-Policy", "Retry-After", "Location"))
        .maxAgeSeconds(600));
  }
}
