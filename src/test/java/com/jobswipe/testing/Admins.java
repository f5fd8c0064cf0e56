package com.jobswipe.testing;

import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * An operator account for tests whose subject is not how one becomes an operator. Admin is decided at authentication:
 * an address on the node's {@code JOBSWIPE_ADMIN_EMAILS} whose owner opened a link delivered to it (tested in
 * AccountFlowTest and NotificationSecretsTest). Here the account is registered through the API and then marked
 * verified and proven in the database, as that link would; the node must list the address.
 */
public final class Admins {

  private Admins() {
  }

  /**
   * Registers {@code email} and answers an access token whose account is an admin; fails if the node does not list
   * the address in {@code JOBSWIPE_ADMIN_EMAILS}.
   */
  public static String admin(Api api, TestDatabase database, String email, String password) {
    String token = api.post("/v1/auth/register", new JsonObject().put("email", email).put("password", password))
        .bodyAsJsonObject().getString("accessToken");
    try (Connection c = database.connect();
         PreparedStatement s = c.prepareStatement("UPDATE users SET email_proven_at = now(),"
             + " email_verified_at = coalesce(email_verified_at, now()) WHERE email = ?")) {
      s.setString(1, email);
      if (s.executeUpdate() != 1) {
        throw new IllegalStateException("no account " + email);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    String role = api.get("/v1/me", token).bodyAsJsonObject().getString("role");
    if (!"admin".equals(role)) {
      throw new IllegalStateException(email + " is not an admin: start the node with JOBSWIPE_ADMIN_EMAILS=" + email);
    }
    return token;
  }
}
