package com.jobswipe;

import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.ServerProcess;
import com.jobswipe.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar, started the way the README and the Dockerfile start it. */
class ServerProcessIT {

  private static final Duration STARTUP = Duration.ofSeconds(120);
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void theEmbeddedDefaultServesAndKeepsItsDataAcrossRestarts(@TempDir Path dataDir) throws Exception {
    int port = FreePorts.next();
    Map<String, String> env = Map.of("PORT", Integer.toString(port), "JOBSWIPE_DATA_DIR", dataDir.toString());

    try (ServerProcess first = ServerProcess.start(env)) {
      first.awaitLine(line -> line.contains(" ready with roles"), STARTUP);
      assertThat(first.output()).contains("embedded PostgreSQL").containsPattern("\\([1-9]\\d* migration\\(s\\) applied now\\)");
      assertThat(dataDir.resolve("keys").resolve("jwt-keys.json")).exists();
      assertThat(get(port, "/health/ready").statusCode()).isEqualTo(200);
      first.terminate();
      first.awaitExit(Duration.ofSeconds(60));
    }
    assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();

    try (ServerProcess second = ServerProcess.start(env)) {
      second.awaitLine(line -> line.contains(" ready with roles"), STARTUP);
      assertThat(second.output()).contains("(0 migration(s) applied now)");
      assertThat(get(port, "/health/ready").statusCode()).isEqualTo(200);
      second.terminate();
      second.awaitExit(Duration.ofSeconds(60));
    }
  }

  @Test
  void theServerStartsOnDatabaseUrl() throws Exception {
    int port = FreePorts.next();
    int opsPort = FreePorts.next();
    try (TestDatabase database = TestDatabase.create();
         ServerProcess server = ServerProcess.start(Map.of("PORT", Integer.toString(port),
             "JOBSWIPE_OPS_PORT", Integer.toString(opsPort),
             "DATABASE_URL", database.url().toString()), "--roles", "api,matching")) {
      server.awaitLine(line -> line.contains(" ready with roles [API, MATCHING]"), STARTUP);
      HttpResponse<String> ready = get(opsPort, "/health/ready");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"role:matching\"").doesNotContain("role:automation");
      assertThat(get(port, "/health/ready").body()).isEqualTo("{\"status\":\"UP\"}");
      assertThat(server.output()).doesNotContain("embedded PostgreSQL");
      server.terminate();
      server.awaitExit(Duration.ofSeconds(60));
    }
  }

  @Test
  void aBadConfigValueExitsNonZeroNamingTheVariable() throws Exception {
    try (ServerProcess server = ServerProcess.start(Map.of("PORT", "eighty"))) {
      assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(server.output()).contains("configuration error: PORT: expected an integer, got 'eighty'");
    }
    try (ServerProcess server = ServerProcess.start(Map.of(), "--roles", "api,robots")) {
      assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(server.output()).contains("configuration error: --roles: unknown role 'robots'");
    }
  }

  @Test
  void aTakenPortFailsStartupCleanly() throws Exception {
    try (TestDatabase database = TestDatabase.create();
         java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
         ServerProcess server = ServerProcess.start(Map.of("PORT", Integer.toString(taken.getLocalPort()),
             "JOBSWIPE_HTTP_HOST", "127.0.0.1", "DATABASE_URL", database.url().toString()), "--roles", "api")) {
      assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(server.output()).contains("startup failed").contains("Address already in use");
    }
  }

  @Test
  void sigtermLetsAnInFlightRequestFinishAndRefusesNewOnes() throws Exception {
    int port = FreePorts.next();
    try (TestDatabase database = TestDatabase.create();
         ServerProcess server = ServerProcess.start(Map.of("PORT", Integer.toString(port),
             "DATABASE_URL", database.url().toString(), "JOBSWIPE_SHUTDOWN_GRACE_SECONDS", "20"), "--roles", "api")) {
      server.awaitLine(line -> line.contains(" ready with roles"), STARTUP);
      Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();

      // A slow upload: the headers now (the body handler's 100 Continue proves the request is being handled),
      // half the body, then SIGTERM, then the rest.
      String body = "{\"name\":\"a slow client uploading\"}";
      int half = body.length() / 2;
      out.write(("POST /v1/uploads HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
          + "Expect: 100-continue\r\nContent-Length: " + body.length() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      assertThat(readLine(in)).isEqualTo("HTTP/1.1 100 Continue");
      assertThat(readLine(in)).isEmpty();
      out.write(body.substring(0, half).getBytes(StandardCharsets.US_ASCII));
      out.flush();

      server.terminate();
      server.awaitLine(line -> line.contains("shutting down"), Duration.ofSeconds(30));
      awaitRefused(port);

      out.write(body.substring(half).getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(response).startsWith("HTTP/1.1 404").contains("application/problem+json");
      server.awaitExit(Duration.ofSeconds(30));
      assertThat(server.output()).contains("stopped");
      socket.close();
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) != -1 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  /** New connections are refused once the listener has closed; polls briefly for it. */
  private static void awaitRefused(int port) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
        Thread.sleep(50);
      } catch (ConnectException refused) {
        return;
      } catch (IOException other) {
        return;
      }
    }
    throw new AssertionError("the listener kept accepting after SIGTERM");
  }

  private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

}
