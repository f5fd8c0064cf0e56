package com.jobswipe.edge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The contract's schemas judge request bodies, and their verdicts read as the field errors clients know. */
class ContractTest {

  private static final Contract CONTRACT = Contract.get();

  @Test
  void unknownFieldsWrongTypesAndMissingFieldsAreOneErrorEach() {
    Map<String, String> errors = errors("Registration",
        new JsonObject().put("email", 42).put("isAdmin", true));
    assertThat(errors).containsOnly(
        Map.entry("email", "must be a string"),
        Map.entry("password", "is required"),
        Map.entry("isAdmin", "is not a known field"));
  }

  @Test
  void nestedFieldsAreNamedByTheirPathWithTheContractsWords() {
    JsonObject profile = new JsonObject()
        .put("phone", "call me maybe")
        .put("workHistory", new JsonArray()
            .add(new JsonObject().put("company", "A").put("title", "B").put("startDate", "2020-01"))
            .add(new JsonObject().put("company", "A").put("title", "B").put("startDate", "last spring")
                .put("salary", 3)))
        .put("preferences", new JsonObject().put("remote", "moon").put("salaryFloor", 20_000_000));
    assertThat(errors("ProfileInput", profile)).containsOnly(
        Map.entry("phone", "must be a phone number"),
        Map.entry("workHistory[1].startDate", "must be a month like 2021-03"),
        Map.entry("workHistory[1].salary", "is not a known field"),
        Map.entry("preferences.remote", "must be one of [any, hybrid, onsite, remote]"),
        Map.entry("preferences.salaryFloor", "must be between 0 and 10000000"));
  }

  @Test
  void lengthsCountCharactersNotUtf16Units() {
    String sixtyEmoji = "\uD83D\uDE00".repeat(60);
    assertThat(errors("ProfileInput", new JsonObject().put("skills", new JsonArray().add(sixtyEmoji)))).isEmpty();
    assertThat(errors("ProfileInput", new JsonObject().put("skills", new JsonArray().add(sixtyEmoji + "x"))))
        .containsOnly(Map.entry("skills[0]", "must be at most 60 characters"));
  }

  @Test
  void theContractsBoundsAreTheServersBounds() {
    assertThat(errors("Registration", new JsonObject().put("email", "a@example.com").put("password", "x".repeat(11))))
        .containsOnly(Map.entry("password", "must be at least 12 characters"));
    assertThat(errors("Registration", new JsonObject().put("email", "a@example.com").put("password", "x".repeat(129))))
        .containsOnly(Map.entry("password", "must be at most 128 characters"));
    assertThat(errors("NewApiKey", new JsonObject().put("name", "ci").put("scopes", new JsonArray())))
        .containsOnly(Map.entry("scopes", "must have at least 1 item(s)"));
    assertThat(errors("EraseRequest", new JsonObject().put("confirm", false)))
        .containsOnly(Map.entry("confirm", "must be true"));
    assertThat(errors("NewSource", new JsonObject().put("kind", "rss").put("url", "https://example.com/feed")
        .put("name", "x").put("schedule", "every hour")))
        .containsOnly(Map.entry("schedule", "must be an ISO-8601 duration such as PT1H"));
  }

  @Test
  void nullMembersCountAsLeftOut() {
    JsonObject body = new JsonObject().put("password", "secret").putNull("code");
    assertThat(CONTRACT.check("StepUpRequest", body)).isEqualTo(new JsonObject().put("password", "secret"));
    Problem missing = catchThrowableOfType(
        () -> CONTRACT.check("RefreshRequest", new JsonObject().putNull("refreshToken")), Problem.class);
    assertThat(missing.type()).isEqualTo(ProblemType.VALIDATION);
    assertThat(errors("EmailRequest", new JsonObject().put("email", "a@b.co").putNull("password")))
        .as("a null member no schema declares is still unknown")
        .containsOnly(Map.entry("password", "is not a known field"));
  }

  @Test
  void anEmailPatternThatCannotBacktrackForever() {
    // A megabyte of dots after the @ is refused at once: the pattern bounds the length before it backtracks (and
    // repeats no group, which java.util.regex would recurse into until the stack overflows).
    String hostile = "a@" + "a.".repeat(500_000) + " ";
    long started = System.nanoTime();
    assertThatThrownBy(() -> CONTRACT.check("EmailRequest", new JsonObject().put("email", hostile)))
        .isInstanceOf(Problem.class);
    assertThat(System.nanoTime() - started).as("nanoseconds").isLessThan(5_000_000_000L);
  }

  private static Map<String, String> errors(String schema, JsonObject body) {
    try {
      CONTRACT.check(schema, body);
      return Map.of();
    } catch (Problem problem) {
      return problem.toJson(null).getJsonArray("errors").stream().map(JsonObject.class::cast)
          .collect(Collectors.toMap(e -> e.getString("field"), e -> e.getString("message")));
    }
  }
}
