package com.jobswipe.ingestion.sources;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Null- and type-tolerant reads of API payloads: a field that is missing, null, or of an unexpected type reads as
 * absent instead of throwing, because boards drift (ids become strings, objects become null).
 */
final class JsonFields {

  private JsonFields() {
  }

  static JsonObject decodeObject(byte[] body, String what) {
    Object root = decode(body, what);
    if (root instanceof JsonObject object) {
      return object;
    }
    throw new SourceFormatException(what + ": expected a JSON object at the root");
  }

  static JsonArray decodeArray(byte[] body, String what) {
    Object root = decode(body, what);
    if (root instanceof JsonArray array) {
      return array;
    }
    throw new SourceFormatException(what + ": expected a JSON array at the root");
  }

  private static Object decode(byte[] body, String what) {
    if (body == null || body.length == 0) {
      throw new SourceFormatException(what + ": empty body");
    }
    try {
      // JSON is UTF-8 by RFC 8259; the declared charset is not consulted.
      Object value = io.vertx.core.json.Json.decodeValue(Buffer.buffer(body));
      if (value == null) {
        throw new SourceFormatException(what + ": body is JSON null");
      }
      return value;
    } catch (DecodeException e) {
      throw new SourceFormatException(what + ": body is not valid JSON", e);
    }
  }

  /** A scalar as text, trimmed; empty when missing, null, blank, or an object/array. */
  static Optional<String> text(JsonObject object, String key) {
    Object value = object.getValue(key);
    if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
      String text = value.toString().trim();
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }
    return Optional.empty();
  }

  static JsonObject object(JsonObject object, String key) {
    return object.getValue(key) instanceof JsonObject child ? child : new JsonObject();
  }

  static JsonArray array(JsonObject object, String key) {
    return object.getValue(key) instanceof JsonArray child ? child : new JsonArray();
  }

  static List<JsonObject> objects(JsonArray array) {
    return array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
  }

  static List<String> texts(JsonArray array) {
    return array.stream()
        .filter(v -> v instanceof CharSequence)
        .map(Object::toString)
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  static Optional<Boolean> bool(JsonObject object, String key) {
    Object value = object.getValue(key);
    if (value instanceof Boolean b) {
      return Optional.of(b);
    }
    if (value instanceof CharSequence s) {
      String t = s.toString().trim();
      if (t.equalsIgnoreCase("true")) {
        return Optional.of(true);
      }
      if (t.equalsIgnoreCase("false")) {
        return Optional.of(false);
      }
    }
    return Optional.empty();
  }

  /** A number, or a string holding one (Greenhouse sends {@code "172800.0"}). */
  static Optional<BigDecimal> number(JsonObject object, String key) {
    Object value = object.getValue(key);
    try {
      if (value instanceof Number n) {
        return Optional.of(new BigDecimal(n.toString()));
      }
      if (value instanceof CharSequence s && !s.toString().isBlank()) {
        return Optional.of(new BigDecimal(s.toString().trim().replace(",", "")));
      }
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
