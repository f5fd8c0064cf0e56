package com.jobswipe.edge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import static java.util.stream.Collectors.toSet;

/**
 * {@code openapi.yaml} as the judge of request bodies and parameters. The document is read once; every operation with a JSON
 * request body gets a JSON Schema 2020-12 validator (OpenAPI 3.1's dialect) over the document's own schemas, so
 * the contract the clients build against and the checks the server makes are one text and cannot drift.
 *
 * <p>A route asks for its body with {@link #body(RoutingContext)}: the operation is found from the route's method
 * and path, and anything the schema refuses is one {@code validation} problem listing every field error
 * ({@link ContractErrors}). Rules a schema cannot say (a password too weak, a date in the past) stay in code.
 *
 * <p>The same document judges path and query parameters: {@link #parameters(RoutingContext)} reads the operation's
 * declared ones through their schemas ({@link ContractParameters}), so a page size's bounds or an id's form are
 * written once, in the contract.
 */
public final class Contract {

  /** Where the document is on the classpath (and served from, as {@code /openapi.yaml}). */
  public static final String RESOURCE = "openapi.yaml";
  /** The document's id inside the schema repository; never fetched. */
  private static final String ID = "https://contract.jobswipe.invalid/openapi.yaml";
  private static final String JSON = "application/json";
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
  private static final Pattern VERTX_PARAM = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");

  private final JsonObject document;
  private final SchemaRepository repository;
  /** Keyed by {@code "POST /v1/profile/{id}"}: the operations that take a JSON body. */
  private final Map<String, BodyRule> bodies = new HashMap<>();
  /** Keyed the same way: the operations that declare path or query parameters. */
  private final Map<String, ContractParameters> parameters = new HashMap<>();
  /** Where a request keeps its judged parameters, so the routes that read several judge them once. */
  private static final String PARAMETERS = "jobswipe.contract.parameters";

  /** One operation's JSON body: its operationId, whether it may be left out, and its schema. */
  private record BodyRule(String operationId, boolean required, Validator validator) {
  }

  private Contract(JsonObject document) {
    this.document = document;
    this.repository = SchemaRepository.create(options());
    // The repository annotates what it is given in place: it gets a copy, the document stays as written.
    repository.dereference(ID, JsonSchema.of(document.copy()));
    JsonObject paths = document.getJsonObject("paths", new JsonObject());
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : item.fieldNames()) {
        if (!METHODS.contains(method)) {
          continue;
        }
        JsonObject operation = item.getJsonObject(method);
        ContractParameters declared = ContractParameters.of(document, item, operation, options());
        if (declared != ContractParameters.NONE) {
          parameters.put(key(method, path), declared);
        }
        JsonObject requestBody = operation.getJsonObject("requestBody");
        JsonObject schema = requestBody == null ? null
            : requestBody.getJsonObject("content", new JsonObject()).getJsonObject(JSON, new JsonObject())
                .getJsonObject("schema");
        if (schema != null) {
          bodies.put(key(method, path), new BodyRule(operation.getString("operationId"),
              requestBody.getBoolean("required", false), validator(schema)));
        }
      }
    }
  }

  /** The contract inside the jar, read on first use; warm it at start (it takes a few hundred milliseconds). */
  public static Contract get() {
    return Holder.INSTANCE;
  }

  private static final class Holder {
    private static final Contract INSTANCE = parse(readResource());
  }

  /** A contract from a document's text (YAML or JSON). */
  public static Contract parse(byte[] yaml) {
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> tree = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
      return new Contract(new JsonObject(tree));
    } catch (IOException e) {
      throw new UncheckedIOException("openapi.yaml is not readable YAML", e);
    }
  }

  private static byte[] readResource() {
    try (InputStream in = Contract.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The body of the request the current route serves, checked against its operation's schema. */
  public static JsonObject body(RoutingContext ctx) {
    return get().checkedBody(ctx);
  }

  /**
   * The path and query parameters of the request the current route serves, judged by its operation's declared
   * parameters (see {@link ContractParameters}); the first call judges, later ones read the same verdict.
   */
  public static Parameters parameters(RoutingContext ctx) {
    Parameters judged = ctx.get(PARAMETERS);
    if (judged == null) {
      judged = get().parameters(ctx.request().method().name(), operationPath(ctx), ctx.pathParams(),
          QueryParams.all(ctx));
      ctx.put(PARAMETERS, judged);
    }
    return judged;
  }

  /** The parameters of a request to {@code method path} (a path as the document writes it), judged. */
  Parameters parameters(String method, String path, Map<String, String> pathValues, Map<String, List<String>> query) {
    return parameters.getOrDefault(key(method, path), ContractParameters.NONE).check(pathValues, query);
  }

  /** The current route's path as the document writes it: {@code /v1/jobs/{id}} for {@code /v1/jobs/:id}. */
  private static String operationPath(RoutingContext ctx) {
    Route route = ctx.currentRoute();
    return VERTX_PARAM.matcher(route.getPath()).replaceAll("{$1}");
  }

  JsonObject checkedBody(RoutingContext ctx) {
    String key = key(ctx.request().method().name(), operationPath(ctx));
    BodyRule rule = bodies.get(key);
    if (rule == null) {
      throw new IllegalStateException("openapi.yaml documents no JSON body for " + key);
    }
    Buffer raw = ctx.body().buffer();
    boolean empty = raw == null || raw.length() == 0;
    if (empty && !rule.required()) {
      return new JsonObject();
    }
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(JSON)) {
      throw new Problem(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json");
    }
    if (empty) {
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
    return check(rule.validator(), body);
  }

  /**
   * Checks a value that did not come over HTTP (an imported profile) against one of the document's component
   * schemas, with the same problem when it fails.
   */
  public JsonObject check(String componentSchema, JsonObject value) {
    return check(validator(new JsonObject().put("$ref", "#/components/schemas/" + componentSchema)), value);
  }

  /** Whether a value (not a request body: nothing is dropped) is valid against one of the component schemas. */
  public boolean accepts(String componentSchema, Object value) {
    return Boolean.TRUE.equals(
        validator(new JsonObject().put("$ref", "#/components/schemas/" + componentSchema)).validate(value).getValid());
  }

  private JsonObject check(Validator validator, JsonObject body) {
    JsonObject present = withoutNulls(body);
    JsonArray errors = ContractErrors.of(document, validator.validate(present), present);
    if (!present.equals(body)) {
      // A null member is left out, but an unknown one is still unknown.
      Set<Object> listed = errors.stream().map(error -> ((JsonObject) error).getValue("field")).collect(toSet());
      ContractErrors.unknownFields(document, validator.validate(body), body).stream()
          .filter(error -> !listed.contains(((JsonObject) error).getValue("field"))).forEach(errors::add);
    }
    if (errors.isEmpty() && containsNul(present)) {
      // PostgreSQL's text cannot hold U+0000: refused here rather than failing the insert (the document says so
      // under "Request bodies").
      errors.add(new JsonObject().put("field", "").put("message", "a string contains the character U+0000"));
    }
    if (!errors.isEmpty()) {
      throw new Problem(ProblemType.VALIDATION, errors.size() + " field(s) are invalid",
          new JsonObject().put("errors", errors));
    }
    return present;
  }

  private static boolean containsNul(Object value) {
    if (value instanceof String text) {
      return text.indexOf('\u0000') >= 0;
    }
    if (value instanceof JsonObject object) {
      return object.fieldNames().stream().anyMatch(name -> containsNul(name) || containsNul(object.getValue(name)));
    }
    return value instanceof JsonArray array && array.stream().anyMatch(Contract::containsNul);
  }

  /**
   * A declared member whose value is {@code null} counts as left out, in every request body (the document says so
   * once, under "Request bodies"): a client that serialises absent fields as {@code null} is understood.
   */
  private static JsonObject withoutNulls(JsonObject object) {
    JsonObject copy = new JsonObject();
    object.forEach(member -> {
      if (member.getValue() != null) {
        copy.put(member.getKey(), withoutNulls(member.getValue()));
      }
    });
    return copy;
  }

  private static Object withoutNulls(Object value) {
    if (value instanceof JsonObject object) {
      return withoutNulls(object);
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(withoutNulls(item)));
      return copy;
    }
    return value;
  }

  /**
   * A validator for a {@code $ref} into the document. Request bodies name a component schema (the contract lint
   * holds them to it), so every error points at a named schema.
   */
  private Validator validator(JsonObject schema) {
    String ref = schema.getString("$ref");
    if (ref == null || !ref.startsWith("#/components/schemas/")) {
      throw new IllegalStateException("a JSON request body must $ref a component schema, not " + schema);
    }
    return repository.validator(JsonSchema.of(new JsonObject().put("$ref", ID + ref)), options());
  }

  private static JsonSchemaOptions options() {
    return new JsonSchemaOptions()
        .setDraft(Draft.DRAFT202012)
        .setBaseUri("https://contract.jobswipe.invalid/")
        .setOutputFormat(OutputFormat.Basic);
  }

  private static String key(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + path;
  }
}
