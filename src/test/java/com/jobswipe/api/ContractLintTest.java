package com.jobswipe.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract lint: the rules {@code docs/architecture.md} ("The contract") writes down, so that
 * {@code openapi.yaml}, which the server validates request bodies with, stays a document every OpenAPI 3.1 tool
 * reads the same way. ({@link OpenApiContractTest} checks it against the routes the code mounts.)
 */
@ExtendWith(VertxExtension.class)
class ContractLintTest {

  private static final Path DOCUMENT = Path.of("src/main/resources/openapi.yaml");
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options",
      "trace");

  /** Where null is a value, not a mistake: an enum or const that admits it, a default or an example. */
  private static final Pattern NULL_ALLOWED = Pattern.compile("/(enum/\\d+|const|default|examples/\\d+|example)$");

  private static JsonObject document;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void read() throws IOException {
    document = new JsonObject(new ObjectMapper(new YAMLFactory()).readValue(Files.readAllBytes(DOCUMENT), Map.class));
  }

  @Test
  void isAValidOpenApi31Document(Vertx vertx) {
    // vertx-openapi's OpenAPI 3.1 meta-schema (draft 2020-12) judges the whole document, then resolves every $ref.
    // (Its OpenAPIContract.from would also refuse response media types its router cannot validate, such as
    // text/csv and the Prometheus format: a limit of that router, not of the document.)
    assertThat(document.getString("openapi")).startsWith("3.1.");
    SchemaRepository repository = OpenAPIVersion.V3_1.getRepository(vertx, "https://contract.jobswipe.invalid/")
        .await();
    OutputUnit verdict = OpenAPIVersion.V3_1.validateContract(vertx, repository, document.copy()).await();
    assertThat(verdict.getValid()).as(verdict.toJson().encodePrettily()).isTrue();
    assertThat(OpenAPIVersion.V3_1.resolve(vertx, repository, document.copy()).await().getJsonObject("paths"))
        .isNotNull();
  }

  @Test
  void noYamlValueIsNull() {
    // A one-line {…} map whose description holds ", x" splits into an extra key "x" with a null value; nothing in
    // this document is meant to be null but the values of enum, const, default and examples.
    List<String> nulls = new ArrayList<>();
    walk(document, "", (path, value) -> {
      if (value == null && !NULL_ALLOWED.matcher(path).find()) {
        nulls.add(path);
      }
    });
    assertThat(nulls).as("keys without a value (quote descriptions that hold a comma)").isEmpty();
  }

  @Test
  void everyOperationHasAnIdASecurityAndDocumentedResponses() {
    List<String> findings = new ArrayList<>();
    forEachOperation((where, operation) -> {
      if (operation.getString("operationId", "").isBlank()) {
        findings.add(where + ": no operationId");
      }
      if (!(operation.getValue("security") instanceof JsonArray)) {
        findings.add(where + ": no security (a public operation says security: [])");
      }
      JsonObject responses = operation.getJsonObject("responses", new JsonObject());
      if (responses.isEmpty()) {
        findings.add(where + ": no responses");
      }
      responses.forEach(response -> {
        JsonObject resolved = resolve((JsonObject) response.getValue());
        if (resolved.getString("description", "").isBlank()) {
          findings.add(where + " " + response.getKey() + ": response without a description");
        }
      });
    });
    assertThat(findings).isEmpty();
  }

  @Test
  void everyRequestBodyHasASchemaAndJsonOnesNameAComponent() {
    List<String> findings = new ArrayList<>();
    forEachOperation((where, operation) -> {
      JsonObject body = operation.getJsonObject("requestBody");
      if (body == null) {
        return;
      }
      JsonObject content = body.getJsonObject("content", new JsonObject());
      if (content.isEmpty()) {
        findings.add(where + ": a request body without content");
      }
      content.forEach(media -> {
        JsonObject schema = ((JsonObject) media.getValue()).getJsonObject("schema");
        if (schema == null) {
          findings.add(where + " " + media.getKey() + ": no schema");
        } else if (media.getKey().equals("application/json")
            && !schema.getString("$ref", "").startsWith("#/components/schemas/")) {
          findings.add(where + ": a JSON body must $ref a component schema (the server validates by it)");
        }
      });
    });
    assertThat(findings).isEmpty();
  }

  @Test
  void everyPatternCompilesAndRequestPatternsSayWhatTheyWant() {
    // The server runs these patterns with java.util.regex (find, so they are anchored with ^ and $), and answers a
    // request value that does not match with x-invalid, the words clients show next to the field.
    List<String> findings = new ArrayList<>();
    walk(document, "", (path, value) -> {
      if (path.endsWith("/pattern") && value instanceof String pattern) {
        try {
          Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
          findings.add(path + ": does not compile: " + e.getDescription());
        }
        if (!pattern.startsWith("^") || !pattern.endsWith("$")) {
          findings.add(path + ": not anchored with ^...$");
        }
      }
    });
    for (String component : requestComponents()) {
      walk(at("/components/schemas/" + component), "/components/schemas/" + component, (path, value) -> {
        if (path.endsWith("/pattern") && value instanceof String
            && ((JsonObject) at(path.substring(0, path.length() - "/pattern".length()))).getString("x-invalid") == null) {
          findings.add(path + ": a request pattern without x-invalid");
        }
      });
    }
    assertThat(findings).isEmpty();
  }

  /** The component schemas a request body uses, directly or through other components. */
  private static Set<String> requestComponents() {
    Set<String> names = new java.util.TreeSet<>();
    List<Object> todo = new ArrayList<>();
    forEachOperation((where, operation) -> {
      if (operation.getJsonObject("requestBody") != null) {
        todo.add(operation.getJsonObject("requestBody"));
      }
    });
    while (!todo.isEmpty()) {
      walk(todo.remove(todo.size() - 1), "", (path, value) -> {
        if (path.endsWith("/$ref") && value instanceof String ref && ref.startsWith("#/components/schemas/")
            && names.add(ref.substring("#/components/schemas/".length()))) {
          todo.add(at(ref.substring(1)));
        }
      });
    }
    return names;
  }

  // ---------------------------------------------------------------- helpers

  private static void forEachOperation(BiConsumer<String, JsonObject> check) {
    JsonObject paths = document.getJsonObject("paths");
    paths.forEach(path -> ((JsonObject) path.getValue()).forEach(entry -> {
      if (METHODS.contains(entry.getKey())) {
        check.accept(entry.getKey().toUpperCase() + " " + path.getKey(), (JsonObject) entry.getValue());
      }
    }));
  }

  private static JsonObject resolve(JsonObject node) {
    String ref = node.getString("$ref");
    return ref == null ? node : (JsonObject) at(ref.substring(1));
  }

  private static Object at(String pointer) {
    Object here = document;
    for (String segment : pointer.substring(1).split("/")) {
      String key = segment.replace("~1", "/").replace("~0", "~");
      here = here instanceof JsonObject object ? object.getValue(key)
          : here instanceof JsonArray array ? array.getValue(Integer.parseInt(key)) : null;
    }
    return here;
  }

  private static void walk(Object node, String path, BiConsumer<String, Object> visit) {
    if (node instanceof JsonObject object) {
      object.forEach(member -> {
        String child = path + "/" + member.getKey().replace("~", "~0").replace("/", "~1");
        visit.accept(child, member.getValue());
        walk(member.getValue(), child, visit);
      });
    } else if (node instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        visit.accept(path + "/" + i, array.getValue(i));
        walk(array.getValue(i), path + "/" + i, visit);
      }
    }
  }
}
