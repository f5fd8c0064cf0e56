package com.jobswipe.edge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.json.pointer.JsonPointer;
import io.vertx.json.schema.OutputUnit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A JSON Schema verdict turned into the field errors clients already read: {@code {"field", "message"}}, the field
 * written as a path ({@code workHistory[1].startDate}) and the message in plain words made from the failing keyword
 * and its value in the document ({@code must be at most 200 characters}), one error per field.
 *
 * <p>The validator reports the applicators too ({@code $ref}, {@code properties}, {@code items}: "a subschema had
 * errors"), and reports a declared property whose value failed as also failing {@code additionalProperties}; only
 * the errors that name what is wrong with a value are kept.
 */
final class ContractErrors {

  /** Keywords whose failure only says that a nested schema failed; the nested error says what. */
  private static final Set<String> APPLICATORS = Set.of("$ref", "properties", "patternProperties", "items",
      "prefixItems", "contains", "allOf", "dependentSchemas", "if", "then", "else", "unevaluatedItems",
      "propertyNames");
  private static final String UNKNOWN_FIELD = "additionalProperties";
  /** Keywords whose message names the expected form ("must be a month like 2021-03"): better than a length. */
  private static final Set<String> SAYS_MORE = Set.of("pattern", "format", "enum", "const");

  private ContractErrors() {
  }

  /** The field errors of a verdict on {@code instance}; empty when the instance is valid. */
  static JsonArray of(JsonObject document, OutputUnit verdict, Object instance) {
    return errors(failures(document, verdict), instance);
  }

  /** Only the unknown fields of a verdict: members no schema declares, whatever their value (null included). */
  static JsonArray unknownFields(JsonObject document, OutputUnit verdict, Object instance) {
    List<Failure> failures = failures(document, verdict);
    List<Failure> unknown = failures.stream()
        .filter(f -> f.keyword().equals(UNKNOWN_FIELD) && !failsOtherwise(f, failures)).toList();
    return errors(unknown, instance);
  }

  private static List<Failure> failures(JsonObject document, OutputUnit verdict) {
    List<Failure> failures = new ArrayList<>();
    if (Boolean.TRUE.equals(verdict.getValid()) || verdict.getErrors() == null) {
      return failures;
    }
    for (OutputUnit unit : verdict.getErrors()) {
      String keywordUri = unit.getAbsoluteKeywordLocation();
      if (keywordUri == null || !keywordUri.contains("#")) {
        continue;
      }
      String keywordPointer = keywordUri.substring(keywordUri.indexOf('#') + 1);
      int slash = keywordPointer.lastIndexOf('/');
      String keyword = unescape(keywordPointer.substring(slash + 1));
      if (APPLICATORS.contains(keyword)) {
        continue;
      }
      Object schema = JsonPointer.from(keywordPointer.substring(0, slash)).queryJson(document);
      failures.add(new Failure(pointer(unit.getInstanceLocation()), keyword,
          schema instanceof JsonObject object ? object : new JsonObject()));
    }
    return failures;
  }

  private static JsonArray errors(List<Failure> failures, Object instance) {
    // field -> message: one per field, the first unless a later one names the expected form.
    Map<String, String> errors = new LinkedHashMap<>();
    for (Failure failure : failures) {
      if (failure.keyword().equals(UNKNOWN_FIELD) && failsOtherwise(failure, failures)) {
        continue;
      }
      if (failure.keyword().equals("required")) {
        Object here = at(instance, failure.location());
        for (Object name : failure.schema().getJsonArray("required", new JsonArray())) {
          if (here instanceof JsonObject object && !object.containsKey(name.toString())) {
            List<String> location = new ArrayList<>(failure.location());
            location.add(name.toString());
            errors.putIfAbsent(field(instance, location), "is required");
          }
        }
        continue;
      }
      String field = field(instance, failure.location());
      if (!errors.containsKey(field) || SAYS_MORE.contains(failure.keyword())) {
        errors.put(field, message(failure.keyword(), failure.schema()));
      }
    }
    JsonArray out = new JsonArray();
    errors.forEach((field, message) -> out.add(new JsonObject().put("field", field).put("message", message)));
    return out;
  }

  private record Failure(List<String> location, String keyword, JsonObject schema) {
  }

  /**
   * Whether the value at this location (or inside it) also failed another keyword: then it is a declared property
   * with a bad value, which the validator also counts as not evaluated, not an unknown field.
   */
  private static boolean failsOtherwise(Failure unknown, List<Failure> failures) {
    for (Failure other : failures) {
      if (other != unknown && !other.keyword().equals(UNKNOWN_FIELD)
          && other.location().size() >= unknown.location().size()
          && other.location().subList(0, unknown.location().size()).equals(unknown.location())) {
        return true;
      }
    }
    return false;
  }

  /** What the keyword demands, in the words the clients show next to the field. */
  static String message(String keyword, JsonObject schema) {
    return switch (keyword) {
      case "additionalProperties", "unevaluatedProperties" -> "is not a known field";
      case "type" -> "must be " + typeName(schema.getValue("type"));
      case "minLength" -> schema.getInteger("minLength") == 1 ? "must not be empty"
          : "must be at least " + schema.getValue("minLength") + " characters";
      case "maxLength" -> "must be at most " + schema.getValue("maxLength") + " characters";
      case "pattern" -> schema.getString("x-invalid", "must match " + schema.getString("pattern"));
      case "format" -> formatMessage(schema.getString("format"));
      case "enum" -> "must be one of " + new TreeSet<>(schema.getJsonArray("enum").getList());
      case "const" -> "must be " + schema.getValue("const");
      case "minItems" -> "must have at least " + schema.getValue("minItems") + " item(s)";
      case "maxItems" -> "must have at most " + schema.getValue("maxItems") + " items";
      case "uniqueItems" -> "must not repeat an item";
      case "minimum", "maximum" -> range(schema);
      case "exclusiveMinimum" -> "must be greater than " + schema.getValue("exclusiveMinimum");
      case "exclusiveMaximum" -> "must be less than " + schema.getValue("exclusiveMaximum");
      case "multipleOf" -> "must be a multiple of " + schema.getValue("multipleOf");
      case "minProperties" -> "must have at least " + schema.getValue("minProperties") + " field(s)";
      case "maxProperties" -> "must have at most " + schema.getValue("maxProperties") + " fields";
      case "oneOf", "anyOf", "not" -> "does not have an allowed shape";
      default -> "is invalid (" + keyword + ")";
    };
  }

  private static String range(JsonObject schema) {
    Object min = schema.getValue("minimum");
    Object max = schema.getValue("maximum");
    if (min != null && max != null) {
      return "must be between " + min + " and " + max;
    }
    return min != null ? "must be at least " + min : "must be at most " + max;
  }

  private static String typeName(Object type) {
    if (type instanceof JsonArray types) {
      List<String> names = new ArrayList<>();
      types.forEach(t -> names.add(typeName(t)));
      return String.join(" or ", names);
    }
    return switch (String.valueOf(type)) {
      case "string" -> "a string";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      case "array" -> "an array";
      case "object" -> "an object";
      case "null" -> "null";
      default -> String.valueOf(type);
    };
  }

  private static String formatMessage(String format) {
    return switch (String.valueOf(format)) {
      case "uuid" -> "must be a UUID";
      case "date-time" -> "must be an ISO-8601 date-time such as 2027-06-30T00:00:00Z";
      case "date" -> "must be a date such as 2027-06-30";
      case "uri" -> "must be an absolute URI";
      case "email" -> "must be an email address";
      default -> "must be a valid " + format;
    };
  }

  /** {@code "#/workHistory/1/startDate"} as its unescaped segments. */
  private static List<String> pointer(String instanceLocation) {
    List<String> segments = new ArrayList<>();
    String pointer = instanceLocation == null ? "" : instanceLocation.startsWith("#")
        ? instanceLocation.substring(1) : instanceLocation;
    if (pointer.isEmpty()) {
      return segments;
    }
    for (String segment : pointer.substring(1).split("/", -1)) {
      segments.add(unescape(segment));
    }
    return segments;
  }

  private static String unescape(String segment) {
    return segment.replace("~1", "/").replace("~0", "~");
  }

  private static Object at(Object instance, List<String> location) {
    Object here = instance;
    for (String segment : location) {
      if (here instanceof JsonObject object) {
        here = object.getValue(segment);
      } else if (here instanceof JsonArray array && isIndex(segment, array)) {
        here = array.getValue(Integer.parseInt(segment));
      } else {
        return null;
      }
    }
    return here;
  }

  /** The path as clients name fields: {@code workHistory[1].startDate}; the whole body is {@code ""}. */
  private static String field(Object instance, List<String> location) {
    StringBuilder field = new StringBuilder();
    Object here = instance;
    for (String segment : location) {
      if (here instanceof JsonArray array && isIndex(segment, array)) {
        field.append('[').append(segment).append(']');
        here = array.getValue(Integer.parseInt(segment));
      } else {
        if (!field.isEmpty()) {
          field.append('.');
        }
        field.append(segment);
        here = here instanceof JsonObject object ? object.getValue(segment) : null;
      }
    }
    return field.toString();
  }

  private static boolean isIndex(String segment, JsonArray array) {
    if (segment.isEmpty() || segment.length() > 9 || !segment.chars().allMatch(Character::isDigit)) {
      return false;
    }
    return Integer.parseInt(segment) < array.size();
  }
}
