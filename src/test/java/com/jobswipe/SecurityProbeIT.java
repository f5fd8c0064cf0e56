package com.jobswipe;

import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.MailFiles;
import com.jobswipe.testing.ServerProcess;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Black-box probes of security round two against the packaged jar, as an attacker with a client and a stolen token
 * would try them: nothing here reaches inside the process. Clients are told apart by the trusted proxy's header
 * ({@code X-Probe-Client}), as behind Fly's proxy. The browser probe (a posting page reaching 127.0.0.1 by fetch,
 * WebSocket and DNS rebinding) runs in-process in {@code EgressProxyTest} with the production Chromium flags.
 */
class SecurityProbeIT {

  private static final Duration STARTUP = Duration.ofSeconds(120);
  private static final String PASSWORD = "probe password, long enough 7";
  private static final String CLIENT = "X-Probe-Client";
  private static final int AUTH_PER_MINUTE = 30;
  private static final String CHIEF = "chief." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

  private static TestDatabase database;
  private static ServerProcess server;
  private static Path dataDir;
  private static URI base;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    database = TestDatabase.create();
    dataDir = Files.createTempDirectory("security-probe");
    int port = FreePorts.next();
    base = URI.create("http://127.0.0.1:" + port);
    server = ServerProcess.start(Map.of(
        "PORT", Integer.toString(port),
        "DATABASE_URL", database.url().toString(),
        "JOBSWIPE_DATA_DIR", dataDir.toString(),
        "JOBSWIPE_PUBLIC_URL", base.toString(),
        "JOBSWIPE_ADMIN_EMAILS", CHIEF,
        "JOBSWIPE_CLIENT_IP_HEADER", CLIENT,
        // Room for each probe's own attempts on one account; per client it still holds (probe 3).
        "JOBSWIPE_RATE_AUTH_PER_MINUTE", Integer.toString(AUTH_PER_MINUTE)), "--roles", "api,notification");
    server.awaitLine(line -> line.contains(" ready with roles"), STARTUP);
  }

  @AfterAll
  static void stop() {
    server.close();
    database.close();
  }

  @Test
  void probe1RegisteringAListedAdminAddressGivesNoAdminWithoutTheMailbox() throws Exception {
    JsonObject session = register(CHIEF, "198.51.100.1");
    String token = session.getString("accessToken");
    String link = MailFiles.await(dataDir.resolve("outbox"), mail -> mail.to().equals(CHIEF), Duration.ofSeconds(60))
        .token();

    assertThat(get("/v1/me", token, "198.51.100.1").body()).contains("\"role\":\"user\"");
    assertThat(get("/v1/admin/sources", token, "198.51.100.1").statusCode()).isEqualTo(403);
    String export = get("/v1/me/export", token, "198.51.100.1").body();
    assertThat(export).as("the verification link is only in the mail").doesNotContain(link);
    assertThat(post("/v1/auth/verify-email", new JsonObject().put("token", "guessed-" + UUID.randomUUID()), null,
        "198.51.100.1").statusCode()).isEqualTo(401);
    assertThat(get("/v1/me", token, "198.51.100.1").body()).contains("\"role\":\"user\"");
  }

  @Test
  void probe2AStolenTokenCannotCarryAResetFromForgotThroughTheExport() throws Exception {
    String email = "victim." + UUID.randomUUID() + "@example.com";
    String stolen = register(email, "198.51.100.2").getString("accessToken");

    assertThat(post("/v1/auth/password/forgot", new JsonObject().put("email", email), null, "198.51.100.3")
        .statusCode()).isEqualTo(202);
    String resetLink = MailFiles.await(dataDir.resolve("outbox"),
        mail -> mail.to().equals(email) && mail.subject().toLowerCase().contains("reset"), Duration.ofSeconds(60)).token();
    HttpResponse<String> export = get("/v1/me/export", stolen, "198.51.100.3");

    assertThat(export.body()).as("no reset token leaves through the export").doesNotContain(resetLink);
    assertThat(post("/v1/auth/password/reset", new JsonObject().put("token", "from-the-export")
        .put("password", "attacker password, long enough 1"), null, "198.51.100.3").statusCode()).isEqualTo(401);
  }

  @Test
  void probe3ALimitedClientDoesNotBlockAnotherClientBehindTheSameProxy() throws Exception {
    String email = "shared.proxy." + UUID.randomUUID() + "@example.com";
    register(email, "203.0.113.77");
    List<Integer> attacker = new ArrayList<>();
    for (int i = 0; i < 2 * AUTH_PER_MINUTE; i++) {
      attacker.add(post("/v1/auth/login", new JsonObject().put("email", "someone." + i + "@example.com")
          .put("password", "wrong " + i), null, "203.0.113.5").statusCode());
    }

    HttpResponse<String> other = post("/v1/auth/login", new JsonObject().put("email", email).put("password", PASSWORD),
        null, "203.0.113.77");

    assertThat(attacker).as("the guessing client is limited").contains(429);
    assertThat(other.statusCode()).as("another client behind the same proxy is not: " + other.body()).isEqualTo(200);
  }

  @Test
  void probe4ThreeHundredOAuthStartsWithABogusBearerAreLimited() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      statuses.add(http.send(request("/v1/auth/oauth/google/start", "203.0.113.40").header("Authorization", "Bearer x")
          .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    }

    // The public quota is 100 a minute (refilled as the seconds pass, so a few more get through).
    assertThat(statuses).contains(429);
    assertThat(statuses.stream().filter(s -> s != 429).count()).isLessThan(150);
  }

  @Test
  void probe5UnauthenticatedTenMebibyteUploadsAreRefusedBeforeTheBodyAndStoreNothing() throws Exception {
    for (int i = 0; i < 50; i++) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), base.getPort())) {
        socket.setSoTimeout(30_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/profile/resumes HTTP/1.1\r\nHost: 127.0.0.1\r\n" + CLIENT + ": 203.0.113." + (100 + i)
            + "\r\nContent-Type: application/pdf\r\nExpect: 100-continue\r\nContent-Length: " + (10 << 20)
            + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        assertThat(status).as("answered without a byte of the body").isEqualTo("HTTP/1.1 401");
      }
    }

    Path uploads = dataDir.resolve("uploads");
    try (Stream<Path> files = Files.exists(uploads) ? Files.walk(uploads) : Stream.empty()) {
      assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
    }
  }

  @Test
  void probe6AfterASessionIsRevokedItsTokenAndItsSocketAreDead() throws Exception {
    String email = "revoked." + UUID.randomUUID() + "@example.com";
    String first = register(email, "192.0.2.60").getString("accessToken");
    String second = login(email, "192.0.2.60").getString("accessToken");
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket socket = http.newWebSocketBuilder().header("Authorization", "Bearer " + first).header(CLIENT, "192.0.2.60")
        .buildAsync(URI.create("ws://127.0.0.1:" + base.getPort() + "/v1/ws"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
          }
        }).get(30, TimeUnit.SECONDS);
    String firstSession = new JsonObject(new String(Base64.getUrlDecoder().decode(first.split("\\.")[1]),
        StandardCharsets.UTF_8)).getString("sid");

    assertThat(http.send(request("/v1/auth/sessions/" + firstSession, "192.0.2.60")
        .header("Authorization", "Bearer " + second).DELETE().build(), HttpResponse.BodyHandlers.ofString())
        .statusCode()).isEqualTo(204);

    assertThat(closed.get(30, TimeUnit.SECONDS)).isEqualTo(4001);
    assertThat(get("/v1/me", first, "192.0.2.60").statusCode()).isEqualTo(401);
    assertThat(socket.isInputClosed()).isTrue();
  }

  @Test
  void probe7FiftyParallelWrongSecondFactorsLockTheAccount() throws Exception {
    String email = "mfa." + UUID.randomUUID() + "@example.com";
    String token = register(email, "192.0.2.70").getString("accessToken");
    byte[] secret = base32(new JsonObject(post("/v1/auth/mfa/enroll", new JsonObject(), token, "192.0.2.70").body())
        .getString("secret"));
    assertThat(post("/v1/auth/mfa/confirm", new JsonObject().put("code", totp(secret, Instant.now())), token,
        "192.0.2.70").statusCode()).isEqualTo(200);
    String mfaToken = login(email, "192.0.2.71").getString("mfaToken");
    int right = Integer.parseInt(totp(secret, Instant.now()));

    List<CompletableFuture<HttpResponse<String>>> guesses = IntStream.range(0, 50).mapToObj(i -> http.sendAsync(
        request("/v1/auth/mfa/verify", "192.0.2.71").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("mfaToken", mfaToken)
                .put("code", String.format("%06d", (right + 1 + i) % 1_000_000))
                .encode())).build(), HttpResponse.BodyHandlers.ofString())).toList();
    CompletableFuture.allOf(guesses.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    assertThat(guesses).allSatisfy(g -> assertThat(g.join().statusCode()).isIn(401, 429));

    HttpResponse<String> rightCode = post("/v1/auth/mfa/verify", new JsonObject().put("mfaToken", mfaToken)
        .put("code", totp(secret, Instant.now())), null, "192.0.2.73");
    if (rightCode.statusCode() == 429) {
      // The account's quota is spent too; wait out exactly what it says, so the answer is the lock's.
      long wait = Long.parseLong(rightCode.headers().firstValue("Retry-After").orElseThrow());
      TimeUnit.SECONDS.sleep(wait + 1);
      rightCode = post("/v1/auth/mfa/verify", new JsonObject().put("mfaToken", mfaToken)
          .put("code", totp(secret, Instant.now())), null, "192.0.2.73");
    }
    assertThat(rightCode.statusCode()).as("locked after fifty wrong codes: " + rightCode.body()).isEqualTo(401);
  }

  @Test
  void probe8AnUnverifiedAccountsRightSwipeSendsNothing() throws Exception {
    String token = register("unverified." + UUID.randomUUID() + "@example.com", "192.0.2.80").getString("accessToken");
    UUID job;
    try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO jobs (title, company, apply_url) VALUES ('Probe Engineer', 'Probe Co', ?) RETURNING id")) {
      s.setString(1, "https://jobs.example.com/" + UUID.randomUUID());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        job = rs.getObject(1, UUID.class);
      }
    }

    HttpResponse<String> swipe = post("/v1/swipes", new JsonObject().put("jobId", job.toString())
        .put("direction", "right").put("clientId", "probe-" + UUID.randomUUID()), token, "192.0.2.80");

    assertThat(swipe.statusCode()).isEqualTo(403);
    assertThat(swipe.body()).contains("email-unverified");
    try (Connection c = database.connect(); PreparedStatement s = c.prepareStatement(
        "SELECT count(*) FROM applications WHERE job_id = ?")) {
      s.setObject(1, job);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
    }
  }

  @Test
  void probe10ALockoutStormFromRotatingAddressesDoesNotStopTheOwnersKnownNetwork() throws Exception {
    String email = "stormed." + UUID.randomUUID() + "@example.com";
    register(email, "198.18.0.10");
    // Four rotating addresses, six guesses each: every one locks itself out, and the account locks for strangers.
    for (int client = 0; client < 4; client++) {
      for (int i = 0; i < 6; i++) {
        post("/v1/auth/login", new JsonObject().put("email", email).put("password", "storm " + i), null,
            "100.64.0." + (client + 1));
      }
    }
    HttpResponse<String> stranger = post("/v1/auth/login", new JsonObject().put("email", email)
        .put("password", PASSWORD), null, "100.64.1.1");

    HttpResponse<String> owner = post("/v1/auth/login", new JsonObject().put("email", email).put("password", PASSWORD),
        null, "198.18.0.10");

    assertThat(owner.statusCode()).as(owner.body()).isEqualTo(200);
    assertThat(stranger.statusCode()).as("a network that never signed in is kept out during the storm").isEqualTo(401);
  }

  // ---------------------------------------------------------------- helpers

  private static JsonObject register(String email, String client) throws Exception {
    HttpResponse<String> response = post("/v1/auth/register", new JsonObject().put("email", email)
        .put("password", PASSWORD), null, client);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return new JsonObject(response.body());
  }

  private static JsonObject login(String email, String client) throws Exception {
    HttpResponse<String> response = post("/v1/auth/login", new JsonObject().put("email", email)
        .put("password", PASSWORD), null, client);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new JsonObject(response.body());
  }

  private static HttpRequest.Builder request(String path, String client) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header(CLIENT, client);
  }

  private static HttpResponse<String> get(String path, String token, String client) throws Exception {
    HttpRequest.Builder builder = request(path, client).GET();
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path, JsonObject body, String token, String client)
      throws Exception {
    HttpRequest.Builder builder = request(path, client).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** RFC 6238 with the app defaults (SHA-1, 30 s, six digits), as an authenticator app computes it. */
  private static String totp(byte[] secret, Instant at) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec(secret, "HmacSHA1"));
    byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(at.getEpochSecond() / 30).array());
    int offset = hash[hash.length - 1] & 0x0f;
    int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
        | (hash[offset + 3] & 0xff);
    return String.format("%06d", binary % 1_000_000);
  }

  private static byte[] base32(String text) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    String clean = text.replace("=", "").toUpperCase();
    byte[] out = new byte[clean.length() * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int index = 0;
    for (char c : clean.toCharArray()) {
      buffer = (buffer << 5) | alphabet.indexOf(c);
      bits += 5;
      if (bits >= 8) {
        out[index++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
