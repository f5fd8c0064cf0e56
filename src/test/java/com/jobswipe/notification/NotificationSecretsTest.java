package com.jobswipe.notification;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.MailFiles;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-time link exists only in the email that carries it: after each account email, no column of any
 * notification table and no part of the user's data export contains the token, and the outbox row dropped its
 * sealed message once sent. Without SMTP the mail is a 0600 file in {@code <dataDir>/outbox}.
 */
class NotificationSecretsTest {

  private static final String PASSWORD = "correct battery horse staple 7";
  private static final List<String> TABLES = List.of("notifications", "notification_deliveries", "device_tokens",
      "notification_preferences", "notification_settings");
  private static final Path DATA = Path.of("target", "test-data", "secrets-" + UUID.randomUUID());

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    // Verification is off, as in a local demo: the listed admin address must still prove itself by the link.
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of(
        "JOBSWIPE_ADMIN_EMAILS", "chief@example.com",
        "JOBSWIPE_EMAIL_VERIFICATION", "off",
        "JOBSWIPE_DATA_DIR", DATA.toString()));
    api = new Api(vertx, node.port());
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  @Test
  void verifyAndResetLinksAreOnlyInTheMailNeverInTablesOrTheExport() throws Exception {
    String email = "seeker." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    // An admin-listed address is treated like a required verification even with verification off.
    JsonObject session = register("chief@example.com");
    String access = session.getString("accessToken");
    assertThat(session.getJsonObject("user").getString("role")).isEqualTo("user");

    MailFiles.Mail verify = awaitMail("chief@example.com", "Confirm your JobSwipe email address");
    String verifyToken = verify.token();
    assertNoSecretAnywhere(verifyToken, access);
    assertThat(Files.getPosixFilePermissions(verify.file())).isEqualTo(PosixFilePermissions.fromString("rw-------"));

    register(email);
    assertThat(api.post("/v1/auth/password/forgot", new JsonObject().put("email", email)).statusCode()).isEqualTo(202);
    MailFiles.Mail reset = awaitMail(email, "Reset your JobSwipe password");
    String resetToken = reset.token();
    String userAccess = login(email, PASSWORD);
    assertNoSecretAnywhere(resetToken, userAccess);

    JsonObject inbox = api.get("/v1/notifications", userAccess).bodyAsJsonObject();
    JsonObject notice = inbox.getJsonArray("items").getJsonObject(0);
    assertThat(notice.getString("kind")).isEqualTo("account.reset-password");
    assertThat(notice.getString("body")).startsWith("We sent a link to s•••@example.com.");

    // The link from the mail, and only it, proves the admin address.
    assertThat(api.post("/v1/auth/verify-email", new JsonObject().put("token", verifyToken)).statusCode())
        .isEqualTo(204);
    assertThat(api.get("/v1/me", access).bodyAsJsonObject().getString("role")).isEqualTo("admin");
    assertThat(api.post("/v1/auth/password/reset", new JsonObject().put("token", resetToken)
        .put("password", "another long passphrase 99")).statusCode()).isEqualTo(204);
    MailFiles.Mail changed = awaitMail(email, "Your JobSwipe password was changed");
    assertThat(changed.part("text/plain")).contains("every session was signed out");
  }

  @Test
  void aListedAdminAddressGetsNoRoleWithoutTheLink() {
    String access = register("chief+" + UUID.randomUUID().toString().substring(0, 6) + "@example.com")
        .getString("accessToken");
    assertThat(api.get("/v1/me", access).bodyAsJsonObject().getString("role")).isEqualTo("user");
    assertThat(api.get("/v1/admin/sources", access).statusCode()).isEqualTo(403);
  }

  @Test
  void securityMailTellsOfASignInFromANewDeviceOnceAndOfTwoFactorChanges() throws Exception {
    String email = "guarded." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String access = register(email).getString("accessToken");
    String phone = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) JobSwipe/2.3";
    assertThat(loginFrom(email, phone).statusCode()).isEqualTo(200);
    assertThat(loginFrom(email, phone).statusCode()).as("the same device again").isEqualTo(200);
    assertThat(login(email, PASSWORD)).as("the device that registered").isNotBlank();

    MailFiles.Mail newDevice = awaitMail(email, "New sign-in to JobSwipe");
    assertThat(newDevice.part("text/plain")).contains("iPhone");
    assertThat(count(email, "account.new-sign-in")).isEqualTo(1);

    JsonObject enrolment = api.post("/v1/auth/mfa/enroll", new JsonObject(), access).bodyAsJsonObject();
    byte[] secret = com.jobswipe.auth.Totp.fromBase32(enrolment.getString("secret"));
    assertThat(api.post("/v1/auth/mfa/confirm", new JsonObject().put("code",
        com.jobswipe.auth.Totp.code(secret, com.jobswipe.auth.Totp.step(java.time.Instant.now()))), access)
        .statusCode()).isEqualTo(200);
    assertThat(awaitMail(email, "Two-factor sign-in turned on").part("text/plain"))
        .contains("If this was not you, reset your password now.");
  }

  private static HttpResponse<Buffer> loginFrom(String email, String userAgent) {
    return api.request(io.vertx.core.http.HttpMethod.POST, "/v1/auth/login").putHeader("User-Agent", userAgent)
        .sendJsonObject(new JsonObject().put("email", email).put("password", PASSWORD)).await();
  }

  private static int count(String email, String kind) throws Exception {
    try (Connection c = node.database().connect(); java.sql.PreparedStatement s = c.prepareStatement(
        "SELECT count(*) FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.email = ? AND n.kind = ?")) {
      s.setString(1, email);
      s.setString(2, kind);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static void assertNoSecretAnywhere(String token, String access) throws Exception {
    assertThat(token).hasSizeGreaterThan(20);
    try (Connection c = node.database().connect(); Statement s = c.createStatement()) {
      for (String table : TABLES) {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
          while (rs.next()) {
            rows.add(rs.getString(1));
          }
        }
        assertThat(rows).as(table).noneMatch(row -> row.contains(token));
      }
      try (ResultSet rs = s.executeQuery("SELECT count(*) FROM notification_deliveries"
          + " WHERE status <> 'pending' AND message_enc IS NOT NULL")) {
        rs.next();
        assertThat(rs.getInt(1)).as("sent messages are dropped").isZero();
      }
    }
    HttpResponse<Buffer> export = api.get("/v1/me/export", access);
    assertThat(export.statusCode()).isEqualTo(200);
    assertThat(export.bodyAsString()).doesNotContain(token);
    assertThat(export.bodyAsJsonObject().getJsonArray("notifications")).isNotEmpty();
  }

  private static MailFiles.Mail awaitMail(String to, String subject) {
    return MailFiles.await(DATA.resolve("outbox"), mail -> mail.to().equals(to) && mail.subject().equals(subject),
        Duration.ofSeconds(10));
  }

  private static JsonObject register(String email) {
    HttpResponse<Buffer> response = api.post("/v1/auth/register",
        new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static String login(String email, String password) {
    HttpResponse<Buffer> response = api.post("/v1/auth/login",
        new JsonObject().put("email", email).put("password", password));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(200);
    return response.bodyAsJsonObject().getString("accessToken");
  }
}
