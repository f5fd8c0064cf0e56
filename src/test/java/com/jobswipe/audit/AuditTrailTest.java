package com.jobswipe.audit;

import com.jobswipe.bus.Role;
import com.jobswipe.config.AuditConfig;
import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Pools;
import com.jobswipe.testing.Admins;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail on a real node: each audited act, sent with an {@code X-Request-Id}, leaves exactly one record
 * under that id naming the actor (user or API key), the target and the action; the owner's own reads leave none;
 * admins page through the trail newest first with filters; old records go.
 */
class AuditTrailTest {

  private static final String PASSWORD = "correct battery horse staple 7";

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static String admin;
  private static String adminId;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    String operator = "audit.ops." + UUID.randomUUID() + "@example.com";
    node = RunningNode.start(EnumSet.of(Role.API, Role.INGESTION, Role.AUTOMATION), Map.of(
        "JOBSWIPE_EMAIL_VERIFICATION", "off", "JOBSWIPE_INGESTION_SCHEDULER", "false",
        "JOBSWIPE_FETCH_ALLOW_PRIVATE", "true", "JOBSWIPE_ADMIN_EMAILS", operator));
    api = new Api(vertx, node.port());
    admin = Admins.admin(api, node.database(), operator, PASSWORD);
    adminId = api.get("/v1/me", admin).bodyAsJsonObject().getString("id");
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  private static JsonObject register() {
    return api.post("/v1/auth/register", new JsonObject().put("email", "a" + UUID.randomUUID() + "@example.com")
        .put("password", PASSWORD)).bodyAsJsonObject();
  }

  /**
   * Sends an act with a fresh request id, waits until its record is written (the node says so on its bus), and
   * answers the one record under that id.
   */
  private static JsonObject audited(Function<String, HttpResponse<Buffer>> act) {
    String requestId = "req-" + UUID.randomUUID();
    Promise<Void> recorded = Promise.promise();
    node.app().vertx().eventBus().<String>localConsumer(AuditedActs.RECORDED, message -> {
      if (requestId.equals(message.body())) {
        recorded.tryComplete();
      }
    }).completion().await();
    HttpResponse<Buffer> response = act.apply(requestId);
    assertThat(response.statusCode()).as(response.bodyAsString()).isBetween(200, 299);
    recorded.future().timeout(20, TimeUnit.SECONDS).await();
    List<JsonObject> records = recordsWith(requestId);
    assertThat(records).as("records of request " + requestId).hasSize(1);
    return records.get(0);
  }

  private static HttpRequest<Buffer> request(HttpMethod method, String path, String bearer, String requestId) {
    return api.request(method, path).putHeader("Authorization", "Bearer " + bearer)
        .putHeader("X-Request-Id", requestId);
  }

  private static HttpResponse<Buffer> send(HttpMethod method, String path, String bearer, String requestId,
                                           JsonObject body) {
    HttpRequest<Buffer> request = request(method, path, bearer, requestId);
    return (body == null ? request.send() : request.sendJsonObject(body)).await();
  }

  private static void assertRecord(JsonObject record, String actorKind, String actorId, String action,
                                   String targetKind, String targetId) {
    assertThat(record.getJsonObject("actor")).isEqualTo(new JsonObject().put("kind", actorKind).put("id", actorId));
    assertThat(record.getString("action")).isEqualTo(action);
    assertThat(record.getJsonObject("target")).isEqualTo(new JsonObject().put("kind", targetKind)
        .put("id", targetId));
    assertThat(record.getString("at")).isNotBlank();
  }

  @Test
  void exportAndErasureAreRecordedAgainstTheAccount() {
    JsonObject user = register();
    String token = user.getString("accessToken");
    String userId = user.getJsonObject("user").getString("id");

    JsonObject export = audited(id -> send(HttpMethod.GET, "/v1/me/export", token, id, null));
    assertRecord(export, "user", userId, "user.export", "user", userId);

    JsonObject erasure = audited(id -> send(HttpMethod.DELETE, "/v1/me", token, id,
        new JsonObject().put("confirm", true)));
    assertRecord(erasure, "user", userId, "user.erase", "user", userId);
  }

  @Test
  void anAdminsReadsAndChangesOfAnotherUsersDataAreRecordedAndTheOwnersAreNot() {
    JsonObject user = register();
    String token = user.getString("accessToken");
    String userId = user.getJsonObject("user").getString("id");
    String letter = api.post("/v1/cover-letters", new JsonObject().put("name", "mine")
        .put("body", "Dear {{job.company}}"), token).bodyAsJsonObject().getString("id");

    String ownRead = "own-" + UUID.randomUUID();
    assertThat(send(HttpMethod.GET, "/v1/cover-letters/" + letter, token, ownRead, null).statusCode())
        .isEqualTo(200);
    JsonObject read = audited(id -> send(HttpMethod.GET, "/v1/cover-letters/" + letter, admin, id, null));
    assertRecord(read, "user", adminId, "user-data.read", "user", userId);
    assertThat(read.getJsonObject("detail").getString("coverLetter")).isEqualTo(letter);
    assertThat(recordsWith(ownRead)).as("the owner reading their own data").isEmpty();

    String session = api.get("/v1/auth/sessions", token).bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0).getString("id");
    JsonObject revoked = audited(id -> send(HttpMethod.DELETE, "/v1/auth/sessions/" + session, admin, id, null));
    assertRecord(revoked, "user", adminId, "user.session-revoke", "user", userId);
    assertThat(revoked.getJsonObject("detail").getString("session")).isEqualTo(session);

    JsonObject changed = audited(id -> send(HttpMethod.DELETE, "/v1/cover-letters/" + letter, admin, id, null));
    assertRecord(changed, "user", adminId, "user-data.change", "user", userId);
  }

  @Test
  void adminChangesToSourcesDomainsAndApiKeysAreRecordedWithTheirTargets() {
    List<String> sourceId = new ArrayList<>();
    JsonObject created = audited(id -> {
      HttpResponse<Buffer> response = send(HttpMethod.POST, "/v1/admin/sources", admin, id, new JsonObject()
          .put("kind", "rss").put("name", "Audited feed").put("url", "http://127.0.0.1:9/feed.xml"));
      sourceId.add(response.bodyAsJsonObject().getString("id"));
      return response;
    });
    assertRecord(created, "user", adminId, "source.create", "source", sourceId.get(0));
    JsonObject deleted = audited(id -> send(HttpMethod.DELETE, "/v1/admin/sources/" + sourceId.get(0), admin, id,
        null));
    assertRecord(deleted, "user", adminId, "source.delete", "source", sourceId.get(0));

    JsonObject domain = audited(id -> send(HttpMethod.PUT, "/v1/admin/domains/Jobs.Audited.Example", admin, id,
        new JsonObject().put("maxConcurrency", 1).put("perMinute", 5).put("perHour", 50).put("perDay", 500)));
    assertRecord(domain, "user", adminId, "domain.update", "domain", "jobs.audited.example");

    List<JsonObject> keys = new ArrayList<>();
    JsonObject keyCreated = audited(id -> {
      HttpResponse<Buffer> response = send(HttpMethod.POST, "/v1/admin/api-keys", admin, id, new JsonObject()
          .put("name", "audited").put("scopes", new JsonArray().add("admin")));
      keys.add(response.bodyAsJsonObject());
      return response;
    });
    String keyId = keys.get(0).getString("id");
    assertRecord(keyCreated, "user", adminId, "api-key.create", "api-key", keyId);
    assertThat(keyCreated.encode()).doesNotContain(keys.get(0).getString("key"));

    JsonObject rotated = audited(id -> {
      HttpResponse<Buffer> response = send(HttpMethod.POST, "/v1/admin/api-keys/" + keyId + "/rotate", admin, id,
          new JsonObject());
      keys.add(response.bodyAsJsonObject());
      return response;
    });
    String newKeyId = keys.get(1).getString("id");
    assertRecord(rotated, "user", adminId, "api-key.rotate", "api-key", keyId);
    assertThat(rotated.getJsonObject("detail").getString("created")).isEqualTo(newKeyId);

    // A service acting with the new key is recorded as that key; no key ever reads a person's data.
    JsonObject byKey = audited(id -> send(HttpMethod.PUT, "/v1/admin/domains/jobs.by-key.example",
        keys.get(1).getString("key"), id, new JsonObject().put("maxConcurrency", 1).put("perMinute", 5)
            .put("perHour", 50).put("perDay", 500)));
    assertRecord(byKey, "api-key", newKeyId, "domain.update", "domain", "jobs.by-key.example");
    JsonObject user = register();
    String letter = api.post("/v1/cover-letters", new JsonObject().put("name", "mine").put("body", "Hello"),
        user.getString("accessToken")).bodyAsJsonObject().getString("id");
    assertThat(send(HttpMethod.GET, "/v1/cover-letters/" + letter, keys.get(1).getString("key"), "req-key-read",
        null).statusCode()).isEqualTo(403);
    assertThat(recordsWith("req-key-read")).isEmpty();

    JsonObject revoked = audited(id -> send(HttpMethod.DELETE, "/v1/admin/api-keys/" + newKeyId, admin, id, null));
    assertRecord(revoked, "user", adminId, "api-key.revoke", "api-key", newKeyId);
  }

  @Test
  void adminsPageThroughTheTrailNewestFirstWithFiltersAndNobodyElseCan() {
    JsonObject user = register();
    String token = user.getString("accessToken");
    String userId = user.getJsonObject("user").getString("id");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(audited(id -> send(HttpMethod.GET, "/v1/me/export", token, id, null)).getString("id"));
    }

    List<String> paged = new ArrayList<>();
    String path = "/v1/admin/audit?limit=2&actor=" + userId + "&action=user.export";
    while (path != null) {
      JsonObject page = api.get(path, admin).bodyAsJsonObject();
      page.getJsonArray("items").forEach(item -> paged.add(((JsonObject) item).getString("id")));
      path = page.getString("nextCursor") == null ? null
          : "/v1/admin/audit?limit=2&actor=" + userId + "&action=user.export&cursor=" + page.getString("nextCursor");
    }
    assertThat(paged).containsExactly(ids.get(2), ids.get(1), ids.get(0));
    assertThat(api.get("/v1/admin/audit?target=" + userId, admin).bodyAsJsonObject().getJsonArray("items"))
        .hasSize(3);
    assertThat(api.get("/v1/admin/audit?action=user.erase&actor=" + userId, admin).bodyAsJsonObject()
        .getJsonArray("items")).isEmpty();

    assertThat(api.get("/v1/admin/audit", token).statusCode()).isEqualTo(403);
    assertThat(api.get("/v1/admin/audit", null).statusCode()).isEqualTo(401);
    for (String bad : List.of("actor=nobody", "action=DROP%20TABLE", "cursor=-1", "limit=0", "target=a%20b")) {
      HttpResponse<Buffer> refused = api.get("/v1/admin/audit?" + bad, admin);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(refused.getHeader("Content-Type")).startsWith("application/problem+json");
    }
  }

  @Test
  void recordsOlderThanTheRetentionPeriodAreDeleted() throws SQLException {
    String old = "old-" + UUID.randomUUID();
    String recent = "recent-" + UUID.randomUUID();
    try (Connection c = node.database().connect(); Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO audit_records (at, actor_kind, actor_id, action, target_kind, target_id,"
          + " request_id) VALUES (now() - interval '31 days', 'user', gen_random_uuid(), 'user.export', 'user', 'x',"
          + " '" + old + "'), (now() - interval '29 days', 'user', gen_random_uuid(), 'user.export', 'user', 'x',"
          + " '" + recent + "')");
    }
    var pool = Pools.shared(vertx, ConnectionSettings.fromUrl(node.database().url()), "audit-" + UUID.randomUUID(), 1);
    Future<Long> swept = Audit.sweep(pool, new AuditConfig(Duration.ofDays(30)));

    assertThat(swept.await()).isGreaterThanOrEqualTo(1);
    assertThat(recordsWith(old)).isEmpty();
    assertThat(recordsWith(recent)).hasSize(1);
  }

  /** The records under a request id, read through the admins' route. */
  private static List<JsonObject> recordsWith(String requestId) {
    List<JsonObject> found = new ArrayList<>();
    try (Connection c = node.database().connect();
         PreparedStatement s = c.prepareStatement("SELECT id FROM audit_records WHERE request_id = ?")) {
      s.setString(1, requestId);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          long id = rows.getLong(1);
          JsonObject page = api.get("/v1/admin/audit?limit=1&cursor=" + (id + 1), admin).bodyAsJsonObject();
          found.add(page.getJsonArray("items").getJsonObject(0));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return found;
  }
}
