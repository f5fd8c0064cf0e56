package com.jobswipe.auth;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.TestNodes;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits shared through real Redis by two instances, the fail-closed rule when Redis is gone, and a
 * barrage of malformed and hostile bodies.
 */
class PerimeterTest {

  private static final String IP_HEADER = "X-Test-Client-Ip";

  private static Vertx vertx;
  private static TestDatabase shared;
  private static RunningNode nodeA;
  private static RunningNode nodeB;
  private static RunningNode noRedis;
  private static RunningNode roomy;
  private static RunningNode stingy;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    shared = TestDatabase.create();
    Map<String, String> strict = Map.of(
        "REDIS_URL", "redis://127.0.0.1:6379",
        "JOBSWIPE_RATE_AUTH_PER_MINUTE", "5",
        "JOBSWIPE_CLIENT_IP_HEADER", IP_HEADER);
    nodeA = RunningNode.startOn(shared, EnumSet.of(Role.API), strict);
    nodeB = RunningNode.startOn(shared, EnumSet.of(Role.API), strict);
    noRedis = RunningNode.start(EnumSet.of(Role.API),
        Map.of("REDIS_URL", "redis://127.0.0.1:" + FreePorts.next(), "JOBSWIPE_RATE_AUTH_PER_MINUTE", "5"));
    roomy = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of());
    stingy = RunningNode.start(EnumSet.of(Role.API), Map.of("JOBSWIPE_RATE_PUBLIC_PER_MINUTE", "3",
        "JOBSWIPE_CLIENT_IP_HEADER", "Fly-Client-IP"));
  }

  @AfterAll
  static void stop() {
    nodeB.app().stop();
    nodeA.close();
    noRedis.close();
    roomy.close();
    stingy.close();
    vertx.close().await();
  }

  @Test
  void theSixthLoginInAMinuteIsRefusedWhicheverInstanceReceivesIt() {
    // A fresh client address per run, so the shared Redis carries nothing over from earlier runs.
    String ip = "203.0." + new Random().nextInt(256) + "." + new Random().nextInt(256);
    JsonObject body = new JsonObject().put("email", "nobody." + UUID.randomUUID() + "@example.com")
        .put("password", "whatever it may be");
    List<Integer> statuses = new ArrayList<>();
    HttpResponse<Buffer> last = null;
    for (int i = 0; i < 6; i++) {
      RunningNode node = i % 2 == 0 ? nodeA : nodeB;
      last = new Api(vertx, node.port()).request(HttpMethod.POST, "/v1/auth/login").putHeader(IP_HEADER, ip)
          .sendJsonObject(body).await();
      statuses.add(last.statusCode());
    }

    assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 429);
    assertThat(last.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(last.bodyAsJsonObject().getString("type")).endsWith("/rate-limited");
    assertThat(Integer.parseInt(last.getHeader("Retry-After"))).isBetween(1, 60);
    assertThat(last.getHeader("RateLimit-Policy")).contains("\"auth-ip\";q=5;w=60");
    assertThat(last.getHeader("RateLimit")).contains("\"auth-ip\";r=0;t=");
  }

  @Test
  void aStormFromRotatingAddressesSpendsTheStrangersAccountQuotaButNotTheOwnersKnownNetwork() {
    // Fresh addresses per run, so the shared Redis carries nothing over from earlier runs.
    Random random = new Random();
    String net = random.nextInt(256) + "." + random.nextInt(256);
    String owner = "198.18." + net;
    String botnet = "100.64." + random.nextInt(256) + ".";
    String email = "stormed." + UUID.randomUUID() + "@example.com";
    String password = "the owner's own passphrase 9";
    JsonObject credentials = new JsonObject().put("email", email).put("password", password);
    assertThat(loginFrom(nodeA, "/v1/auth/register", owner, credentials).statusCode()).isEqualTo(201);

    // A new address for every guess: no address runs out of its own quota, the account's strangers' bucket does
    // (within its first six, give or take the unit GCRA returns every 12 s on a slow machine).
    HttpResponse<Buffer> refused = null;
    for (int i = 1; i <= 20 && refused == null; i++) {
      HttpResponse<Buffer> guess = loginFrom(i % 2 == 0 ? nodeA : nodeB, "/v1/auth/login", botnet + i,
          credentials.copy().put("password", "a guess from a botnet " + i));
      assertThat(guess.statusCode()).isIn(401, 429);
      refused = guess.statusCode() == 429 ? guess : null;
    }
    assertThat(refused).as("the storm ran the account's quota for strangers dry").isNotNull();
    assertThat(refused.bodyAsJsonObject().getJsonArray("violated-policies")).containsExactly("auth-account");

    HttpResponse<Buffer> stranger = loginFrom(nodeA, "/v1/auth/login", "100.65." + net, credentials);
    assertThat(stranger.statusCode()).as("a network that never signed in shares the strangers' bucket")
        .isEqualTo(429);
    assertThat(stranger.bodyAsJsonObject().getJsonArray("violated-policies")).containsExactly("auth-account");
    HttpResponse<Buffer> home = loginFrom(nodeB, "/v1/auth/login", owner, credentials);
    assertThat(home.statusCode()).as("the owner's known network has a quota of its own: " + home.bodyAsString())
        .isEqualTo(200);
    assertThat(home.getHeader("RateLimit")).contains("\"auth-account\";r=4;");
  }

  private static HttpResponse<Buffer> loginFrom(RunningNode node, String path, String ip, JsonObject body) {
    return new Api(vertx, node.port()).request(HttpMethod.POST, path).putHeader(IP_HEADER, ip)
        .sendJsonObject(body).await();
  }

  @Test
  void withoutRedisCredentialRoutesFailClosedAndTheRestKeepsServing() {
    Api api = new Api(vertx, noRedis.port());
    HttpResponse<Buffer> login = api.post("/v1/auth/login", new JsonObject().put("email", "a@example.com")
        .put("password", "whatever it may be"));
    assertThat(login.statusCode()).isEqualTo(503);
    assertThat(login.bodyAsJsonObject().getString("type")).endsWith("/unavailable");

    assertThat(api.get("/v1/me", "not-a-token").statusCode()).as("signed-in routes still answer").isEqualTo(401);
    assertThat(api.get("/health/live", null).statusCode()).isEqualTo(200);
    HttpResponse<Buffer> ready = api.get("/health/ready", TestNodes.OPS_TOKEN);
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.bodyAsString()).contains("\"name\":\"redis\",\"status\":\"DOWN\"");
    HttpResponse<Buffer> publicReady = api.get("/health/ready", null);
    assertThat(publicReady.statusCode()).isEqualTo(503);
    assertThat(publicReady.bodyAsJsonObject()).as("no dependency errors for the public")
        .isEqualTo(new JsonObject().put("status", "DOWN"));
  }

  @Test
  void madeUpCredentialsSpendTheAnonymousQuota() {
    Api api = new Api(vertx, stingy.port());
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      statuses.add(api.get("/v1/me", "jsk_aaaaaaaaaa_" + "x".repeat(43)).statusCode());
    }
    assertThat(statuses).containsExactly(401, 401, 401, 429);
  }

  @Test
  void anInventedBearerLiftsTheAnonymousQuotaOnNoRoute() {
    Api api = new Api(vertx, stingy.port());
    // Public routes that never ask for a credential: a header on them used to skip the per-IP quota entirely.
    List<Integer> statuses = new ArrayList<>();
    for (String path : List.of("/v1/auth/oauth/google/start", "/v1/auth/refresh", "/v1/auth/logout",
        "/v1/auth/oauth/google/start")) {
      statuses.add(api.request(path.endsWith("start") ? io.vertx.core.http.HttpMethod.GET
              : io.vertx.core.http.HttpMethod.POST, path)
          .putHeader("Fly-Client-IP", "198.51.100.77").bearerTokenAuthentication("x")
          .sendJsonObject(new io.vertx.core.json.JsonObject().put("refreshToken", "r".repeat(43))).await()
          .statusCode());
    }
    assertThat(statuses.subList(0, 3)).doesNotContain(429);
    assertThat(statuses.get(3)).as("the fourth request of a 3-a-minute quota").isEqualTo(429);
  }

  @Test
  void twoHundredHostileBodiesAllGet4xxAndTheServerStaysHealthy() {
    Api api = new Api(vertx, roomy.port());
    List<String> routes = List.of("/v1/auth/register", "/v1/auth/login", "/v1/auth/refresh", "/v1/auth/logout",
        "/v1/auth/mfa/verify", "/v1/auth/verify-email", "/v1/auth/password/forgot", "/v1/auth/password/reset");
    List<Buffer> bodies = hostileBodies();
    assertThat(bodies.size() * routes.size()).isGreaterThanOrEqualTo(200);

    List<String> failures = new ArrayList<>();
    for (String route : routes) {
      for (Buffer body : bodies) {
        HttpResponse<Buffer> response = api.postRaw(route, body, "application/json");
        if (response.statusCode() < 400 || response.statusCode() >= 500
            || !"application/problem+json".equals(response.getHeader("Content-Type"))) {
          failures.add(route + " " + response.statusCode() + " for " + preview(body));
        }
      }
    }

    assertThat(failures).isEmpty();
    assertThat(api.postRaw("/v1/auth/login", Buffer.buffer("{}"), "text/plain").statusCode()).isEqualTo(415);
    assertThat(api.get("/health/ready", null).statusCode()).isEqualTo(200);
  }

  private static List<Buffer> hostileBodies() {
    List<Buffer> bodies = new ArrayList<>();
    for (String text : List.of("", " ", "null", "true", "42", "\"a string\"", "[]", "[{}]", "{", "}", "{\"email\":",
        "{\"email\": \"a@b.c\", }", "{'email': 'a@b.c'}", "{\"email\": NaN}", "{\"email\": undefined}",
        "{\"email\": [\"a@b.c\"], \"password\": {\"$gt\": \"\"}}", "{\"email\": {\"$ne\": null}}",
        "{\"email\": 1e999, \"password\": -0}", "{\"email\": true, \"password\": false}",
        "{\"email\": \"a@b.c\", \"password\": null}", "{\"refreshToken\": 123}", "{\"token\": [1,2,3]}",
        "{\"mfaToken\": {}, \"code\": 123456}", "{\"__proto__\": {\"admin\": true}}",
        "{\"email\": \"' OR 1=1 --\", \"password\": \"x\"}", "{\"email\": \"a@b.c\\u0000\", \"password\": \"x\"}",
        "{\"email\": \"<script>alert(1)</script>@x.y\", \"password\": \"p\"}")) {
      bodies.add(Buffer.buffer(text));
    }
    bodies.add(Buffer.buffer("{\"email\": \"" + "a".repeat(100_000) + "@example.com\", \"password\": \"x\"}"));
    bodies.add(Buffer.buffer("{\"password\": \"" + "p".repeat(200_000) + "\", \"email\": \"a@b.co\"}"));
    bodies.add(Buffer.buffer("[".repeat(5_000) + "]".repeat(5_000)));
    bodies.add(Buffer.buffer("{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000)));
    bodies.add(Buffer.buffer(new byte[] {'{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
    bodies.add(Buffer.buffer(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0}));
    bodies.add(Buffer.buffer("x".repeat(2 * 1024 * 1024)));
    return bodies;
  }

  private static String preview(Buffer body) {
    String text = body.toString();
    return text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + ")" : text;
  }
}
