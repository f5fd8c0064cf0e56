package com.jobswipe.testing;

import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * An operator account for tests whose subject is not how one becomes an operator. The admin role is granted only to
 * an address proven through a delivered link (tested in AccountFlowTest and NotificationSecretsTest); here the
 * account is registered through the API and then marked verified and admin in the database, as that link would.
 */
public final class Admins {

  private Admins() {
  }

  /** Registers {@code email} and answers an access token whose account is an admin. */
  public static String admin(Api api, TestDatabase database, String email, String password) {
    String token = api.post("/v1/auth/register", new JsonObject().put("email", email).put("password", password))
        .bodyAsJsonObject().getString("accessToken");
    try (Connection c = database.connect();
         PreparedStatement s = c.prepareStatement("UPDATE users SET role = 'admin',"
             + " email_verified_at = coalesce(email_verified_at, now()) WHERE email = ?")) {
      s.setString(1, email);
      if (s.executeUpdate() != 1) {
        throw new IllegalStateException("no account " + email);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return token;
  }
}
