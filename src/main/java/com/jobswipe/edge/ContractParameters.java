package com.jobswipe.edge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.Validator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One operation's declared path and query parameters, judged by their schemas in {@code openapi.yaml}. A query
 * string is text: each value is first read as its schema's type ({@code limit=10} as the number 10, {@code 10.0} or
 * {@code ten} left as text, which the schema then refuses as not a whole number).
 *
 * <p>Parameters the operation does not declare are left alone, as they always were: clients may send extras. A
 * declared one given twice is ambiguous, so refused. A path that names nothing is a 404 exactly like an id that
 * does not exist, when the operation documents 404; otherwise the path parameter is refused by name like a query
 * parameter.
 */
final class ContractParameters {

  /** Whole numbers that fit a {@code long}; longer digit strings stay text and fail as not a whole number. */
  private static final Pattern WHOLE = Pattern.compile("-?[0-9]{1,18}");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,18}(\\.[0-9]{1,18})?([eE][-+]?[0-9]{1,3})?");
  static final ContractParameters NONE = new ContractParameters(List.of(), false);

  private final List<Rule> rules;
  private final boolean pathNamesAResource;

  /** One declared parameter: where it is, whether it must be there, and its schema with its validator. */
  private record Rule(String name, boolean inPath, boolean required, JsonObject schema, Validator validator) {
  }

  private ContractParameters(List<Rule> rules, boolean pathNamesAResource) {
    this.rules = rules;
    this.pathNamesAResource = pathNamesAResource;
  }

  /**
   * The rules of an operation: the parameters of its path item and its own (the operation's win by name and
   * place), {@code $ref}s resolved in {@code document}.
   */
  static ContractParameters of(JsonObject document, JsonObject pathItem, JsonObject operation,
                               JsonSchemaOptions options) {
    Map<String, JsonObject> declared = new LinkedHashMap<>();
    for (JsonArray list : List.of(pathItem.getJsonArray("parameters", new JsonArray()),
        operation.getJsonArray("parameters", new JsonArray()))) {
      for (Object item : list) {
        JsonObject parameter = resolve(document, (JsonObject) item);
        declared.put(parameter.getString("in") + " " + parameter.getString("name"), parameter);
      }
    }
    List<Rule> rules = new ArrayList<>();
    for (JsonObject parameter : declared.values()) {
      String in = parameter.getString("in");
      if (!in.equals("path") && !in.equals("query")) {
        continue;
      }
      JsonObject schema = parameter.getJsonObject("schema", new JsonObject());
      if ("array".equals(schema.getValue("type")) || "object".equals(schema.getValue("type"))) {
        // Nothing declares one yet; how it is spelled (form, explode) would have to be decided first.
        throw new IllegalStateException("parameter " + parameter.getString("name") + ": only scalar schemas are read");
      }
      rules.add(new Rule(parameter.getString("name"), in.equals("path"), parameter.getBoolean("required", false),
          schema, Validator.create(JsonSchema.of(schema.copy()), options)));
    }
    boolean documents404 = operation.getJsonObject("responses", new JsonObject()).containsKey("404");
    return rules.isEmpty() ? NONE : new ContractParameters(List.copyOf(rules), documents404);
  }

  private static JsonObject resolve(JsonObject document, JsonObject parameter) {
    String ref = parameter.getString("$ref");
    if (ref == null) {
      return parameter;
    }
    if (!ref.startsWith("#/components/parameters/")) {
      throw new IllegalStateException("a parameter must $ref a component parameter, not " + ref);
    }
    JsonObject component = document.getJsonObject("components").getJsonObject("parameters")
        .getJsonObject(ref.substring("#/components/parameters/".length()));
    if (component == null) {
      throw new IllegalStateException("no parameter " + ref);
    }
    return component;
  }

  /**
   * The declared parameters of one request, read as their types, with the schemas' defaults for those left out.
   *
   * @throws Problem {@code not-found} for a path that names nothing, {@code validation} naming every refused one
   */
  Parameters check(Map<String, String> path, Map<String, List<String>> query) {
    Map<String, Object> values = new HashMap<>();
    Map<Rule, String> errors = new LinkedHashMap<>();
    for (Rule rule : rules) {
      List<String> given = rule.inPath()
          ? (path.get(rule.name()) == null ? List.of() : List.of(path.get(rule.name())))
          : query.getOrDefault(rule.name(), List.of());
      String error = judge(rule, given, values);
      if (error != null) {
        errors.put(rule, error);
      }
    }
    if (pathNamesAResource && errors.keySet().stream().anyMatch(Rule::inPath)) {
      throw new Problem(ProblemType.NOT_FOUND, "No such resource");
    }
    if (!errors.isEmpty()) {
      throw refused(errors);
    }
    return new Parameters(values);
  }

  /** What is wrong with one parameter, or {@code null} with its value put in {@code values}. */
  private static String judge(Rule rule, List<String> given, Map<String, Object> values) {
    if (given.size() > 1) {
      return "must be given once";
    }
    if (given.isEmpty()) {
      if (rule.required()) {
        return "is required";
      }
      if (rule.schema().containsKey("default")) {
        values.put(rule.name(), rule.schema().getValue("default"));
      }
      return null;
    }
    Object value = typed(given.get(0), rule.schema());
    JsonArray errors = ContractErrors.of(rule.schema(), rule.validator().validate(value), value);
    if (!errors.isEmpty()) {
      return errors.getJsonObject(0).getString("message");
    }
    values.put(rule.name(), value);
    return null;
  }

  /** The text as the schema's type when it reads as one; otherwise the text, for the schema to refuse. */
  static Object typed(String text, JsonObject schema) {
    return switch (String.valueOf(schema.getValue("type"))) {
      case "integer" -> WHOLE.matcher(text).matches() ? (Object) Long.parseLong(text) : text;
      case "number" -> NUMBER.matcher(text).matches() ? (Object) Double.parseDouble(text) : text;
      case "boolean" -> text.equals("true") || text.equals("false") ? (Object) Boolean.parseBoolean(text) : text;
      default -> text;
    };
  }

  private static Problem refused(Map<Rule, String> errors) {
    JsonArray list = new JsonArray();
    errors.forEach((rule, message) -> list.add(new JsonObject().put("field", rule.name()).put("message", message)));
    Map.Entry<Rule, String> first = errors.entrySet().iterator().next();
    String detail = errors.size() == 1
        ? "The " + (first.getKey().inPath() ? "path" : "query") + " parameter '" + first.getKey().name() + "' "
            + first.getValue()
        : errors.size() + " parameters are invalid";
    return new Problem(ProblemType.VALIDATION, detail, new JsonObject().put("errors", list));
  }
}
