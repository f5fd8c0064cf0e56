package com.jobswipe.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The {@code audit_records} table: appends, pages newest first, and the retention sweep. */
final class AuditStore {

  /** Which records a page holds: each filter applies when present; {@code before} is the previous page's cursor. */
  record Filter(Optional<UUID> actor, Optional<String> target, Optional<String> action, long before, int limit) {
  }

  private static final String COLUMNS = "id, at, actor_kind, actor_id, action, target_kind, target_id, request_id,"
      + " detail";

  private final Pool pool;

  AuditStore(Pool pool) {
    this.pool = pool;
  }

  Future<Void> append(AuditRecord record) {
    return pool.preparedQuery("INSERT INTO audit_records (actor_kind, actor_id, action, target_kind, target_id,"
            + " request_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .execute(Tuple.of(record.actorKind(), record.actorId(), record.action(), record.targetKind(),
            record.targetId(), record.requestId(), record.detail()))
        .mapEmpty();
  }

  /** Up to {@code limit + 1} records, newest first: the extra one only says another page exists. */
  Future<List<JsonObject>> page(Filter filter) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM audit_records WHERE id < $1"
            + " AND ($2::uuid IS NULL OR actor_id = $2) AND ($3::text IS NULL OR target_id = $3)"
            + " AND ($4::text IS NULL OR action = $4) ORDER BY id DESC LIMIT $5")
        .execute(Tuple.of(filter.before(), filter.actor().orElse(null), filter.target().orElse(null),
            filter.action().orElse(null), filter.limit() + 1))
        .map(AuditStore::json);
  }

  /** The owner of the row {@code sql} (one of ours, never from a request) finds by id, if it exists. */
  Future<Optional<UUID>> owner(String sql, String id) {
    UUID key;
    try {
      key = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery(sql).execute(Tuple.of(key))
        .map(rows -> rows.size() == 0 ? Optional.<UUID>empty() : Optional.ofNullable(rows.iterator().next().getUUID(0)));
  }

  private static List<JsonObject> json(RowSet<Row> rows) {
    List<JsonObject> items = new ArrayList<>();
    for (Row row : rows) {
      items.add(new JsonObject()
          .put("id", Long.toString(row.getLong("id")))
          .put("at", row.getOffsetDateTime("at").toInstant().toString())
          .put("actor", new JsonObject().put("kind", row.getString("actor_kind"))
              .put("id", row.getUUID("actor_id").toString()))
          .put("action", row.getString("action"))
          .put("target", new JsonObject().put("kind", row.getString("target_kind"))
              .put("id", row.getString("target_id")))
          .put("requestId", row.getString("request_id"))
          .put("detail", row.getJsonObject("detail")));
    }
    return items;
  }
}
