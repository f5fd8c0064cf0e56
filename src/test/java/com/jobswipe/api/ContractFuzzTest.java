package com.jobswipe.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.jobswipe.testing.Admins;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input at scale: every JSON request body and every query parameter in {@code openapi.yaml}, sent to one real
 * node as random and boundary values from the schemas, wrong types, deep nesting, huge strings, invalid UTF-8 and
 * lone surrogates. Every answer must be a 2xx or a 4xx the operation documents (or one the edge gives every route,
 * which the document's introduction lists), never a 5xx, and the node must still be ready at the end.
 *
 * <p>The seed is fixed so a failure replays; the number of tries is {@code jqwik.tries.default} (600 per property
 * in {@code junit-platform.properties}; {@code -Djqwik.tries.default=20000} tries harder). The count of cases tried
 * is printed.
 */
class ContractFuzzTest {

  private static final Path DOCUMENT = Path.of("src/main/resources/openapi.yaml");
  /** Statuses the edge gives any route (body limit, URI and header limits, media type, quotas, methods). */
  private static final Set<Integer> EDGE_WIDE = Set.of(400, 401, 403, 404, 405, 413, 414, 415, 429, 431);
  private static final String PASSWORD = "fuzzing tangerine orbit 4417";

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static JsonObject document;
  private static String admin;
  private static String user;
  private static final AtomicInteger cases = new AtomicInteger();
  private static final AtomicInteger accounts = new AtomicInteger();
  private static final Map<Integer, Integer> statuses = new java.util.concurrent.ConcurrentSkipListMap<>();

  /** One operation of the document: its method, path template and definition. */
  record Operation(String method, String path, JsonObject definition) {
    @Override
    public String toString() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }
  }

  @BeforeContainer
  @SuppressWarnings("unchecked")
  static void start() throws IOException {
    document = new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(Files.readAllBytes(DOCUMENT), Map.class));
    vertx = Vertx.vertx();
    node = RunningNode.start(java.util.EnumSet.allOf(com.jobswipe.bus.Role.class),
        Map.of("JOBSWIPE_ADMIN_EMAILS", "fuzz-admin@example.com"));
    api = new Api(vertx, node.port());
    admin = Admins.admin(api, node.database(), "fuzz-admin@example.com", PASSWORD);
    user = newUser();
  }

  @AfterContainer
  static void stop() {
    try {
      assertThat(api.get("/health/ready", null).statusCode()).as("the node is still ready").isEqualTo(200);
      System.out.println("ContractFuzzTest: " + cases.get() + " cases tried, no 5xx; answers by status " + statuses);
    } finally {
      node.close();
      vertx.close().await();
    }
  }

  @Property(seed = "20261203")
  void everyBodyGetsA2xxOrADocumented4xx(@ForAll("bodies") Case input) {
    answer(input);
  }

  @Property(seed = "20261203")
  void everyQueryParameterGetsA2xxOrADocumented4xx(@ForAll("queries") Case input) {
    answer(input);
  }

  // ---------------------------------------------------------------- cases

  /** One request: an operation, a query string and a raw body with its content type. */
  record Case(Operation operation, String query, Buffer body, String contentType, String label) {
    @Override
    public String toString() {
      String shown = body == null ? "" : body.length() > 300 ? body.getString(0, 300) + "…(" + body.length() + " bytes)"
          : body.toString();
      return operation + query + " [" + label + "] " + shown;
    }
  }

  @Provide
  Arbitrary<Case> bodies() {
    List<Operation> withBodies = operations().stream()
        .filter(op -> op.definition().getJsonObject("requestBody") != null
            && op.definition().getJsonObject("requestBody").getJsonObject("content").containsKey("application/json"))
        .toList();
    return Arbitraries.of(withBodies).flatMap(op -> Arbitraries.longs().map(seed -> bodyCase(op, new Random(seed))));
  }

  @Provide
  Arbitrary<Case> queries() {
    List<Operation> withQueries = operations().stream()
        .filter(op -> parameters(op).stream().anyMatch(p -> "query".equals(p.getString("in"))))
        .toList();
    return Arbitraries.of(withQueries).flatMap(op -> Arbitraries.longs().map(seed -> queryCase(op, new Random(seed))));
  }

  private static Case bodyCase(Operation op, Random random) {
    JsonObject schema = resolve(op.definition().getJsonObject("requestBody").getJsonObject("content")
        .getJsonObject("application/json").getJsonObject("schema"));
    String json = "application/json";
    return switch (random.nextInt(10)) {
      case 0 -> new Case(op, "", Buffer.buffer(wrongType(schema, random).encode()), json, "wrong type");
      case 1 -> new Case(op, "", Buffer.buffer(deep(random.nextInt(200_000) + 1_000)), json, "deep nesting");
      case 2 -> new Case(op, "", Buffer.buffer(huge(schema, random).encode()), json, "huge string");
      case 3 -> new Case(op, "", invalidUtf8(schema, random), json, "invalid UTF-8");
      case 4 -> new Case(op, "", Buffer.buffer(loneSurrogate(schema, random)), json, "lone surrogate");
      case 5 -> new Case(op, "", Buffer.buffer(List.of("", "[]", "42", "\"x\"", "null", "{", "{\"a\":}", "{}}")
          .get(random.nextInt(8))), random.nextBoolean() ? json : "text/plain", "not an object");
      default -> new Case(op, "", Buffer.buffer(String.valueOf(value(schema, random, 0))), json, "from the schema");
    };
  }

  private static Case queryCase(Operation op, Random random) {
    StringBuilder query = new StringBuilder();
    for (JsonObject parameter : parameters(op)) {
      if (!"query".equals(parameter.getString("in")) || random.nextInt(4) == 0) {
        continue;
      }
      String text;
      if (random.nextInt(8) == 0) {
        text = List.of("%zz", "%", "%00", "%C3%28", "%ED%A0%80", "a%20b").get(random.nextInt(6));
      } else {
        Object v = random.nextInt(5) == 0 ? wrongValue(random)
            : value(parameter.getJsonObject("schema", new JsonObject()), random, 0);
        text = URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8);
      }
      query.append(query.isEmpty() ? "?" : "&").append(parameter.getString("name")).append('=').append(text);
      if (random.nextInt(10) == 0) {
        query.append('&').append(parameter.getString("name")).append("=again");
      }
    }
    return new Case(op, query.toString(), null, null, "query");
  }

  // ---------------------------------------------------------------- the request and the verdict

  private static void answer(Case input) {
    Operation op = input.operation();
    String path = op.path().replace("{provider}", "google").replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    boolean adminRoute = op.path().startsWith("/v1/admin");
    HttpResponse<Buffer> response = send(input, path, adminRoute ? admin : user);
    if (!adminRoute && response.statusCode() == 401) {
      // A case ended the session (signed out, deleted the account, changed the password): carry on as someone new.
      user = newUser();
    }
    cases.incrementAndGet();
    int status = response.statusCode();
    statuses.merge(status, 1, Integer::sum);
    assertThat(status).as(input + " answered " + status + " " + response.bodyAsString()).isLessThan(500);
    if (status >= 400) {
      assertThat(documented(op, status)).as(input + " answered an undocumented " + status + " "
          + response.bodyAsString()).isTrue();
    }
  }

  private static HttpResponse<Buffer> send(Case input, String path, String bearer) {
    HttpRequest<Buffer> request = api.request(HttpMethod.valueOf(input.operation().method().toUpperCase(Locale.ROOT)),
        path + input.query()).putHeader("Authorization", "Bearer " + bearer);
    if (input.body() == null) {
      return request.send().await();
    }
    return request.putHeader("Content-Type", input.contentType()).sendBuffer(input.body()).await();
  }

  private static boolean documented(Operation op, int status) {
    JsonObject responses = op.definition().getJsonObject("responses", new JsonObject());
    return EDGE_WIDE.contains(status) || responses.containsKey(Integer.toString(status))
        || responses.containsKey(status / 100 + "XX") || responses.containsKey("default");
  }

  private static String newUser() {
    String email = "fuzz-" + accounts.incrementAndGet() + "-" + UUID.randomUUID() + "@example.com";
    return api.post("/v1/auth/register", new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject().getString("accessToken");
  }

  // ---------------------------------------------------------------- values from the schemas

  /** A value shaped by the schema: mostly fitting, often at or just past a bound. */
  private static Object value(JsonObject schema, Random random, int depth) {
    schema = resolve(schema);
    if (schema.containsKey("const")) {
      return random.nextInt(4) == 0 ? wrongValue(random) : schema.getValue("const");
    }
    if (schema.containsKey("enum")) {
      JsonArray choices = schema.getJsonArray("enum");
      return random.nextInt(6) == 0 ? "not-" + choices.getValue(0) : choices.getValue(random.nextInt(choices.size()));
    }
    Object type = schema.getValue("type");
    if (type instanceof JsonArray types) {
      type = types.getValue(random.nextInt(types.size()));
    }
    if (type == null && schema.containsKey("properties")) {
      type = "object";
    }
    return switch (String.valueOf(type)) {
      case "object" -> object(schema, random, depth);
      case "array" -> {
        JsonArray array = new JsonArray();
        int max = schema.getInteger("maxItems", 5);
        int size = boundary(random, schema.getInteger("minItems", 0), Math.min(max, 60));
        for (int i = 0; i < size; i++) {
          array.add(value(schema.getJsonObject("items", new JsonObject()), random, depth + 1));
        }
        yield array;
      }
      case "integer", "number" -> number(schema, random);
      case "boolean" -> random.nextBoolean();
      case "null" -> null;
      default -> string(schema, random);
    };
  }

  private static JsonObject object(JsonObject schema, Random random, int depth) {
    JsonObject object = new JsonObject();
    JsonArray required = schema.getJsonArray("required", new JsonArray());
    JsonObject properties = schema.getJsonObject("properties", new JsonObject());
    for (String name : properties.fieldNames()) {
      boolean include = required.contains(name) ? random.nextInt(12) != 0 : random.nextInt(3) != 0;
      if (include && depth < 6) {
        object.put(name, value(properties.getJsonObject(name), random, depth + 1));
      }
    }
    if (random.nextInt(12) == 0) {
      object.put("unknown" + random.nextInt(3), wrongValue(random));
    }
    return object;
  }

  private static Object number(JsonObject schema, Random random) {
    long min = schema.getLong("minimum", -1_000L);
    long max = schema.getLong("maximum", min + 1_000_000L);
    return switch (random.nextInt(8)) {
      case 0 -> min - 1;
      case 1 -> max + 1;
      case 2 -> List.of(1.5, -0.0, 1e300, -1e300, 9_223_372_036_854_775_807L, Long.MIN_VALUE).get(random.nextInt(6));
      case 3 -> new java.math.BigInteger("99999999999999999999999999");
      default -> min + (long) (random.nextDouble() * (max - min));
    };
  }

  private static String string(JsonObject schema, Random random) {
    if (schema.containsKey("examples") && random.nextInt(3) == 0) {
      return String.valueOf(schema.getJsonArray("examples").getValue(0));
    }
    String format = schema.getString("format", "");
    if (random.nextBoolean()) {
      switch (format) {
        case "uuid" -> {
          return UUID.randomUUID().toString();
        }
        case "date-time" -> {
          return List.of("2030-01-01T00:00:00Z", "2000-01-01T00:00:00Z", "2030-01-01t00:00:00z",
              "2030-02-30T00:00:00Z", "2030-01-01T00:00:00+14:00", "2030-01-01T24:00:00Z").get(random.nextInt(6));
        }
        case "uri" -> {
          return List.of("https://example.com/feed", "http://127.0.0.1:1/x", "ftp://x", "https://[::1]/",
              "https://exa mple.com").get(random.nextInt(5));
        }
        default -> {
        }
      }
    }
    int length = boundary(random, schema.getInteger("minLength", 0), Math.min(schema.getInteger("maxLength", 64), 5000));
    StringBuilder text = new StringBuilder();
    String alphabet = List.of("abcXYZ019", "-_.:@/ +()", "éß漢字", "\uD83D\uDE00", "\u0000\u0007\n\t\u202E",
        "{{}}\\'\"<>&%").get(random.nextInt(6));
    while (text.codePointCount(0, text.length()) < length) {
      int at = random.nextInt(alphabet.codePointCount(0, alphabet.length()));
      text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, at)));
    }
    return text.toString();
  }

  /** A size at a bound, just past one, or between. */
  private static int boundary(Random random, int min, int max) {
    return switch (random.nextInt(5)) {
      case 0 -> Math.max(0, min - 1);
      case 1 -> min;
      case 2 -> max;
      case 3 -> max + 1;
      default -> min + random.nextInt(Math.max(1, max - min + 1));
    };
  }

  private static Object wrongValue(Random random) {
    return List.<Object>of(42, -1, true, "x", new JsonArray().add(1), new JsonObject().put("a", 1), 1.5, "")
        .get(random.nextInt(8));
  }

  private static JsonObject wrongType(JsonObject schema, Random random) {
    JsonObject body = object(schema, random, 0);
    List<String> names = new ArrayList<>(schema.getJsonObject("properties", new JsonObject()).fieldNames());
    if (!names.isEmpty()) {
      body.put(names.get(random.nextInt(names.size())), wrongValue(random));
    }
    return body;
  }

  private static JsonObject huge(JsonObject schema, Random random) {
    JsonObject body = object(schema, random, 0);
    List<String> names = new ArrayList<>(schema.getJsonObject("properties", new JsonObject()).fieldNames());
    String name = names.isEmpty() ? "huge" : names.get(random.nextInt(names.size()));
    body.put(name, "a@b.".repeat(random.nextInt(300_000) + 1_000));
    return body;
  }

  private static String deep(int depth) {
    return "{\"a\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
  }

  private static Buffer invalidUtf8(JsonObject schema, Random random) {
    List<String> names = new ArrayList<>(schema.getJsonObject("properties", new JsonObject()).fieldNames());
    String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
    return Buffer.buffer("{\"" + name + "\":\"a").appendBytes(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF,
        (byte) 0xED, (byte) 0xA0, (byte) 0x80}).appendString("\"}");
  }

  private static String loneSurrogate(JsonObject schema, Random random) {
    JsonObject body = object(schema, random, 0);
    List<String> names = new ArrayList<>(schema.getJsonObject("properties", new JsonObject()).fieldNames());
    String name = names.isEmpty() ? "x" : names.get(random.nextInt(names.size()));
    body.put(name, "MARK");
    return body.encode().replace("\"MARK\"", "\"a\\ud800b\"");
  }

  // ---------------------------------------------------------------- the document

  private static List<Operation> operations() {
    List<Operation> operations = new ArrayList<>();
    JsonObject paths = document.getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      JsonObject item = paths.getJsonObject(path);
      for (String method : List.of("get", "post", "put", "patch", "delete")) {
        if (item.containsKey(method) && !path.equals("/v1/ws")) {
          operations.add(new Operation(method, path, item.getJsonObject(method)));
        }
      }
    }
    return operations;
  }

  private static List<JsonObject> parameters(Operation op) {
    List<JsonObject> parameters = new ArrayList<>();
    op.definition().getJsonArray("parameters", new JsonArray()).forEach(p -> parameters.add(resolve((JsonObject) p)));
    return parameters;
  }

  private static JsonObject resolve(JsonObject node) {
    String ref = node.getString("$ref");
    if (ref == null) {
      return node;
    }
    Object here = document;
    for (String segment : ref.substring(2).split("/")) {
      here = ((JsonObject) here).getValue(segment);
    }
    return (JsonObject) here;
  }
}
