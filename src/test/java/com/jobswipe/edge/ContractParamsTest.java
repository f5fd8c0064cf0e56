package com.jobswipe.edge;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The contract's declared parameters judge path and query values, read as their schemas' types. */
class ContractParamsTest {

  private static final Contract CONTRACT = Contract.get();

  @Test
  void queryTextIsReadAsTheSchemasTypeWithItsDefaultWhenLeftOut() {
    assertThat(query("/v1/saved", Map.of()).pageSize()).isEqualTo(20);
    assertThat(query("/v1/admin/audit", Map.of()).pageSize()).isEqualTo(50);
    assertThat(query("/v1/saved", Map.of("limit", List.of("007"))).pageSize()).isEqualTo(7);
    assertThat(query("/v1/notifications", Map.of("cursor", List.of("123456789012345678"))).whole("cursor"))
        .contains(123456789012345678L);
    assertThat(query("/v1/admin/reports/{name}", Map.of(), Map.of("name", "funnel")).text("format")).contains("json");
  }

  @Test
  void boundsAndFormsAreTheContractsAndNameTheParameter() {
    assertRefused("/v1/feed", Map.of("limit", List.of("51")), "limit", "must be between 1 and 50");
    assertRefused("/v1/saved", Map.of("limit", List.of("0")), "limit", "must be between 1 and 100");
    assertRefused("/v1/admin/audit", Map.of("limit", List.of("201")), "limit", "must be between 1 and 200");
    for (String notWhole : List.of("abc", "10.0", "1e1", "", "+5", "99999999999999999999")) {
      assertRefused("/v1/saved", Map.of("limit", List.of(notWhole)), "limit", "must be a whole number");
    }
    assertRefused("/v1/notifications", Map.of("cursor", List.of("-1")), "cursor",
        "must be between 0 and 999999999999999999");
    assertRefused("/v1/notifications", Map.of("cursor", List.of("5\n")), "cursor", "must be a whole number");
    assertRefused("/v1/saved", Map.of("cursor", List.of("A".repeat(65))), "cursor", "must be at most 64 characters");
    assertRefused("/v1/admin/audit", Map.of("actor", List.of("nobody")), "actor", "must be a UUID");
    assertRefused("/v1/admin/audit", Map.of("action", List.of("DROP TABLE")), "action",
        "must be an action such as user.export or source.delete");
    assertRefused("/v1/admin/audit", Map.of("target", List.of("a b")), "target",
        "must be the id of a user, source or API key, or a domain name");
  }

  @Test
  void datesMustBeCalendarDates() {
    assertThat(query("/v1/me/stats", Map.of("from", List.of("2024-02-29"))).text("from")).contains("2024-02-29");
    for (String notADate : List.of("2026-13-01", "2026-02-29", "20261201", "yesterday")) {
      assertRefused("/v1/me/stats", Map.of("to", List.of(notADate)), "to", "must be a date such as 2027-06-30");
    }
  }

  @Test
  void aParameterGivenTwiceIsRefusedAndExtrasAreLeftAlone() {
    assertRefused("/v1/saved", Map.of("limit", List.of("10", "20")), "limit", "must be given once");
    assertRefused("/v1/feed", Map.of("cursor", List.of("a", "a")), "cursor", "must be given once");
    assertThat(query("/v1/saved", Map.of("limit", List.of("1"), "unknown", List.of("1", "2"))).pageSize())
        .isEqualTo(1);
  }

  @Test
  void everyRefusedParameterIsListedInOneProblem() {
    Problem problem = catchThrowableOfType(() -> query("/v1/admin/audit",
        Map.of("limit", List.of("0"), "actor", List.of("x"))), Problem.class);
    assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION);
    assertThat(problem.toJson(null).getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("limit", "actor");
    assertThat(problem.toJson(null).getString("detail")).isEqualTo("2 parameters are invalid");
  }

  @Test
  void aPathIdThatIsNotAUuidIsNotFoundLikeOneThatDoesNotExist() {
    UUID id = UUID.randomUUID();
    assertThat(CONTRACT.parameters("GET", "/v1/applications/{id}", Map.of("id", id.toString()), Map.of()).id("id"))
        .isEqualTo(id);
    for (String notAUuid : List.of("not-a-uuid", "1", "' OR 1=1", "1-1-1-1-1")) {
      Problem problem = catchThrowableOfType(() -> CONTRACT.parameters("GET", "/v1/applications/{id}",
          Map.of("id", notAUuid), Map.of()), Problem.class);
      assertThat(problem.type()).as(notAUuid).isEqualTo(ProblemType.NOT_FOUND);
    }
    Problem screenshot = catchThrowableOfType(() -> CONTRACT.parameters("GET",
        "/v1/applications/{id}/screenshots/{n}", Map.of("id", id.toString(), "n", "10000"), Map.of()), Problem.class);
    assertThat(screenshot.type()).isEqualTo(ProblemType.NOT_FOUND);
  }

  @Test
  void aPathParameterOfAnOperationWithoutA404IsRefusedByName() {
    Problem problem = catchThrowableOfType(() -> query("/v1/admin/reports/{name}", Map.of(),
        Map.of("name", "revenue")), Problem.class);
    assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION);
    assertThat(problem.toJson(null).getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("name");
    assertThat(problem.toJson(null).getString("detail")).startsWith("The path parameter 'name' must be one of");
  }

  @Test
  void aMissingRequiredParameterIsAValidationError() {
    Problem problem = catchThrowableOfType(() -> query("/v1/admin/reports/{name}", Map.of(), Map.of()),
        Problem.class);
    assertThat(problem.type()).isEqualTo(ProblemType.VALIDATION);
    assertThat(problem.toJson(null).getJsonArray("errors").getJsonObject(0))
        .isEqualTo(new JsonObject().put("field", "name").put("message", "is required"));
  }

  @Test
  void anOperationWithoutParametersReadsNothing() {
    assertThat(query("/v1/me", Map.of("limit", List.of("x"))).text("limit")).isEmpty();
  }

  private static Parameters query(String path, Map<String, List<String>> query) {
    return query(path, query, Map.of());
  }

  private static Parameters query(String path, Map<String, List<String>> query, Map<String, String> pathValues) {
    return CONTRACT.parameters("GET", path, pathValues, query);
  }

  private static void assertRefused(String path, Map<String, List<String>> query, String field, String message) {
    Problem problem = catchThrowableOfType(() -> query(path, query), Problem.class);
    assertThat(problem).as(path + " " + query).isNotNull();
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.toJson(null).getJsonArray("errors").getJsonObject(0))
        .as(path + " " + query).isEqualTo(new JsonObject().put("field", field).put("message", message));
  }
}
