package com.jobswipe.db;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.time.temporal.Temporal;
import java.util.UUID;

/** Rows as API JSON: snake_case columns become camelCase keys, timestamps ISO-8601 instants, ids strings. */
public final class RowJson {

  private RowJson() {
  }

  public static JsonObject of(Row row) {
    JsonObject json = new JsonObject();
    for (int i = 0; i < row.size(); i++) {
      json.put(camel(row.getColumnName(i)), value(row.getValue(i)));
    }
    return json;
  }

  public static Object value(Object value) {
    if (value instanceof OffsetDateTime time) {
      return time.toInstant().toString();
    }
    if (value instanceof Temporal || value instanceof UUID) {
      return value.toString();
    }
    return value;
  }

  public static String camel(String column) {
    StringBuilder out = new StringBuilder(column.length());
    boolean upper = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        upper = true;
      } else {
        out.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return out.toString();
  }
}
