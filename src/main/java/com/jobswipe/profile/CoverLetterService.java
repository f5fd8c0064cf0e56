package com.jobswipe.profile;

import com.jobswipe.text.CoverLetterTemplate;

import com.jobswipe.auth.Access;
import com.jobswipe.auth.Principal;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Cover-letter templates: owner-only CRUD, placeholders checked at save time, rendering per job. */
public final class CoverLetterService {

  static final int MAX_TEMPLATES = 50;
  private static final String COLUMNS = "id, user_id, name, body, created_at, updated_at";

  private final Pool pool;
  private final ProfileService profiles;
  private final Clock clock;

  CoverLetterService(Pool pool, ProfileService profiles, Clock clock) {
    this.pool = pool;
    this.profiles = profiles;
    this.clock = clock;
  }

  public Future<JsonArray> list(UUID userId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM cover_letter_templates WHERE user_id = $1"
            + " ORDER BY updated_at DESC LIMIT " + MAX_TEMPLATES)
        .execute(Tuple.of(userId))
        .map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(toJson(row)));
          return items;
        });
  }

  public Future<JsonObject> create(UUID userId, String name, String body) {
    requireValid(body);
    return pool.preparedQuery("INSERT INTO cover_letter_templates (user_id, name, body)"
            + " SELECT $1, $2, $3 WHERE (SELECT count(*) FROM cover_letter_templates WHERE user_id = $1) < "
            + MAX_TEMPLATES + " RETURNING " + COLUMNS)
        .execute(Tuple.of(userId, name, body))
        .recover(CoverLetterService::duplicateName)
        .map(rows -> {
          if (rows.size() == 0) {
            throw new Problem(ProblemType.CONFLICT, "At most " + MAX_TEMPLATES + " templates per account");
          }
          return toJson(rows.iterator().next());
        });
  }

  public Future<JsonObject> get(Principal principal, UUID id) {
    return owned(principal, id).map(CoverLetterService::toJson);
  }

  public Future<JsonObject> update(Principal principal, UUID id, String name, String body) {
    requireValid(body);
    return owned(principal, id).compose(row -> pool.preparedQuery("UPDATE cover_letter_templates SET name = $2,"
                + " body = $3, updated_at = now() WHERE id = $1 RETURNING " + COLUMNS)
            .execute(Tuple.of(id, name, body))
            .recover(CoverLetterService::duplicateName))
        .map(rows -> toJson(rows.iterator().next()));
  }

  public Future<Void> delete(Principal principal, UUID id) {
    return owned(principal, id).compose(row -> pool.preparedQuery("DELETE FROM cover_letter_templates WHERE id = $1")
        .execute(Tuple.of(id))).mapEmpty();
  }

  /** The letter for a job, from the owner's profile; {@code html} escapes values for an HTML preview. */
  public Future<JsonObject> render(Principal principal, UUID id, JsonObject job, boolean html) {
    return owned(principal, id).compose(row -> profiles.get(row.getUUID("user_id")).map(profile -> {
      String text = CoverLetterTemplate.render(row.getString("body"), values(profile, job),
          html ? CoverLetterTemplate.Escaping.HTML : CoverLetterTemplate.Escaping.PLAIN);
      return new JsonObject().put("format", html ? "html" : "text").put("text", text);
    }));
  }

  private Map<String, String> values(JsonObject profile, JsonObject job) {
    return CoverLetterTemplate.values(job.getString("title"), job.getString("company"), job.getString("location"),
        profile.getString("fullName"), profile.getString("email"), profile.getString("phone"),
        profile.getString("headline"), profile.getJsonArray("skills", new JsonArray()).stream().map(String::valueOf)
            .toList(), LocalDate.now(clock));
  }


  private Future<Row> owned(Principal principal, UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM cover_letter_templates WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            throw new Problem(ProblemType.NOT_FOUND, "No such cover letter");
          }
          Row row = rows.iterator().next();
          Access.requireOwnerOrAdmin(principal, row.getUUID("user_id"), "cover letter");
          return row;
        });
  }

  private static void requireValid(String body) {
    List<CoverLetterTemplate.TemplateError> errors = CoverLetterTemplate.validate(body);
    if (!errors.isEmpty()) {
      JsonArray list = new JsonArray();
      errors.forEach(e -> list.add(new JsonObject().put("field", "body").put("message", e.message())
          .put("offset", e.offset())));
      throw new Problem(ProblemType.VALIDATION, "The template has errors", new JsonObject().put("errors", list));
    }
  }

  private static <T> Future<T> duplicateName(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(new Problem(ProblemType.CONFLICT, "A template with this name already exists"));
    }
    return Future.failedFuture(e);
  }

  private static JsonObject toJson(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("body", row.getString("body"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString());
  }
}
