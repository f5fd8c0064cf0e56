package com.jobswipe.applications;

import com.jobswipe.edge.PageCursor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The api role's reads of applications: lists, one application with its trail, screenshots, and the event
 * history a reconnecting WebSocket replays. The automation role writes them, except the QUEUED application a
 * right swipe inserts with the swipe (SwipeStore; see docs/architecture.md).
 */
final class ApplicationStore {

  private static final String SUMMARY = "a.id, a.job_id, a.status, a.dry_run, a.created_at, a.updated_at,"
      + " a.submitted_at, j.title AS job_title, j.company AS job_company, j.apply_url AS job_apply_url";

  /** A sealed screenshot. */
  record Screenshot(UUID id, String contentType, byte[] sealed) {
  }

  private final Pool pool;

  ApplicationStore(Pool pool) {
    this.pool = pool;
  }

  /** The user's applications, newest first, after {@code after}. */
  Future<List<Row>> list(UUID userId, Optional<PageCursor> after, int limit) {
    OffsetDateTime at = after.map(PageCursor::at).orElse(null);
    UUID id = after.map(PageCursor::id).orElse(null);
    return pool.preparedQuery("SELECT " + SUMMARY + " FROM applications a JOIN jobs j ON j.id = a.job_id"
            + " WHERE a.user_id = $1 AND ($2::timestamptz IS NULL OR (a.created_at, a.id) < ($2, $3))"
            + " ORDER BY a.created_at DESC, a.id DESC LIMIT $4")
        .execute(Tuple.of(userId, at, id, limit))
        .map(rows -> {
          List<Row> out = new ArrayList<>();
          rows.forEach(out::add);
          return out;
        });
  }

  /** One application of this user with its task's state, its trail and how many screenshots it has. */
  Future<Optional<JsonObject>> get(UUID userId, UUID applicationId) {
    return pool.preparedQuery("SELECT " + SUMMARY + ", t.id AS task_id, t.step, t.pending_questions, t.last_error,"
            + " t.attempt, (SELECT count(*) FROM application_screenshots s WHERE s.application_id = a.id) AS screenshots"
            + " FROM applications a JOIN jobs j ON j.id = a.job_id"
            + " LEFT JOIN application_tasks t ON t.application_id = a.id WHERE a.id = $1 AND a.user_id = $2")
        .execute(Tuple.of(applicationId, userId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.empty());
          }
          JsonObject application = summary(rows.iterator().next());
          Row row = rows.iterator().next();
          application.put("step", row.getString("step"))
              .put("attempt", row.getInteger("attempt"))
              .put("lastError", row.getString("last_error"))
              .put("pendingQuestions", Optional.ofNullable(row.getValue("pending_questions"))
                  .orElse(new JsonArray()))
              .put("screenshots", row.getLong("screenshots"));
          return steps(applicationId).map(steps -> Optional.of(application.put("steps", steps)));
        });
  }

  private Future<JsonArray> steps(UUID applicationId) {
    return pool.preparedQuery("SELECT id, step, outcome, started_at, duration_ms, fields, screenshot_ref, detail"
            + " FROM application_audit_log WHERE application_id = $1 ORDER BY id LIMIT 1000")
        .execute(Tuple.of(applicationId))
        .map(rows -> {
          JsonArray steps = new JsonArray();
          rows.forEach(r -> steps.add(new JsonObject()
              .put("eventId", r.getLong("id"))
              .put("step", r.getString("step"))
              .put("outcome", r.getString("outcome"))
              .put("at", r.getOffsetDateTime("started_at").toInstant().toString())
              .put("durationMs", r.getInteger("duration_ms"))
              .put("fields", new JsonArray(List.of(r.getArrayOfStrings("fields"))))
              .put("screenshot", r.getString("screenshot_ref"))
              .put("detail", r.getJsonObject("detail"))));
          return steps;
        });
  }

  /** The task id of this user's application: the context its sealed answers are bound to. */
  Future<Optional<UUID>> taskOf(UUID userId, UUID applicationId) {
    return pool.preparedQuery("SELECT t.id FROM applications a JOIN application_tasks t ON t.application_id = a.id"
            + " WHERE a.id = $1 AND a.user_id = $2")
        .execute(Tuple.of(applicationId, userId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  /** Screenshot {@code seq} of this user's application. */
  Future<Optional<Screenshot>> screenshot(UUID userId, UUID applicationId, int seq) {
    return pool.preparedQuery("SELECT s.id, s.content_type, s.data_enc FROM application_screenshots s"
            + " JOIN applications a ON a.id = s.application_id WHERE a.id = $1 AND a.user_id = $2 AND s.seq = $3")
        .execute(Tuple.of(applicationId, userId, seq))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Screenshot(r.getUUID("id"), r.getString("content_type"),
              r.getBuffer("data_enc").getBytes()));
        });
  }

  /** The user's application events after {@code afterId}, oldest first: what a reconnecting socket missed. */
  Future<List<Row>> eventsAfter(UUID userId, long afterId, int limit) {
    return pool.preparedQuery("SELECT l.id, l.application_id, l.step, l.outcome, l.started_at, l.detail, a.status"
            + " FROM application_audit_log l JOIN applications a ON a.id = l.application_id"
            + " WHERE a.user_id = $1 AND l.id > $2 ORDER BY l.id LIMIT $3")
        .execute(Tuple.of(userId, afterId, limit))
        .map(rows -> {
          List<Row> out = new ArrayList<>();
          rows.forEach(out::add);
          return out;
        });
  }

  /** Notifications a reconnecting socket missed: those after {@code afterSeq}, oldest first. */
  Future<List<Row>> notificationsAfter(UUID userId, long afterSeq, int limit) {
    return pool.preparedQuery("SELECT id, seq, kind, priority, title, body, data, created_at FROM notifications"
            + " WHERE user_id = $1 AND seq > $2 ORDER BY seq LIMIT $3")
        .execute(Tuple.of(userId, afterSeq, limit))
        .map(rows -> {
          List<Row> out = new ArrayList<>();
          rows.forEach(out::add);
          return out;
        });
  }

  static JsonObject summary(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("jobId", row.getUUID("job_id").toString())
        .put("status", row.getString("status"))
        .put("dryRun", row.getBoolean("dry_run"))
        .put("job", new JsonObject().put("title", row.getString("job_title")).put("company", row.getString("job_company"))
            .put("applyUrl", row.getString("job_apply_url")))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString())
        .put("submittedAt", Optional.ofNullable(row.getOffsetDateTime("submitted_at"))
            .map(t -> t.toInstant().toString()).orElse(null));
  }
}
