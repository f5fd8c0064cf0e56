package com.jobswipe.auth;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.MailFiles;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accounts end to end on a real node (api + notification roles, real PostgreSQL): each flow goes through
 * HTTP and checks what the database holds afterwards.
 */
class AccountFlowTest {

  private static final String PASSWORD = "correct battery horse staple 7";
  private static final AtomicInteger USERS = new AtomicInteger();
  private static final String CLIENT_IP = "X-Test-Client-IP";

  /** This class's own data directory: its outbox holds only the mail these tests caused. */
  private static final Path DATA = Path.of("target", "test-data", "account-flow-" + UUID.randomUUID());

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of(
        "JOBSWIPE_ADMIN_EMAILS", "boss@example.com",
        // Lets a test speak from other networks; requests without it come from 127.0.0.1.
        "JOBSWIPE_CLIENT_IP_HEADER", CLIENT_IP,
        "JOBSWIPE_LOCKOUT_THRESHOLD", "5",
        "JOBSWIPE_DATA_DIR", DATA.toString(),
        // A lock far longer than any test takes: "still locked" never depends on how fast the machine is. The
        // test that needs the lock to end ends it itself (see below).
        "JOBSWIPE_LOCKOUT_BASE_SECONDS", "600"));
    api = new Api(vertx, node.port());
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  private static String newEmail() {
    return "user" + USERS.incrementAndGet() + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
  }

  private static JsonObject register(String email) {
    HttpResponse<Buffer> response = api.post("/v1/auth/register", credentials(email, PASSWORD));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static JsonObject credentials(String email, String password) {
    return new JsonObject().put("email", email).put("password", password);
  }

  private static HttpResponse<Buffer> login(String email, String password) {
    return api.post("/v1/auth/login", credentials(email, password));
  }

  // ---------------------------------------------------------------- register, login, me

  @Test
  void aNodeWithoutSignInProvidersListsNone() {
    HttpResponse<Buffer> listed = api.get("/v1/auth/oauth/providers", null);
    assertThat(listed.statusCode()).as(listed.bodyAsString()).isEqualTo(200);
    assertThat(listed.bodyAsJsonObject()).isEqualTo(new JsonObject().put("providers", new JsonArray()));
    assertThat(api.get("/v1/auth/oauth/google/start", null).statusCode()).isEqualTo(404);
  }

  @Test
  void registerAnswersTokensAndTheUserAndStoresOnlyAnArgon2Hash() throws SQLException {
    String email = newEmail();
    JsonObject session = register(email);

    assertThat(session.getString("accessToken")).isNotBlank();
    assertThat(session.getString("refreshToken")).startsWith("rt_");
    assertThat(session.getJsonObject("user").getString("email")).isEqualTo(email);
    assertThat(session.getJsonObject("user").getString("role")).isEqualTo("user");
    assertThat(session.getJsonObject("user").getBoolean("emailVerified")).isFalse();
    assertThat(queryString("SELECT password_hash FROM users WHERE email = ?", email)).startsWith("$argon2id$v=19$");
    assertThat(queryString("SELECT count(*)::text FROM refresh_tokens t JOIN users u ON u.id = t.user_id"
        + " WHERE u.email = ? AND t.token_hash IS NOT NULL", email)).isEqualTo("1");

    HttpResponse<Buffer> me = api.get("/v1/me", session.getString("accessToken"));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(me.bodyAsJsonObject().getString("email")).isEqualTo(email);
  }

  @Test
  void weakPasswordsAndDuplicateEmailsAreRefused() {
    String email = newEmail();
    HttpResponse<Buffer> shortOne = api.post("/v1/auth/register", credentials(email, "short"));
    assertThat(shortOne.statusCode()).isEqualTo(400);
    assertThat(shortOne.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("password");
    assertThat(api.post("/v1/auth/register", credentials(email, "password1234")).statusCode()).isEqualTo(400);

    register(email);
    HttpResponse<Buffer> again = api.post("/v1/auth/register", credentials(email.toUpperCase(), PASSWORD));
    assertThat(again.statusCode()).isEqualTo(409);
  }

  @Test
  void loginWithTheRightPasswordWorksAndTheWrongOneLooksLikeAnUnknownAccount() {
    String email = newEmail();
    register(email);

    HttpResponse<Buffer> ok = login(email, PASSWORD);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.bodyAsJsonObject().getString("accessToken")).isNotBlank();

    HttpResponse<Buffer> wrong = login(email, "not the password at all");
    HttpResponse<Buffer> unknown = login(newEmail(), "not the password at all");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(wrong.bodyAsJsonObject().remove("instance")).isEqualTo(unknown.bodyAsJsonObject().remove("instance"));
    assertThat(wrong.bodyAsJsonObject().getString("detail")).isEqualTo(unknown.bodyAsJsonObject().getString("detail"));
  }

  // ---------------------------------------------------------------- refresh rotation

  @Test
  void refreshRotatesAndReusingARotatedTokenRevokesTheWholeFamily() {
    JsonObject first = register(newEmail());
    String original = first.getString("refreshToken");

    HttpResponse<Buffer> rotated = api.post("/v1/auth/refresh", new JsonObject().put("refreshToken", original));
    assertThat(rotated.statusCode()).isEqualTo(200);
    String next = rotated.bodyAsJsonObject().getString("refreshToken");
    assertThat(next).isNotEqualTo(original);

    // An attacker replays the stolen original: refused, and the family dies with it.
    assertThat(api.post("/v1/auth/refresh", new JsonObject().put("refreshToken", original)).statusCode())
        .isEqualTo(401);
    HttpResponse<Buffer> legit = api.post("/v1/auth/refresh", new JsonObject().put("refreshToken", next));
    assertThat(legit.statusCode()).isEqualTo(401);
    assertThat(legit.bodyAsJsonObject().getString("type")).endsWith("/invalid-token");
  }

  @Test
  void logoutEndsTheSessionAndIsIdempotent() {
    JsonObject session = register(newEmail());
    JsonObject body = new JsonObject().put("refreshToken", session.getString("refreshToken"));

    assertThat(api.post("/v1/auth/logout", body).statusCode()).isEqualTo(204);
    assertThat(api.post("/v1/auth/logout", body).statusCode()).isEqualTo(204);
    assertThat(api.post("/v1/auth/refresh", body).statusCode()).isEqualTo(401);
  }

  // ---------------------------------------------------------------- lockout

  @Test
  void fiveFailuresLockTheAccountAndTheRightPasswordWorksAgainAfterTheBackoff() throws Exception {
    String email = newEmail();
    register(email);
    for (int i = 0; i < 5; i++) {
      assertThat(login(email, "wrong guess number " + i).statusCode()).isEqualTo(401);
    }
    Instant lockedUntil = Instant.parse(queryString(
        "SELECT to_char(locked_until AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM users WHERE email = ?",
        email));
    assertThat(lockedUntil).as("locked for the configured base, 10 minutes").isAfter(Instant.now().plusSeconds(500));

    // During the lock even the right password is refused, with the same answer as a wrong one.
    HttpResponse<Buffer> locked = login(email, PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(401);

    // The backoff runs out: the test moves the lock's end into the past rather than waiting for a clock. Both
    // locks: the account's, and this client's (its five failures were its own).
    assertThat(update("UPDATE users SET locked_until = now() - interval '1 second' WHERE email = ?", email))
        .isEqualTo(1);
    assertThat(update("UPDATE login_failures SET locked_until = now() - interval '1 second' WHERE user_id ="
        + " (SELECT id FROM users WHERE email = ?)", email)).isEqualTo(1);
    assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(queryString("SELECT failed_login_count || '/' || lockout_level FROM users WHERE email = ?", email))
        .isEqualTo("0/0");
    assertThat(queryString("SELECT string_agg(kind, ',' ORDER BY e.id) FROM auth_events e JOIN users u"
        + " ON u.id = e.user_id WHERE u.email = ?", email))
        .contains("login.failure", "account.locked", "login.locked", "login.success");
  }

  @Test
  void unknownLockedAndRealAccountsEachCostExactlyOneArgon2VerificationAtSignIn() throws Exception {
    String email = newEmail();
    register(email);
    String locked = newEmail();
    register(locked);
    assertThat(update("UPDATE users SET locked_until = now() + interval '1 hour' WHERE email = ?", locked))
        .isEqualTo(1);

    // The same work for every answer, so their timing cannot tell them apart (asserted on the work, not a clock).
    java.util.Set<String> answers = new java.util.HashSet<>();
    for (String who : List.of(newEmail(), locked, email)) {
      double before = passwordVerifications();
      HttpResponse<Buffer> refused = login(who, "a wrong guess entirely");
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(passwordVerifications() - before).as(who).isEqualTo(1.0);
      answers.add(refused.bodyAsJsonObject().getString("type") + " " + refused.bodyAsJsonObject().getString("detail"));
    }
    assertThat(answers).as("one answer for all three").hasSize(1);
  }

  /** Argon2 verifications this node has run: decoys for unknown and locked accounts included. */
  private static double passwordVerifications() {
    return node.app().node().metrics().find("jobswipe_auth_password_verifications").counter().count();
  }

  @Test
  void aStormOfGuessesFromRotatingAddressesLocksStrangersOutButNeverTheOwnersKnownNetwork() throws Exception {
    String email = newEmail();
    register(email); // from 127.0.0.1: the owner's known network from now on
    for (int i = 1; i <= 12; i++) {
      assertThat(loginFrom("203.0.113." + i, email, "a guess from a botnet " + i).statusCode()).isEqualTo(401);
    }
    assertThat(queryString("SELECT (locked_until > now())::text FROM users WHERE email = ?", email))
        .as("the account-wide counter locked").isEqualTo("true");

    // Even the right password from a network that never signed in is refused while the account is locked …
    assertThat(loginFrom("198.51.100.7", email, PASSWORD).statusCode()).isEqualTo(401);
    // … but the owner, from a network that has, gets in; none of the storm's failures were that network's.
    assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
    assertThat(loginFrom("2001:db8:1:2::77", email, PASSWORD).statusCode()).as("an unknown IPv6 /64")
        .isEqualTo(200);

    // One client's failures lock that client out of the account, and no other client.
    for (int i = 0; i < 5; i++) {
      loginFrom("2001:db8:9:9::" + (i + 1), email, "guess " + i); // one /64, rotating within it
    }
    assertThat(loginFrom("2001:db8:9:9::ff", email, PASSWORD).statusCode()).as("that /64 is locked out")
        .isEqualTo(401);
    assertThat(login(email, PASSWORD).statusCode()).isEqualTo(200);
  }

  @Test
  void aResetLinkLetsTheOwnerInWhateverLockedTheAccount() throws Exception {
    String email = newEmail();
    register(email);
    for (int i = 0; i < 5; i++) {
      login(email, "my own forgotten guess " + i);
    }
    for (int i = 1; i <= 6; i++) {
      loginFrom("203.0.113." + (100 + i), email, "a stranger's guess " + i);
    }
    assertThat(login(email, PASSWORD).statusCode()).as("the owner's own network is locked too").isEqualTo(401);

    String fresh = "the owner's new passphrase 5";
    assertThat(api.post("/v1/auth/password/reset", new JsonObject().put("token", resetLink(email))
        .put("password", fresh)).statusCode()).isEqualTo(204);
    assertThat(login(email, fresh).statusCode()).isEqualTo(200);
    assertThat(loginFrom("198.51.100.200", email, fresh).statusCode()).as("from anywhere").isEqualTo(200);
  }

  private static HttpResponse<Buffer> loginFrom(String ip, String email, String password) {
    return api.request(io.vertx.core.http.HttpMethod.POST, "/v1/auth/login").putHeader(CLIENT_IP, ip)
        .sendJsonObject(credentials(email, password)).await();
  }

  // ---------------------------------------------------------------- MFA

  @Test
  void mfaEnrolConfirmThenLoginNeedsASecondStepAndBackupCodesWorkOnce() throws Exception {
    String email = newEmail();
    String access = register(email).getString("accessToken");

    JsonObject enrolment = api.post("/v1/auth/mfa/enroll", new JsonObject(), access).bodyAsJsonObject();
    byte[] secret = Totp.fromBase32(enrolment.getString("secret"));
    assertThat(enrolment.getString("otpauthUri")).startsWith("otpauth://totp/JobSwipe:");
    assertThat(queryString("SELECT encode(mfa_secret_enc, 'escape') FROM users WHERE email = ?", email))
        .doesNotContain(enrolment.getString("secret"));

    assertThat(api.post("/v1/auth/mfa/confirm", new JsonObject().put("code", "000000"), access).statusCode())
        .as("a wrong code from a signed-in user is a form error, not a sign-out").isEqualTo(400);
    HttpResponse<Buffer> confirmed = api.post("/v1/auth/mfa/confirm",
        new JsonObject().put("code", Totp.code(secret, Totp.step(Instant.now()))), access);
    assertThat(confirmed.statusCode()).as(confirmed.bodyAsString()).isEqualTo(200);
    JsonArray backupCodes = confirmed.bodyAsJsonObject().getJsonArray("backupCodes");
    assertThat(backupCodes).hasSize(10);

    JsonObject challenge = login(email, PASSWORD).bodyAsJsonObject();
    assertThat(challenge.getBoolean("mfaRequired")).isTrue();
    assertThat(challenge.containsKey("accessToken")).isFalse();
    String mfaToken = challenge.getString("mfaToken");
    assertThat(api.get("/v1/me", mfaToken).statusCode()).as("an MFA token is not an access token").isEqualTo(401);

    // The code used to confirm cannot be replayed; a backup code works exactly once.
    HttpResponse<Buffer> replay = api.post("/v1/auth/mfa/verify", new JsonObject().put("mfaToken", mfaToken)
        .put("code", Totp.code(secret, Totp.step(Instant.now()))));
    assertThat(replay.statusCode()).isEqualTo(401);
    String backup = backupCodes.getString(0);
    HttpResponse<Buffer> viaBackup = api.post("/v1/auth/mfa/verify",
        new JsonObject().put("mfaToken", mfaToken).put("code", backup));
    assertThat(viaBackup.statusCode()).as(viaBackup.bodyAsString()).isEqualTo(200);
    assertThat(viaBackup.bodyAsJsonObject().getString("accessToken")).isNotBlank();
    String again = login(email, PASSWORD).bodyAsJsonObject().getString("mfaToken");
    assertThat(api.post("/v1/auth/mfa/verify", new JsonObject().put("mfaToken", again).put("code", backup))
        .statusCode()).isEqualTo(401);
    assertThat(queryString("SELECT count(*)::text FROM mfa_backup_codes c JOIN users u ON u.id = c.user_id"
        + " WHERE u.email = ? AND c.code_hash = ?", email, backup)).as("codes are stored hashed").isEqualTo("0");

    // Disabling needs a valid second factor.
    String access2 = viaBackup.bodyAsJsonObject().getString("accessToken");
    assertThat(api.post("/v1/auth/mfa/disable", new JsonObject().put("code", "123456"), access2).statusCode())
        .isEqualTo(400);
    assertThat(api.post("/v1/auth/mfa/disable", new JsonObject().put("code", backupCodes.getString(1)), access2)
        .statusCode()).isEqualTo(204);
    assertThat(login(email, PASSWORD).bodyAsJsonObject().containsKey("accessToken")).isTrue();
  }

  @Test
  void theSecondStepsTokenSignsInOnceAndFiftyParallelWrongCodesLockTheAccount() throws Exception {
    String email = newEmail();
    String access = register(email).getString("accessToken");
    byte[] secret = Totp.fromBase32(api.post("/v1/auth/mfa/enroll", new JsonObject(), access).bodyAsJsonObject()
        .getString("secret"));
    JsonArray backupCodes = api.post("/v1/auth/mfa/confirm",
        new JsonObject().put("code", Totp.code(secret, Totp.step(Instant.now()))), access).bodyAsJsonObject()
        .getJsonArray("backupCodes");

    String mfaToken = login(email, PASSWORD).bodyAsJsonObject().getString("mfaToken");
    assertThat(api.post("/v1/auth/mfa/verify", new JsonObject().put("mfaToken", mfaToken)
        .put("code", backupCodes.getString(0))).statusCode()).isEqualTo(200);
    assertThat(api.post("/v1/auth/mfa/verify", new JsonObject().put("mfaToken", mfaToken)
        .put("code", backupCodes.getString(1))).statusCode()).as("the same step token, a good code").isEqualTo(401);

    // Each wrong code is counted against the counters as they are, not as each request first read them: with the
    // threshold at 5, fifty at once must lock the account.
    String next = login(email, PASSWORD).bodyAsJsonObject().getString("mfaToken");
    List<io.vertx.core.Future<HttpResponse<Buffer>>> wrong = new java.util.ArrayList<>();
    for (int i = 0; i < 50; i++) {
      wrong.add(api.request(io.vertx.core.http.HttpMethod.POST, "/v1/auth/mfa/verify")
          .sendJsonObject(new JsonObject().put("mfaToken", next).put("code", String.format("%06d", i))));
    }
    io.vertx.core.Future.join(wrong).await();
    assertThat(wrong).allSatisfy(f -> assertThat(f.result().statusCode()).isIn(401, 429));
    assertThat(queryString("SELECT (locked_until > now())::text FROM users WHERE email = ?", email))
        .as("locked").isEqualTo("true");
    // Every failure that was counted (each is audited) is in the counters: 5 per lock level plus the rest.
    String counted = queryString("SELECT count(*)::text FROM auth_events e JOIN users u ON u.id = e.user_id"
        + " WHERE u.email = ? AND e.kind = 'login.mfa-failure'", email);
    assertThat(queryString("SELECT (5 * lockout_level + failed_login_count)::text FROM users WHERE email = ?", email))
        .as("no failure lost to a concurrent write").isEqualTo(counted);
  }

  // ---------------------------------------------------------------- email verification and reset

  @Test
  void verifyingTheEmailUsesTheTokenFromTheMessageOnceAndMakesAdminsOfListedAddresses() throws Exception {
    String access = register("boss@example.com").getString("accessToken");
    assertThat(api.get("/v1/me", access).bodyAsJsonObject().getString("role")).isEqualTo("user");
    assertThat(api.get("/v1/admin/sources", access).statusCode()).isEqualTo(403);

    String token = lastEmailToken("boss@example.com", "email.verify-email");
    assertThat(api.post("/v1/auth/verify-email", new JsonObject().put("token", token)).statusCode()).isEqualTo(204);
    assertThat(api.post("/v1/auth/verify-email", new JsonObject().put("token", token)).statusCode()).isEqualTo(401);
    // The token issued before is now an admin's too: requests read the account, not the token's role claim.
    assertThat(api.get("/v1/admin/sources", access).statusCode()).isNotIn(401, 403);

    JsonObject me = api.post("/v1/auth/login", credentials("boss@example.com", PASSWORD)).bodyAsJsonObject()
        .getJsonObject("user");
    assertThat(me.getBoolean("emailVerified")).isTrue();
    assertThat(me.getString("role")).isEqualTo("admin");
  }

  @Test
  void anAddressTakenOffTheAdminListIsNoLongerAdminWhateverTheDatabaseHolds() throws Exception {
    String admin = adminAccessToken();
    assertThat(api.get("/v1/admin/api-keys", admin).statusCode()).isEqualTo(200);

    // The same database and the same token, on a node whose list no longer names the address.
    RunningNode relisted = RunningNode.startOn(node.database(), EnumSet.of(Role.API),
        Map.of("JOBSWIPE_ADMIN_EMAILS", "successor@example.com"));
    try {
      Api other = new Api(vertx, relisted.port());
      assertThat(other.get("/v1/admin/api-keys", admin).statusCode()).isEqualTo(403);
      assertThat(other.get("/v1/me", admin).bodyAsJsonObject().getString("role")).isEqualTo("user");
      String signedIn = other.post("/v1/auth/login", credentials("boss@example.com", PASSWORD)).bodyAsJsonObject()
          .getString("accessToken");
      assertThat(JwtForge.claimsOf(signedIn).getString("role")).isEqualTo("user");
      assertThat(other.get("/v1/admin/api-keys", signedIn).statusCode()).isEqualTo(403);
    } finally {
      // Not close(): the database belongs to this class's node.
      relisted.app().stop();
    }
  }

  @Test
  void resetPasswordRevokesEveryRefreshTokenAndForgetNeverRevealsAccounts() throws Exception {
    String email = newEmail();
    JsonObject session = register(email);

    HttpResponse<Buffer> known = api.post("/v1/auth/password/forgot", new JsonObject().put("email", email));
    HttpResponse<Buffer> unknown = api.post("/v1/auth/password/forgot", new JsonObject().put("email", newEmail()));
    assertThat(known.statusCode()).isEqualTo(202);
    assertThat(unknown.statusCode()).isEqualTo(202);
    assertThat(known.bodyAsString()).isEqualTo(unknown.bodyAsString());

    String token = lastEmailToken(email, "email.reset-password");
    assertThat(api.post("/v1/auth/password/reset", new JsonObject().put("token", token).put("password", "short"))
        .statusCode()).as("a refused password does not spend the link").isEqualTo(400);
    String fresh = "a brand new long passphrase 42";
    assertThat(api.post("/v1/auth/password/reset", new JsonObject().put("token", token).put("password", fresh))
        .statusCode()).isEqualTo(204);

    assertThat(api.post("/v1/auth/refresh", new JsonObject().put("refreshToken", session.getString("refreshToken")))
        .statusCode()).isEqualTo(401);
    assertThat(login(email, PASSWORD).statusCode()).isEqualTo(401);
    assertThat(login(email, fresh).statusCode()).isEqualTo(200);
    assertThat(api.post("/v1/auth/password/reset", new JsonObject().put("token", token).put("password", fresh))
        .statusCode()).as("links are single use").isEqualTo(401);
  }

  // ---------------------------------------------------------------- step-up

  @Test
  void aTokenWhosePasswordIsOlderThanFiveMinutesCannotExportEraseOrChangeSecurityUntilItStepsUp() throws Exception {
    String email = newEmail();
    JsonObject session = register(email);
    JsonObject claims = JwtForge.claimsOf(session.getString("accessToken"));
    assertThat(claims.getJsonArray("amr")).containsExactly("password");
    assertThat(claims.getLong("auth_time")).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));

    // The same session's token, as a thief would hold it: valid, but its password was entered six minutes ago.
    String stale = forged(claims.copy().put("auth_time", Instant.now().minusSeconds(360).getEpochSecond()));
    assertThat(api.get("/v1/me", stale).statusCode()).as("ordinary routes still work").isEqualTo(200);
    for (HttpResponse<Buffer> refused : List.of(
        api.get("/v1/me/export", stale),
        api.request(io.vertx.core.http.HttpMethod.DELETE, "/v1/me").putHeader("Authorization", "Bearer " + stale)
            .sendJsonObject(new JsonObject().put("confirm", true)).await(),
        api.post("/v1/auth/mfa/enroll", new JsonObject(), stale),
        api.post("/v1/auth/password/change", new JsonObject().put("password", "a thief's own passphrase 1"), stale))) {
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(403);
      assertThat(refused.bodyAsJsonObject().getString("type")).endsWith("/step-up-required");
      assertThat(refused.getHeader("WWW-Authenticate")).contains("insufficient_user_authentication", "max_age=300");
    }
    assertThat(login(email, PASSWORD).statusCode()).as("the account is untouched").isEqualTo(200);

    // A wrong password is a form error and counts nothing towards the lockout: a thief cannot lock the owner out.
    for (int i = 0; i < 5; i++) {
      HttpResponse<Buffer> wrong = api.post("/v1/auth/step-up", new JsonObject().put("password", "guess " + i), stale);
      assertThat(wrong.statusCode()).as(wrong.bodyAsString()).isIn(400, 429);
    }
    assertThat(queryString("SELECT failed_login_count || '/' || (locked_until IS NULL) FROM users WHERE email = ?",
        email)).isEqualTo("0/true");
    assertThat(api.post("/v1/auth/step-up", new JsonObject().put("password", PASSWORD).put("code", "123456"), stale)
        .statusCode()).as("one secret, not both").isEqualTo(400);

    // The owner steps up: a new access token of the same session, whose proof is now.
    HttpResponse<Buffer> stepped = stepUp(stale, new JsonObject().put("password", PASSWORD));
    JsonObject fresh = JwtForge.claimsOf(stepped.bodyAsJsonObject().getString("accessToken"));
    assertThat(fresh.getString("sid")).isEqualTo(claims.getString("sid"));
    assertThat(fresh.getLong("auth_time")).isGreaterThan(Instant.now().minusSeconds(60).getEpochSecond());
    HttpResponse<Buffer> export = api.get("/v1/me/export", stepped.bodyAsJsonObject().getString("accessToken"));
    assertThat(export.statusCode()).as(export.bodyAsString()).isEqualTo(200);

    // A refreshed token keeps the proof of the sign-in, not the time of the refresh.
    String refreshed = api.post("/v1/auth/refresh", new JsonObject().put("refreshToken",
        session.getString("refreshToken"))).bodyAsJsonObject().getString("accessToken");
    assertThat(JwtForge.claimsOf(refreshed).getLong("auth_time")).isEqualTo(claims.getLong("auth_time"));
    assertThat(JwtForge.claimsOf(refreshed).getJsonArray("amr")).containsExactly("password");

    // A fresh password change keeps this session and ends the others.
    JsonObject other = JwtForge.claimsOf(login(email, PASSWORD).bodyAsJsonObject().getString("accessToken"));
    String current = stepped.bodyAsJsonObject().getString("accessToken");
    String changed = "a newly chosen passphrase 77";
    assertThat(api.post("/v1/auth/password/change", new JsonObject().put("password", changed), current).statusCode())
        .isEqualTo(204);
    assertThat(api.get("/v1/me", current).statusCode()).isEqualTo(200);
    assertThat(api.get("/v1/me", forged(other)).statusCode()).as("the other session ended").isEqualTo(401);
    assertThat(login(email, changed).statusCode()).isEqualTo(200);
  }

  @Test
  void aSecondFactorStepsUpAndSecondStepTokensSayBothFactors() throws Exception {
    String email = newEmail();
    String access = register(email).getString("accessToken");
    byte[] secret = Totp.fromBase32(api.post("/v1/auth/mfa/enroll", new JsonObject(), access).bodyAsJsonObject()
        .getString("secret"));
    JsonArray backupCodes = api.post("/v1/auth/mfa/confirm",
        new JsonObject().put("code", Totp.code(secret, Totp.step(Instant.now()))), access).bodyAsJsonObject()
        .getJsonArray("backupCodes");
    String mfaToken = login(email, PASSWORD).bodyAsJsonObject().getString("mfaToken");
    String signedIn = api.post("/v1/auth/mfa/verify", new JsonObject().put("mfaToken", mfaToken)
        .put("code", backupCodes.getString(0))).bodyAsJsonObject().getString("accessToken");
    JsonObject claims = JwtForge.claimsOf(signedIn);
    assertThat(claims.getJsonArray("amr")).containsExactly("password", "mfa");

    String stale = forged(claims.copy().put("auth_time", Instant.now().minusSeconds(360).getEpochSecond()));
    assertThat(api.post("/v1/auth/mfa/backup-codes", new JsonObject().put("code", "000000"), stale).statusCode())
        .isEqualTo(403);
    assertThat(api.post("/v1/auth/step-up", new JsonObject().put("code", backupCodes.getString(0)), stale)
        .statusCode()).as("a spent backup code").isEqualTo(400);
    HttpResponse<Buffer> stepped = stepUp(stale, new JsonObject().put("code", backupCodes.getString(1)));
    assertThat(JwtForge.claimsOf(stepped.bodyAsJsonObject().getString("accessToken")).getJsonArray("amr"))
        .containsExactly("mfa");
  }

  @Test
  void aResetLinkAloneLeavesTwoFactorOnAndOnlyASecondFactorTurnsItOff() throws Exception {
    String email = newEmail();
    String access = register(email).getString("accessToken");
    byte[] secret = Totp.fromBase32(api.post("/v1/auth/mfa/enroll", new JsonObject(), access).bodyAsJsonObject()
        .getString("secret"));
    JsonArray backupCodes = api.post("/v1/auth/mfa/confirm",
        new JsonObject().put("code", Totp.code(secret, Totp.step(Instant.now()))), access).bodyAsJsonObject()
        .getJsonArray("backupCodes");

    // Whoever reads the mailbox can set a password, but two-factor sign-in stays on.
    String first = "a mailbox reader's passphrase 1";
    assertThat(api.post("/v1/auth/password/reset", new JsonObject().put("token", resetLink(email))
        .put("password", first)).statusCode()).isEqualTo(204);
    assertThat(login(email, first).bodyAsJsonObject().getBoolean("mfaRequired")).isTrue();

    // A wrong code refuses the reset and leaves the link unspent; a backup code completes it and turns MFA off.
    String link = resetLink(email);
    String second = "the owner's recovered passphrase 2";
    assertThat(api.post("/v1/auth/password/reset", new JsonObject().put("token", link).put("password", second)
        .put("code", "not-a-code")).statusCode()).isEqualTo(400);
    assertThat(api.post("/v1/auth/password/reset", new JsonObject().put("token", link).put("password", second)
        .put("code", backupCodes.getString(0))).statusCode()).isEqualTo(204);
    assertThat(login(email, second).bodyAsJsonObject().containsKey("accessToken")).isTrue();
    assertThat(queryString("SELECT (mfa_enabled_at IS NULL)::text FROM users WHERE email = ?", email))
        .isEqualTo("true");
  }

  @Test
  void aSuccessfulResetSpendsEveryOtherResetLinkOfTheAccount() throws Exception {
    String email = newEmail();
    register(email);
    String older = resetLink(email);
    String newer = resetLink(email);
    assertThat(api.post("/v1/auth/password/reset", new JsonObject().put("token", newer)
        .put("password", "the passphrase that won 3")).statusCode()).isEqualTo(204);
    assertThat(api.post("/v1/auth/password/reset", new JsonObject().put("token", older)
        .put("password", "a passphrase too late 4")).statusCode()).isEqualTo(401);
    assertThat(login(email, "the passphrase that won 3").statusCode()).isEqualTo(200);
  }

  // ---------------------------------------------------------------- sessions: object-level authorization

  @Test
  void aUserSeesAndRevokesOnlyTheirOwnSessions() {
    JsonObject alice = register(newEmail());
    JsonObject bob = register(newEmail());
    String aliceSession = JwtForge.claimsOf(alice.getString("accessToken")).getString("sid");

    JsonArray aliceSessions = api.get("/v1/auth/sessions", alice.getString("accessToken")).bodyAsJsonObject()
        .getJsonArray("items");
    assertThat(aliceSessions).hasSize(1);
    assertThat(aliceSessions.getJsonObject(0).getString("id")).isEqualTo(aliceSession);

    assertThat(api.delete("/v1/auth/sessions/" + aliceSession, bob.getString("accessToken")).statusCode())
        .as("another user's session does not exist for Bob").isEqualTo(404);
    assertThat(api.delete("/v1/auth/sessions/" + UUID.randomUUID(), bob.getString("accessToken")).statusCode())
        .isEqualTo(404);
    assertThat(api.delete("/v1/auth/sessions/" + aliceSession, alice.getString("accessToken")).statusCode())
        .isEqualTo(204);
    assertThat(api.post("/v1/auth/refresh", new JsonObject().put("refreshToken", alice.getString("refreshToken")))
        .statusCode()).isEqualTo(401);
  }

  // ---------------------------------------------------------------- API keys

  @Test
  void adminsManageApiKeysThatAreShownOnceStoredHashedAndRevocable() throws Exception {
    String admin = adminAccessToken();
    String user = register(newEmail()).getString("accessToken");
    JsonObject request = new JsonObject().put("name", "ingest-bot").put("scopes", new JsonArray().add("admin"));

    assertThat(api.post("/v1/admin/api-keys", request, user).statusCode()).isEqualTo(403);
    assertThat(api.post("/v1/admin/api-keys", request.copy().put("scopes", new JsonArray().add("root")), admin)
        .statusCode()).isEqualTo(400);

    HttpResponse<Buffer> created = api.post("/v1/admin/api-keys", request, admin);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String key = created.bodyAsJsonObject().getString("key");
    String id = created.bodyAsJsonObject().getString("id");
    assertThat(key).startsWith("jsk_");
    assertThat(queryString("SELECT count(*)::text FROM api_keys WHERE encode(key_hash, 'escape') LIKE ?",
        "%" + key.substring(16) + "%")).isEqualTo("0");

    // The key authenticates as a service with the admin scope, and never appears in listings.
    HttpResponse<Buffer> listed = api.get("/v1/admin/api-keys", key);
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.bodyAsString()).doesNotContain(key);
    assertThat(api.get("/v1/me", key).statusCode()).as("services have no 'me'").isEqualTo(403);

    HttpResponse<Buffer> rotated = api.post("/v1/admin/api-keys/" + id + "/rotate", new JsonObject(), admin);
    assertThat(rotated.statusCode()).isEqualTo(201);
    String newKey = rotated.bodyAsJsonObject().getString("key");
    assertThat(api.get("/v1/admin/api-keys", key).statusCode()).isEqualTo(401);
    assertThat(api.get("/v1/admin/api-keys", newKey).statusCode()).isEqualTo(200);

    assertThat(api.delete("/v1/admin/api-keys/" + rotated.bodyAsJsonObject().getString("id"), admin).statusCode())
        .isEqualTo(204);
    assertThat(api.get("/v1/admin/api-keys", newKey).statusCode()).isEqualTo(401);
  }

  @Test
  void anApiKeyOpensOnlyTheAdminRoutesOfItsScopesAndNeverAUsersData() throws Exception {
    String admin = adminAccessToken();
    String reader = createKey(admin, new JsonArray().add("sources:read"));
    assertThat(api.get("/v1/admin/sources", reader).statusCode()).as("its scope").isNotIn(401, 403);
    assertThat(api.get("/v1/admin/categories", reader).statusCode()).isNotIn(401, 403);
    for (HttpResponse<Buffer> refused : List.of(
        api.post("/v1/admin/sources", new JsonObject().put("kind", "rss").put("url", "https://example.com/feed")
            .put("name", "x"), reader),
        api.post("/v1/admin/sources/" + UUID.randomUUID() + "/sync", new JsonObject(), reader),
        api.get("/v1/admin/domains", reader),
        api.get("/v1/admin/reports/funnel", reader),
        api.get("/v1/admin/api-keys", reader))) {
      assertThat(refused.statusCode()).as(refused.bodyAsString()).isEqualTo(403);
    }
    String domains = createKey(admin, new JsonArray().add("domains:write"));
    assertThat(api.request(io.vertx.core.http.HttpMethod.PUT, "/v1/admin/domains/boards.example.com")
        .putHeader("Authorization", "Bearer " + domains).sendJsonObject(new JsonObject()).await().statusCode())
        .as("domains:write reaches the route (and its body check)").isEqualTo(400);
    assertThat(api.get("/v1/admin/domains", domains).statusCode()).as("write is not read").isEqualTo(403);

    // Even the admin scope never passes an owner check: a user's data and sessions are not an operator key's.
    String operator = createKey(admin, new JsonArray().add("admin"));
    JsonObject owner = register(newEmail());
    HttpResponse<Buffer> letter = api.post("/v1/cover-letters", new JsonObject().put("name", "Mine")
        .put("body", "Dear hiring team"), owner.getString("accessToken"));
    assertThat(letter.statusCode()).as(letter.bodyAsString()).isEqualTo(201);
    String letterId = letter.bodyAsJsonObject().getString("id");
    String session = JwtForge.claimsOf(owner.getString("accessToken")).getString("sid");
    assertThat(api.get("/v1/cover-letters/" + letterId, operator).statusCode()).isEqualTo(403);
    assertThat(api.delete("/v1/auth/sessions/" + session, operator).statusCode()).isEqualTo(403);
    assertThat(api.get("/v1/me/export", operator).statusCode()).isEqualTo(403);
    assertThat(api.get("/v1/cover-letters/" + letterId, admin).statusCode()).as("an admin user still can")
        .isEqualTo(200);
    assertThat(api.post("/v1/admin/api-keys", new JsonObject().put("name", "spawn")
        .put("scopes", new JsonArray().add("admin")), operator).statusCode())
        .as("a key cannot mint keys: nobody re-authenticates behind it").isEqualTo(403);
  }

  @Test
  void anApiKeyWithAnExpiryIsRefusedOnceItHasPassed() throws Exception {
    String admin = adminAccessToken();
    JsonObject request = new JsonObject().put("name", "temp").put("scopes", new JsonArray().add("sources:read"));
    assertThat(api.post("/v1/admin/api-keys", request.copy().put("expiresAt", "2020-01-01T00:00:00Z"), admin)
        .statusCode()).as("already past").isEqualTo(400);
    assertThat(api.post("/v1/admin/api-keys", request.copy().put("expiresAt", "tomorrow"), admin).statusCode())
        .isEqualTo(400);

    String expiresAt = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        .toString();
    HttpResponse<Buffer> created = api.post("/v1/admin/api-keys", request.copy().put("expiresAt", expiresAt), admin);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.bodyAsJsonObject().getString("expiresAt")).isEqualTo(expiresAt);
    String key = created.bodyAsJsonObject().getString("key");
    assertThat(api.get("/v1/admin/sources", key).statusCode()).isNotIn(401, 403);

    // The expiry passes: the test moves it into the past rather than waiting for a clock.
    assertThat(update("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = ?::uuid",
        created.bodyAsJsonObject().getString("id"))).isEqualTo(1);
    assertThat(api.get("/v1/admin/sources", key).statusCode()).isEqualTo(401);
    assertThat(api.post("/v1/admin/api-keys/" + created.bodyAsJsonObject().getString("id") + "/rotate",
        new JsonObject(), admin).statusCode()).as("an expired key is not rotated back to life").isEqualTo(404);
  }

  private static String createKey(String admin, JsonArray scopes) {
    HttpResponse<Buffer> created = api.post("/v1/admin/api-keys", new JsonObject().put("name", "scoped")
        .put("scopes", scopes), admin);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    return created.bodyAsJsonObject().getString("key");
  }

  // ---------------------------------------------------------------- perimeter

  @Test
  void responsesCarryTheSecurityHeaders() {
    HttpResponse<Buffer> response = api.get("/v1/me", null);
    assertThat(response.getHeader("Content-Security-Policy")).contains("default-src 'none'", "frame-ancestors 'none'");
    assertThat(response.getHeader("Strict-Transport-Security")).startsWith("max-age=");
    assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
  }

  @Test
  void unknownFieldsAndWrongTypesGetFieldLevelErrors() {
    HttpResponse<Buffer> response = api.post("/v1/auth/register",
        new JsonObject().put("email", 42).put("password", PASSWORD).put("isAdmin", true));
    assertThat(response.statusCode()).isEqualTo(400);
    JsonObject problem = response.bodyAsJsonObject();
    assertThat(problem.getString("type")).endsWith("/validation");
    assertThat(problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("email", "isAdmin");
  }

  // ---------------------------------------------------------------- helpers

  private static String adminAccessToken() throws Exception {
    String email = "boss@example.com";
    if (queryString("SELECT count(*)::text FROM users WHERE email = ?", email).equals("0")) {
      register(email);
    }
    if (queryString("SELECT (email_proven_at IS NULL)::text FROM users WHERE email = ?", email).equals("true")) {
      String token = lastEmailToken(email, "email.verify-email");
      api.post("/v1/auth/verify-email", new JsonObject().put("token", token));
    }
    return login(email, PASSWORD).bodyAsJsonObject().getString("accessToken");
  }

  /** Asks for a reset link and answers the token of the mail it sends (not of one sent before). */
  private static String resetLink(String email) {
    java.util.function.Predicate<MailFiles.Mail> reset = mail -> mail.to().equals(email)
        && mail.subject().equals("Reset your JobSwipe password");
    java.util.Set<String> before = MailFiles.all(DATA.resolve("outbox")).stream().filter(reset)
        .map(MailFiles.Mail::token).collect(java.util.stream.Collectors.toSet());
    assertThat(api.post("/v1/auth/password/forgot", new JsonObject().put("email", email)).statusCode())
        .isEqualTo(202);
    return MailFiles.await(DATA.resolve("outbox"), mail -> reset.test(mail) && !before.contains(mail.token()),
        Duration.ofSeconds(10)).token();
  }

  private static HttpResponse<Buffer> stepUp(String token, JsonObject secret) {
    HttpResponse<Buffer> stepped = api.post("/v1/auth/step-up", secret, token);
    assertThat(stepped.statusCode()).as(stepped.bodyAsString()).isEqualTo(200);
    return stepped;
  }

  /** An access token signed with the node's key: the claims of a real one, with what the test changes. */
  private static String forged(JsonObject claims) {
    JsonObject key = JwtKeys.parse(com.jobswipe.testing.TestNodes.JWT_KEYS).signing();
    return JwtForge.es256(new JsonObject().put("alg", "ES256").put("kid", key.getString("kid")).put("typ", "JWT"),
        claims.copy().put("jti", UUID.randomUUID().toString()), key);
  }

  /** The token in the newest mail of this kind to this address, read from the outbox file like a person would. */
  private static String lastEmailToken(String email, String kind) {
    String subject = kind.equals("email.verify-email") ? "Confirm your JobSwipe email address"
        : "Reset your JobSwipe password";
    return MailFiles.await(DATA.resolve("outbox"), mail -> mail.to().equals(email) && mail.subject().equals(subject),
        Duration.ofSeconds(10)).token();
  }

  private static String queryString(String sql, String... params) throws SQLException {
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static int update(String sql, String... params) throws Exception {
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      return s.executeUpdate();
    }
  }
}
