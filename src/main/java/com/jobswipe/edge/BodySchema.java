package com.jobswipe.edge;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A strict description of a JSON request body: the fields it may have, their types and bounds. Anything
 * else — an unknown field, a wrong type, a string too long, malformed JSON — is refused with one
 * field-level {@code validation} problem listing every error, so clients can fix a form in one round trip.
 */
public final class BodySchema {

  private static final String JSON = "application/json";

  private final Map<String, Field> fields = new LinkedHashMap<>();

  private BodySchema() {
  }

  public static BodySchema object() {
    return new BodySchema();
  }

  /** One field's rule: {@code null} when the value is fine, else what is wrong with it. */
  private interface Field {
    boolean required();

    /** Adds what is wrong with this (present) value, under {@code path}, to {@code errors}. */
    void collect(Object value, String path, List<JsonObject> errors);
  }

  /** A field judged as a whole: one problem or none. */
  private interface Scalar extends Field {
    /** The problem with the value, or null when it is fine. */
    String check(Object value);

    @Override
    default void collect(Object value, String path, List<JsonObject> errors) {
      String problem = check(value);
      if (problem != null) {
        errors.add(error(path, problem));
      }
    }
  }

  private record Text(boolean required, int min, int max, Pattern pattern, String patternHint) implements Scalar {
    @Override
    public String check(Object value) {
      if (!(value instanceof String s)) {
        return "must be a string";
      }
      int length = s.codePointCount(0, s.length());
      if (length < min) {
        return min == 1 ? "must not be empty" : "must be at least " + min + " characters";
      }
      if (length > max) {
        return "must be at most " + max + " characters";
      }
      return pattern != null && !pattern.matcher(s).matches() ? patternHint : null;
    }
  }

  /** An object, or a list of objects, validated by its own schema; errors carry the nested path. */
  private record Nested(boolean required, BodySchema schema, int maxItems, boolean list) implements Field {
    @Override
    public void collect(Object value, String path, List<JsonObject> errors) {
      if (!list) {
        if (value instanceof JsonObject object) {
          schema.collect(object, path + ".", errors);
        } else {
          errors.add(error(path, "must be an object"));
        }
        return;
      }
      if (!(value instanceof JsonArray array)) {
        errors.add(error(path, "must be an array of objects"));
        return;
      }
      if (array.size() > maxItems) {
        errors.add(error(path, "must have at most " + maxItems + " items"));
        return;
      }
      for (int i = 0; i < array.size(); i++) {
        if (array.getValue(i) instanceof JsonObject item) {
          schema.collect(item, path + "[" + i + "].", errors);
        } else {
          errors.add(error(path + "[" + i + "]", "must be an object"));
        }
      }
    }
  }

  private record Whole(boolean required, long min, long max) implements Scalar {
    @Override
    public String check(Object value) {
      if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
        return "must be a whole number";
      }
      return n.longValue() < min || n.longValue() > max ? "must be between " + min + " and " + max : null;
    }
  }

  private record Flag(boolean required) implements Scalar {
    @Override
    public String check(Object value) {
      return value instanceof Boolean ? null : "must be true or false";
    }
  }

  private record Choice(boolean required, Set<String> values) implements Scalar {
    @Override
    public String check(Object value) {
      return value instanceof String s && values.contains(s) ? null : "must be one of " + new TreeSet<>(values);
    }
  }

  private record TextList(boolean required, int maxItems, int maxLength, Pattern pattern) implements Scalar {
    @Override
    public String check(Object value) {
      if (!(value instanceof JsonArray array)) {
        return "must be an array of strings";
      }
      if (array.size() > maxItems) {
        return "must have at most " + maxItems + " items";
      }
      for (Object item : array) {
        if (!(item instanceof String s) || s.isEmpty() || s.length() > maxLength
            || (pattern != null && !pattern.matcher(s).matches())) {
          return "has an invalid item";
        }
      }
      return null;
    }
  }

  public BodySchema string(String name, boolean required, int min, int max) {
    fields.put(name, new Text(required, min, max, null, null));
    return this;
  }

  public BodySchema string(String name, boolean required, int min, int max, Pattern pattern, String hint) {
    fields.put(name, new Text(required, min, max, pattern, hint));
    return this;
  }

  public BodySchema object(String name, boolean required, BodySchema schema) {
    fields.put(name, new Nested(required, schema, 1, false));
    return this;
  }

  public BodySchema objectList(String name, boolean required, int maxItems, BodySchema item) {
    fields.put(name, new Nested(required, item, maxItems, true));
    return this;
  }

  public BodySchema integer(String name, boolean required, long min, long max) {
    fields.put(name, new Whole(required, min, max));
    return this;
  }

  public BodySchema bool(String name, boolean required) {
    fields.put(name, new Flag(required));
    return this;
  }

  public BodySchema oneOf(String name, boolean required, Set<String> values) {
    fields.put(name, new Choice(required, values));
    return this;
  }

  public BodySchema stringList(String name, boolean required, int maxItems, int maxLength, Pattern pattern) {
    fields.put(name, new TextList(required, maxItems, maxLength, pattern));
    return this;
  }

  /** The validated body, or a {@link Problem} (415, 400 or validation 400) thrown for the failure handler. */
  public JsonObject validate(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith(JSON)) {
      throw new Problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
    }
    Buffer raw = ctx.body().buffer();
    if (raw == null || raw.length() == 0) {
      throw new Problem(ProblemType.BAD_REQUEST, "The request body is empty");
    }
    Object parsed;
    try {
      // Jackson refuses invalid UTF-8 and nesting deeper than its limit here, as decode errors.
      parsed = Json.decodeValue(raw);
    } catch (DecodeException | IllegalArgumentException e) {
      throw new Problem(ProblemType.BAD_REQUEST, "The body is not valid JSON");
    }
    if (!(parsed instanceof JsonObject body)) {
      throw new Problem(ProblemType.BAD_REQUEST, "The body must be a JSON object");
    }
    return validate(body);
  }

  /** Validates an already-parsed object (also used for nested objects and bus payloads). */
  public JsonObject validate(JsonObject body) {
    List<JsonObject> errors = new ArrayList<>();
    collect(body, "", errors);
    if (!errors.isEmpty()) {
      throw new Problem(ProblemType.VALIDATION, errors.size() + " field(s) are invalid",
          new JsonObject().put("errors", new JsonArray(errors)));
    }
    return body;
  }

  /** Appends this object's errors, with field names prefixed by {@code path} ({@code workHistory[2].title}). */
  private void collect(JsonObject body, String path, List<JsonObject> errors) {
    for (String name : body.fieldNames()) {
      if (!fields.containsKey(name)) {
        errors.add(error(path + name, "is not a known field"));
      }
    }
    fields.forEach((name, field) -> {
      Object value = body.getValue(name);
      if (value == null) {
        if (field.required()) {
          errors.add(error(path + name, "is required"));
        }
        return;
      }
      field.collect(value, path + name, errors);
    });
  }

  private static JsonObject error(String field, String message) {
    return new JsonObject().put("field", field).put("message", message);
  }
}
