package com.jobswipe.demo;

import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.TestDatabase;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A real node started in demo mode: its own boards ingested through the real path, two verified accounts, a full feed. */
class DemoModeTest {

  private static TestDatabase database;
  private static DemoMode demo;
  private static Vertx vertx;
  private static Api api;
  private static Path dataDir;

  @BeforeAll
  static void start() {
    database = TestDatabase.create();
    dataDir = Path.of("target", "demo-test-" + UUID.randomUUID());
    int port = FreePorts.next();
    demo = DemoMode.start(TestNodes.environment(Map.of(
        "DATABASE_URL", database.url().toString(),
        "PORT", Integer.toString(port),
        "JOBSWIPE_DEMO_BOARDS_PORT", "0",
        "JOBSWIPE_DATA_DIR", dataDir.toString(),
        // Tight as the shipped five: the demo's own four calls (two registrations, two verifications) and this
        // test's two sign-ins must fit, so the person who started the demo can sign in at once.
        "JOBSWIPE_RATE_AUTH_PER_MINUTE", "6")));
    vertx = Vertx.vertx();
    api = new Api(vertx, port);
  }

  @AfterAll
  static void stop() {
    if (demo != null) {
      demo.close();
    }
    if (vertx != null) {
      vertx.close().await();
    }
    database.close();
  }

  @Test
  void demoAccountIsVerifiedThroughTheOutboxAndItsFeedIsFull() {
    String token = login(DemoMode.DEMO_EMAIL, demo.accounts().demoPassword());
    JsonObject me = api.get("/v1/me", token).bodyAsJsonObject();
    assertThat(me.getBoolean("emailVerified")).isTrue();
    assertThat(me.getString("role")).isEqualTo("user");

    HttpResponse<Buffer> feed = api.get("/v1/feed?limit=20", token);
    assertThat(feed.statusCode()).as(feed.bodyAsString()).isEqualTo(200);
    JsonArray items = feed.bodyAsJsonObject().getJsonArray("items");
    assertThat(items).isNotEmpty();
    assertThat(items.getJsonObject(0).getJsonObject("job").getString("applyUrl"))
        .startsWith(demo.boards().baseUrl() + "/apply/");
  }

  @Test
  void adminHasTheAdminRoleAndEveryBoardIsASourceWithItsJobs() {
    String token = login(DemoMode.ADMIN_EMAIL, demo.accounts().adminPassword());
    assertThat(api.get("/v1/me", token).bodyAsJsonObject().getString("role")).isEqualTo("admin");
    JsonArray sources = api.get("/v1/admin/sources", token).bodyAsJsonObject().getJsonArray("items");
    assertThat(sources).hasSize(9);
    Map<String, Long> kinds = sources.stream().map(s -> ((JsonObject) s).getString("kind"))
        .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
    assertThat(kinds).containsOnly(Map.entry("greenhouse", 3L), Map.entry("lever", 3L), Map.entry("ashby", 3L));
    assertThat(sources.stream().mapToLong(s -> ((JsonObject) s).getLong("jobsSeen")).sum())
        .isEqualTo(DemoWorld.generate(33).postings().size());
  }

  @Test
  void credentialsAreKeptOwnerReadableOnly() throws Exception {
    Path file = dataDir.toAbsolutePath().resolve("demo-accounts.json");
    assertThat(Files.getPosixFilePermissions(file).stream().map(Enum::name))
        .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    assertThat(demo.banner()).contains(demo.accounts().demoPassword(), "/app/", "outbox");
    try (Stream<Path> mails = Files.list(dataDir.resolve("outbox"))) {
      assertThat(mails.filter(f -> f.toString().endsWith(".eml")).count()).isGreaterThanOrEqualTo(2);
    }
  }

  private static String login(String email, String password) {
    HttpResponse<Buffer> login = api.post("/v1/auth/login", new JsonObject().put("email", email).put("password", password));
    assertThat(login.statusCode()).as(login.bodyAsString()).isEqualTo(200);
    return login.bodyAsJsonObject().getString("accessToken");
  }
}
