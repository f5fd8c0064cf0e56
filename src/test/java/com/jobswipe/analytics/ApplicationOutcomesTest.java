package com.jobswipe.analytics;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PATCH /v1/applications/{id}} over HTTP against a real node: outcomes only on submitted applications and
 * kept as a history; settling only from UNKNOWN, moving application and task together, with a trail line that the
 * owner's WebSocket receives; another user's application is a 404.
 */
class ApplicationOutcomesTest {

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static WebSocketClient sockets;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    // Automation settles applications (its state machine); the applications here are made in the states the tests
    // need, none of which automation moves on its own.
    node = RunningNode.start(EnumSet.of(Role.API, Role.AUTOMATION, Role.NOTIFICATION), Map.of());
    api = new Api(vertx, node.port());
    sockets = vertx.createWebSocketClient();
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  @Test
  void outcomesAreForSubmittedApplicationsOfTheirOwnerAndKeptAsAHistory() throws Exception {
    AnalyticsReportsTest.TestUser owner = AnalyticsReportsTest.register(api, "owner");
    String application = application(owner, "NEEDS_HUMAN");

    HttpResponse<Buffer> early = patch(application, new JsonObject().put("outcome", "interview"), owner.token());
    assertThat(early.statusCode()).as("not submitted yet").isEqualTo(409);
    assertThat(early.getHeader("Content-Type")).isEqualTo("application/problem+json");

    setStatus(application, "SUBMITTED");
    HttpResponse<Buffer> interview = patch(application, new JsonObject().put("outcome", "interview")
        .put("note", "Phone screen, Tuesday"), owner.token());
    assertThat(interview.statusCode()).as(interview.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> offer = patch(application, new JsonObject().put("outcome", "offer"), owner.token());
    JsonObject body = offer.bodyAsJsonObject();
    assertThat(body.getString("status")).isEqualTo("SUBMITTED");
    assertThat(body.getString("outcome")).isEqualTo("offer");
    assertThat(body.getJsonArray("outcomes")).hasSize(2);
    assertThat(body.getJsonArray("outcomes").getJsonObject(0).getString("outcome")).isEqualTo("interview");
    assertThat(body.getJsonArray("outcomes").getJsonObject(0).getString("note")).isEqualTo("Phone screen, Tuesday");
    assertThat(count("SELECT count(*) FROM application_audit_log WHERE application_id = ? AND step = 'outcome'",
        application)).isEqualTo(2);

    AnalyticsReportsTest.TestUser stranger = AnalyticsReportsTest.register(api, "stranger");
    assertThat(patch(application, new JsonObject().put("outcome", "rejected"), stranger.token()).statusCode())
        .isEqualTo(404);
    assertThat(patch(UUID.randomUUID().toString(), new JsonObject().put("outcome", "rejected"), owner.token())
        .statusCode()).isEqualTo(404);
    assertThat(patch("not-a-uuid", new JsonObject().put("outcome", "rejected"), owner.token()).statusCode())
        .isEqualTo(404);
    assertThat(count("SELECT count(*) FROM application_outcomes WHERE application_id = ?", application)).isEqualTo(2);

    for (JsonObject refused : new JsonObject[] {
        new JsonObject().put("outcome", "hired"),
        new JsonObject().put("outcome", "offer").put("settle", "submitted"),
        new JsonObject().put("settle", "submitted").put("note", "it went through"),
        new JsonObject(),
        new JsonObject().put("outcome", "offer").put("note", "x".repeat(2001)),
        new JsonObject().put("outcome", "offer").put("stage", 3)}) {
      HttpResponse<Buffer> response = patch(application, refused, owner.token());
      assertThat(response.statusCode()).as(refused.encode()).isEqualTo(400);
      assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    }
  }

  @Test
  void settlingAnUnknownApplicationMovesItAndTellsTheOwnersSocket() throws Exception {
    AnalyticsReportsTest.TestUser owner = AnalyticsReportsTest.register(api, "settler");
    String confirmed = application(owner, "UNKNOWN");
    String lost = application(owner, "UNKNOWN");

    Promise<JsonObject> heard = Promise.promise();
    Promise<Void> hello = Promise.promise();
    WebSocket ws = sockets.webSocket().textMessageHandler(text -> {
      JsonObject message = new JsonObject(text);
      if ("hello".equals(message.getString("type"))) {
        hello.tryComplete();
      } else if ("application".equals(message.getString("type")) && "settled".equals(message.getString("outcome"))) {
        heard.tryComplete(message);
      }
    }).connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port()).setURI("/v1/ws")
        .addHeader("Authorization", "Bearer " + owner.token())).await();
    hello.future().timeout(10, TimeUnit.SECONDS).await();

    HttpResponse<Buffer> settled = patch(confirmed, new JsonObject().put("settle", "submitted"), owner.token());
    assertThat(settled.statusCode()).as(settled.bodyAsString()).isEqualTo(200);
    assertThat(settled.bodyAsJsonObject().getString("status")).isEqualTo("SUBMITTED");
    JsonObject event = heard.future().timeout(10, TimeUnit.SECONDS).await();
    assertThat(event.getString("applicationId")).isEqualTo(confirmed);
    assertThat(event.getString("status")).isEqualTo("SUBMITTED");
    assertThat(event.getString("step")).isEqualTo("human");
    assertThat(event.getLong("eventId")).isEqualTo(count("SELECT max(id) FROM application_audit_log"
        + " WHERE application_id = ? AND outcome = 'settled'", confirmed));
    assertThat(text("SELECT t.state || ' ' || (a.submitted_at IS NOT NULL) FROM applications a"
        + " JOIN application_tasks t ON t.application_id = a.id WHERE a.id = ?", confirmed)).isEqualTo("SUBMITTED true");
    ws.close().await();

    assertThat(patch(confirmed, new JsonObject().put("settle", "failed"), owner.token()).statusCode())
        .as("only from UNKNOWN").isEqualTo(409);
    HttpResponse<Buffer> failed = patch(lost, new JsonObject().put("settle", "failed"), owner.token());
    assertThat(failed.bodyAsJsonObject().getString("status")).isEqualTo("FAILED");
    assertThat(text("SELECT t.state || ' ' || (a.submitted_at IS NULL) || ' ' || t.last_error FROM applications a"
        + " JOIN application_tasks t ON t.application_id = a.id WHERE a.id = ?", lost))
        .isEqualTo("FAILED true settled by the user: it did not go through");

    AnalyticsReportsTest.TestUser stranger = AnalyticsReportsTest.register(api, "other");
    String theirs = application(stranger, "UNKNOWN");
    assertThat(patch(theirs, new JsonObject().put("settle", "submitted"), owner.token()).statusCode()).isEqualTo(404);
    assertThat(text("SELECT status FROM applications WHERE id = ?", theirs)).isEqualTo("UNKNOWN");
  }

  @Test
  void theNotesAreInTheOwnersExportAndGoWithTheirAccount() throws Exception {
    AnalyticsReportsTest.TestUser owner = AnalyticsReportsTest.register(api, "leaver");
    String application = application(owner, "SUBMITTED");
    assertThat(patch(application, new JsonObject().put("outcome", "rejected").put("note", "Recruiter: Jane Roe"),
        owner.token()).statusCode()).isEqualTo(200);

    JsonObject export = api.get("/v1/me/export", owner.token()).bodyAsJsonObject();
    assertThat(export.getJsonArray("applicationOutcomes").getJsonObject(0).getString("note"))
        .isEqualTo("Recruiter: Jane Roe");

    HttpResponse<Buffer> deleted = api.request(HttpMethod.DELETE, "/v1/me").putHeader("Authorization",
        "Bearer " + owner.token()).sendJsonObject(new JsonObject().put("confirm", true)).await();
    assertThat(deleted.statusCode()).as(deleted.bodyAsString()).isIn(200, 204);
    // The outcome stays, anonymous, for the funnel; the words the user wrote do not.
    assertThat(text("SELECT outcome || ':' || (note IS NULL) FROM application_outcomes WHERE application_id = ?",
        application)).isEqualTo("rejected:true");
  }

  // ---------------------------------------------------------------- helpers

  private static HttpResponse<Buffer> patch(String application, JsonObject body, String token) {
    return api.request(HttpMethod.PATCH, "/v1/applications/" + application)
        .putHeader("Authorization", "Bearer " + token).sendJsonObject(body).await();
  }

  /**
   * An application of this user on a fresh job, in {@code status}: where the automation would have taken it, made
   * in the database (as the swipe path writes it) so the automation running here never picks it up.
   */
  private static String application(AnalyticsReportsTest.TestUser user, String status) throws Exception {
    try (Connection db = node.database().connect();
         PreparedStatement insert = db.prepareStatement("WITH j AS (INSERT INTO jobs (title, company, company_key,"
             + " apply_url) VALUES ('Platform Engineer', 'Acme', 'acme', 'https://boards.greenhouse.io/acme/jobs/9')"
             + " RETURNING id),"
             + " a AS (INSERT INTO applications (user_id, job_id, status, submitted_at) SELECT ?::uuid, j.id, ?,"
             + " CASE WHEN ? = 'SUBMITTED' THEN now() END FROM j RETURNING id),"
             + " t AS (INSERT INTO application_tasks (application_id, state, submit_started_at) SELECT a.id, ?, now()"
             + " FROM a) SELECT id FROM a")) {
      insert.setString(1, user.id());
      insert.setString(2, status);
      insert.setString(3, status);
      insert.setString(4, status);
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** Where the automation would have taken it. */
  private static void setStatus(String application, String status) throws Exception {
    try (Connection db = node.database().connect();
         PreparedStatement app = db.prepareStatement("UPDATE applications SET status = ?, submitted_at ="
             + " CASE WHEN ? = 'SUBMITTED' THEN now() END WHERE id = ?::uuid");
         PreparedStatement task = db.prepareStatement("UPDATE application_tasks SET state = ?,"
             + " submit_started_at = now() WHERE application_id = ?::uuid")) {
      app.setString(1, status);
      app.setString(2, status);
      app.setString(3, application);
      app.executeUpdate();
      task.setString(1, status);
      task.setString(2, application);
      task.executeUpdate();
    }
  }

  private static long count(String sql, String application) throws Exception {
    return Long.parseLong(text(sql, application));
  }

  private static String text(String sql, String application) throws Exception {
    try (Connection db = node.database().connect(); PreparedStatement s = db.prepareStatement(sql)) {
      s.setObject(1, UUID.fromString(application));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
