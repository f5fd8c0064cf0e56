package com.jobswipe.automation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * The {@code domains} table as operators edit it: limits, an operator's pause, and a circuit reset. Workers read
 * it on every permit ({@link DomainPermits}), so a change holds cluster-wide from the next run.
 */
final class DomainAdmin {

  private static final String COLUMNS = "domain, ats_kind, max_concurrency, per_minute, per_hour, per_day,"
      + " min_interval_ms, circuit_state, consecutive_failures, paused_until, updated_at";

  private final Pool pool;

  DomainAdmin(Pool pool) {
    this.pool = pool;
  }

  Future<JsonArray> list() {
    return pool.query("SELECT " + COLUMNS + " FROM domains ORDER BY domain LIMIT 1000").execute().map(rows -> {
      JsonArray all = new JsonArray();
      rows.forEach(row -> all.add(json(row)));
      return all;
    });
  }

  /** {@code settings} was validated by the api role; a circuit set to closed also forgets past failures. */
  Future<JsonObject> put(JsonObject settings) {
    String circuit = settings.getString("circuitState", "closed");
    Tuple values = Tuple.tuple()
        .addString(settings.getString("domain").toLowerCase(java.util.Locale.ROOT))
        .addString(settings.getString("atsKind"))
        .addInteger(settings.getInteger("maxConcurrency", 5))
        .addInteger(settings.getInteger("perMinute", 10))
        .addInteger(settings.getInteger("perHour", 100))
        .addInteger(settings.getInteger("perDay", 500))
        .addInteger(settings.getInteger("minIntervalMs", 0))
        .addString(circuit)
        .addValue(Optional.ofNullable(settings.getString("pausedUntil")).map(OffsetDateTime::parse).orElse(null));
    return pool.preparedQuery("""
            INSERT INTO domains (domain, ats_kind, max_concurrency, per_minute, per_hour, per_day, min_interval_ms,
                                 circuit_state, paused_until, circuit_opened_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, CASE WHEN $8 = 'open' THEN now() END)
            ON CONFLICT (domain) DO UPDATE SET ats_kind = EXCLUDED.ats_kind,
              max_concurrency = EXCLUDED.max_concurrency, per_minute = EXCLUDED.per_minute,
              per_hour = EXCLUDED.per_hour, per_day = EXCLUDED.per_day, min_interval_ms = EXCLUDED.min_interval_ms,
              circuit_state = EXCLUDED.circuit_state, paused_until = EXCLUDED.paused_until,
              circuit_opened_at = CASE WHEN EXCLUDED.circuit_state = 'open'
                                       THEN COALESCE(domains.circuit_opened_at, now()) END,
              consecutive_failures = CASE WHEN EXCLUDED.circuit_state = 'closed' THEN 0
                                          ELSE domains.consecutive_failures END,
              updated_at = now()
            RETURNING\s""" + COLUMNS)
        .execute(values)
        .map(rows -> json(rows.iterator().next()));
  }

  private static JsonObject json(Row row) {
    return new JsonObject()
        .put("domain", row.getString("domain"))
        .put("atsKind", row.getString("ats_kind"))
        .put("maxConcurrency", row.getInteger("max_concurrency"))
        .put("perMinute", row.getInteger("per_minute"))
        .put("perHour", row.getInteger("per_hour"))
        .put("perDay", row.getInteger("per_day"))
        .put("minIntervalMs", row.getInteger("min_interval_ms"))
        .put("circuitState", row.getString("circuit_state"))
        .put("consecutiveFailures", row.getInteger("consecutive_failures"))
        .put("pausedUntil", Optional.ofNullable(row.getOffsetDateTime("paused_until")).map(Object::toString).orElse(null))
        .put("updatedAt", row.getOffsetDateTime("updated_at").toString());
  }
}
