package com.jobswipe.auth;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a signed-in user (from an access token) or a service (from an API key).
 *
 * @param userId the user, or empty for a service key
 * @param sessionId the refresh-token family the access token belongs to (empty for services)
 */
public record Principal(Optional<UUID> userId, String role, Optional<UUID> sessionId, Optional<UUID> apiKeyId,
                        Set<String> scopes) {

  public static final String ADMIN = "admin";
  public static final String USER = "user";
  public static final String SERVICE = "service";

  public static Principal user(UUID userId, String role, UUID sessionId) {
    return new Principal(Optional.of(userId), role, Optional.of(sessionId), Optional.empty(), Set.of());
  }

  public static Principal service(UUID apiKeyId, Set<String> scopes) {
    return new Principal(Optional.empty(), SERVICE, Optional.empty(), Optional.of(apiKeyId), Set.copyOf(scopes));
  }

  /** Admins are users with the admin role, or services whose key carries the {@code admin} scope. */
  public boolean isAdmin() {
    return ADMIN.equals(role) || scopes.contains(ADMIN);
  }

  /** The user id, for routes only users may call. */
  public UUID requireUser() {
    return userId.orElseThrow(() -> new IllegalStateException("route needs a user principal"));
  }
}
