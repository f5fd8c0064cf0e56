package com.jobswipe.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /openapi.yaml} is what the mobile clients build against, so it must stay true: a usable OpenAPI 3.1
 * document, listing exactly the routes the code mounts, and the very bytes a running node serves.
 *
 * <p>The routers live inside the verticles, so the routes are read from the source: every
 * {@code router.get|post|put|delete|patch("/…")} under {@code src/main/java}. A new route class is covered the
 * day it is written; a route whose path is not a string literal fails the test rather than slip past it.
 */
@ExtendWith(VertxExtension.class)
class OpenApiContractTest {

  private static final Path DOCUMENT = Path.of("src/main/resources/openapi.yaml");
  private static final Path SOURCES = Path.of("src/main/java");

  /** Mounted by the edge outside {@code /v1}; if the scan misses these, the scan is broken. */
  private static final Set<Operation> OPERATIONS_ROUTES = Set.of(
      new Operation("get", "/health/live"),
      new Operation("get", "/health/ready"),
      new Operation("get", "/metrics"),
      new Operation("get", "/openapi.yaml"));

  private static final String VERBS = "get|post|put|delete|patch";
  private static final Pattern ROUTE = Pattern.compile(
      "\\brouter\\s*\\.\\s*(" + VERBS + ")\\s*\\(\\s*\"(/[^\"]*)\"");
  private static final Pattern METHOD_ROUTE = Pattern.compile(
      "\\brouter\\s*\\.\\s*route\\s*\\(\\s*HttpMethod\\s*\\.\\s*(GET|POST|PUT|DELETE|PATCH)\\s*,\\s*\"(/[^\"]*)\"");
  /** A route whose path is computed: the scan cannot see it, so it must not pass silently. */
  private static final Pattern UNREADABLE_ROUTE = Pattern.compile(
      "\\brouter\\s*\\.\\s*(" + VERBS + ")\\s*\\(\\s*(?![\")\\s])");
  private static final Pattern VERTX_PARAM = Pattern.compile(":([A-Za-z_][A-Za-z0-9_]*)");
  private static final Pattern TEMPLATE_PARAM = Pattern.compile("\\{([^}/]+)}");
  private static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  private static byte[] bytes;
  private static JsonNode document;

  /** One operation: a lower-case method and an OpenAPI path template. */
  record Operation(String method, String path) {
    @Override
    public String toString() {
      return method.toUpperCase(Locale.ROOT) + " " + path;
    }
  }

  @BeforeAll
  static void readDocument() throws IOException {
    bytes = Files.readAllBytes(DOCUMENT);
    document = new ObjectMapper(new YAMLFactory()).readTree(bytes);
  }

  @Test
  void isOpenApi31() {
    assertThat(document.path("openapi").asText()).startsWith("3.1.");
    assertThat(document.path("info").path("title").asText()).isNotBlank();
    assertThat(document.path("info").path("version").asText()).isNotBlank();
    assertThat(document.path("paths").isObject()).isTrue();
  }

  @Test
  void everyRefResolvesInsideTheDocument() {
    List<String> refs = new ArrayList<>();
    collectRefs(document, refs);
    assertThat(refs).as("the document uses $ref").isNotEmpty();
    assertThat(refs).as("$refs that point outside the document").allMatch(ref -> ref.startsWith("#/"));
    List<String> dangling = refs.stream().filter(ref -> document.at(ref.substring(1)).isMissingNode()).toList();
    assertThat(dangling).as("$refs that resolve to nothing").isEmpty();
  }

  @Test
  void operationsAreWellFormed() {
    Set<String> tags = new HashSet<>();
    document.path("tags").forEach(tag -> tags.add(tag.path("name").asText()));
    Set<String> schemes = new HashSet<>();
    document.path("components").path("securitySchemes").fieldNames().forEachRemaining(schemes::add);
    Set<String> operationIds = new HashSet<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(entry -> {
      if (!HTTP_METHODS.contains(entry.getKey())) {
        return;
      }
      String where = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
      JsonNode operation = entry.getValue();
      assertThat(operation.path("responses").size()).as(where + " has responses").isPositive();
      assertThat(operationIds.add(operation.path("operationId").asText())).as(where + " has a unique operationId")
          .isTrue();
      operation.path("tags").forEach(tag -> assertThat(tags).as(where + " uses a declared tag").contains(tag.asText()));
      operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(name ->
          assertThat(schemes).as(where + " uses a declared security scheme").contains(name)));
      assertThat(pathParameters(path.getValue(), operation)).as(where + " declares its path parameters")
          .isEqualTo(templateParameters(path.getKey()));
    }));
  }

  @Test
  void everyProblemTypeIsDocumented() {
    String problem = document.at("/components/schemas/Problem/description").asText();
    assertThat(problem).contains(ProblemType.BASE);
    for (ProblemType type : ProblemType.values()) {
      String slug = type.uri().toString().substring(ProblemType.BASE.length());
      assertThat(problem).as("Problem lists " + slug).contains("`" + slug + "` (" + type.status() + ")");
    }
  }

  @Test
  void documentsExactlyTheRoutesTheCodeMounts() {
    Set<Operation> mounted = routesInSources();
    assertThat(mounted).as("the source scan finds the operations routes").containsAll(OPERATIONS_ROUTES);
    Set<Operation> documented = documentedOperations();
    assertThat(difference(mounted, documented)).as("routes in src/main/java missing from openapi.yaml").isEmpty();
    assertThat(difference(documented, mounted)).as("operations in openapi.yaml that no code mounts").isEmpty();
  }

  @Test
  void aRunningNodeServesThisDocumentAndRoutesEveryOperationInIt(Vertx vertx) {
    try (RunningNode node = RunningNode.start()) {
      Api api = new Api(vertx, node.port());

      HttpResponse<Buffer> served = api.get("/openapi.yaml", null);
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.getHeader("Content-Type")).isEqualTo("application/yaml");
      assertThat(served.body().getBytes()).as("served byte for byte as in the repository").isEqualTo(bytes);

      // The probe's own check: a path no code mounts is reported as unrouted.
      assertThat(routed(probe(api, new Operation("get", "/v1/no-such-route")))).isFalse();
      assertThat(routed(probe(api, new Operation("patch", "/v1/me")))).isFalse();
      for (Operation operation : documentedOperations()) {
        HttpResponse<Buffer> response = probe(api, operation);
        assertThat(routed(response)).as(operation + " reaches a route: " + response.statusCode() + " "
            + response.bodyAsString()).isTrue();
      }
    }
  }

  // ---------------------------------------------------------------- the document

  private static Set<Operation> documentedOperations() {
    Set<Operation> operations = new HashSet<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(key -> {
      if (HTTP_METHODS.contains(key)) {
        operations.add(new Operation(key, path.getKey()));
      }
    }));
    return operations;
  }

  private static void collectRefs(JsonNode node, List<String> refs) {
    if (node.isObject()) {
      node.fields().forEachRemaining(field -> {
        if (field.getKey().equals("$ref") && field.getValue().isTextual()) {
          refs.add(field.getValue().asText());
        } else {
          collectRefs(field.getValue(), refs);
        }
      });
    } else if (node.isArray()) {
      node.forEach(item -> collectRefs(item, refs));
    }
  }

  private static JsonNode resolve(JsonNode node) {
    JsonNode ref = node.path("$ref");
    return ref.isTextual() ? document.at(ref.asText().substring(1)) : node;
  }

  /** Path parameters declared on the path item or the operation. */
  private static Set<String> pathParameters(JsonNode pathItem, JsonNode operation) {
    Set<String> names = new TreeSet<>();
    Stream.concat(stream(pathItem.path("parameters")), stream(operation.path("parameters")))
        .map(OpenApiContractTest::resolve)
        .filter(parameter -> parameter.path("in").asText().equals("path"))
        .forEach(parameter -> {
          assertThat(parameter.path("required").asBoolean()).as("path parameter " + parameter + " is required")
              .isTrue();
          names.add(parameter.path("name").asText());
        });
    return names;
  }

  private static Set<String> templateParameters(String path) {
    Set<String> names = new TreeSet<>();
    Matcher m = TEMPLATE_PARAM.matcher(path);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static Stream<JsonNode> stream(JsonNode array) {
    List<JsonNode> items = new ArrayList<>();
    array.forEach(items::add);
    return items.stream();
  }

  // ---------------------------------------------------------------- the code

  private static Set<Operation> routesInSources() {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      Set<Operation> routes = new HashSet<>();
      List<String> unreadable = new ArrayList<>();
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        String code = withoutComments(Files.readString(file, StandardCharsets.UTF_8));
        for (Pattern pattern : List.of(ROUTE, METHOD_ROUTE)) {
          Matcher m = pattern.matcher(code);
          while (m.find()) {
            routes.add(new Operation(m.group(1).toLowerCase(Locale.ROOT), openApiPath(m.group(2))));
          }
        }
        Matcher m = UNREADABLE_ROUTE.matcher(code);
        while (m.find()) {
          unreadable.add(file + ": " + code.substring(m.start(), Math.min(code.length(), m.end() + 40)).strip());
        }
      }
      assertThat(unreadable).as("routes whose path is not a string literal (this test cannot check them)").isEmpty();
      return routes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Vert.x {@code /a/:id} to OpenAPI {@code /a/{id}}. */
  static String openApiPath(String vertxPath) {
    return VERTX_PARAM.matcher(vertxPath).replaceAll("{$1}");
  }

  /** The source with comments dropped and string literals kept, so a route named in a comment is no route. */
  static String withoutComments(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    int n = source.length();
    while (i < n) {
      char c = source.charAt(i);
      if (source.startsWith("//", i)) {
        int end = source.indexOf('\n', i);
        i = end < 0 ? n : end;
      } else if (source.startsWith("/*", i)) {
        int end = source.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
        out.append(' ');
      } else if (source.startsWith("\"\"\"", i)) {
        int end = source.indexOf("\"\"\"", i + 3);
        end = end < 0 ? n : end + 3;
        out.append(source, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        int j = i + 1;
        while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
          j += source.charAt(j) == '\\' ? 2 : 1;
        }
        j = Math.min(j + 1, n);
        out.append(source, i, j);
        i = j;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  // ---------------------------------------------------------------- the running node

  /** The operation with every path parameter filled in; no credentials and no body. */
  private static HttpResponse<Buffer> probe(Api api, Operation operation) {
    String path = TEMPLATE_PARAM.matcher(operation.path()).replaceAll("probe");
    return api.request(HttpMethod.valueOf(operation.method().toUpperCase(Locale.ROOT)), path).send().await();
  }

  /**
   * Whether a route took the request. Anything a route answers counts, errors included (401, 404 for an
   * unknown id, 415...); only the router's own 405 and its 404 for an unmatched path (the edge words its
   * detail "No route for …") mean that nothing is mounted there.
   */
  private static boolean routed(HttpResponse<Buffer> response) {
    if (response.statusCode() == 405) {
      return false;
    }
    if (response.statusCode() != 404) {
      return true;
    }
    return !response.bodyAsJsonObject().getString("detail", "").startsWith("No route for ");
  }

  private static Set<Operation> difference(Set<Operation> a, Set<Operation> b) {
    return a.stream().filter(operation -> !b.contains(operation))
        .collect(Collectors.toCollection(() -> new TreeSet<>(java.util.Comparator.comparing(Operation::toString))));
  }
}
