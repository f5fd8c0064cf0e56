package com.jobswipe.text;

import com.jobswipe.text.CoverLetterTemplate.Escaping;
import com.jobswipe.text.CoverLetterTemplate.InvalidTemplateException;
import com.jobswipe.text.CoverLetterTemplate.TemplateError;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoverLetterTemplateTest {

  private static final String LETTER = """
      Dear {{job.company}} team,

      I am applying for the {{ job.title }} role in {{job.location}}. As a {{profile.headline}}, I bring
      {{profile.skills}}.

      Kind regards,
      {{profile.name}} · {{profile.email}} · {{profile.phone}}
      {{today}}
      """;

  private static final Map<String, String> VALUES = Map.of(
      "job.company", "Acme GmbH",
      "job.title", "Senior Backend Engineer (m/w/d)",
      "job.location", "Berlin",
      "profile.name", "Zoë Fischer",
      "profile.firstName", "Zoë",
      "profile.email", "zoe@example.com",
      "profile.phone", "+49 30 1234567",
      "profile.headline", "Java engineer",
      "profile.skills", CoverLetterTemplate.commaList(List.of("Java", " Vert.x ", "", "PostgreSQL")),
      "today", "14 March 2025");

  // --- validate ---

  @Test
  void aTemplateUsingEveryPlaceholderIsValid() {
    String body = String.join(" ", CoverLetterTemplate.PLACEHOLDERS.stream().map(p -> "{{" + p + "}}").toList());

    assertThat(CoverLetterTemplate.validate(body)).isEmpty();
    assertThat(CoverLetterTemplate.validate(LETTER)).isEmpty();
  }

  @Test
  void theKnownPlaceholdersAreExactlyTheDocumentedOnes() {
    assertThat(CoverLetterTemplate.PLACEHOLDERS).containsExactly(
        "job.title", "job.company", "job.location", "profile.name", "profile.firstName", "profile.email",
        "profile.phone", "profile.headline", "profile.skills", "today");
  }

  @Test
  void whitespaceInsideTheBracesIsAllowed() {
    assertThat(CoverLetterTemplate.validate("{{ job.title }} {{\tjob.company\t}} {{\n today \n}}")).isEmpty();
  }

  @Test
  void anUnknownPlaceholderIsReportedWithItsNameAndPosition() {
    String body = "Hello {{job.salary}}, and {{job.title}}";

    List<TemplateError> errors = CoverLetterTemplate.validate(body);

    assertThat(errors).singleElement().satisfies(e -> {
      assertThat(e.offset()).isEqualTo(6);
      assertThat(e.message()).contains("job.salary").contains("unknown placeholder").contains("job.title");
    });
  }

  @Test
  void placeholderNamesAreCaseSensitiveButTheLikelyNameIsSuggested() {
    assertThat(CoverLetterTemplate.validate("{{Job.Title}}")).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("did you mean '{{job.title}}'"));
    assertThat(CoverLetterTemplate.validate("{{ company }}")).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("did you mean '{{job.company}}'"));
  }

  @Test
  void anEmptyPlaceholderIsReported() {
    assertThat(CoverLetterTemplate.validate("Hi {{  }}!")).singleElement()
        .satisfies(e -> {
          assertThat(e.offset()).isEqualTo(3);
          assertThat(e.message()).contains("empty placeholder");
        });
  }

  @Test
  void anUnclosedOpeningIsReportedAtTheOpening() {
    String body = "Dear {{job.company}} team, I want the {{job.title role.";

    assertThat(CoverLetterTemplate.validate(body)).singleElement().satisfies(e -> {
      assertThat(e.offset()).isEqualTo(body.indexOf("{{job.title"));
      assertThat(e.message()).contains("never closed");
    });
  }

  @Test
  void nestedBracesAreReportedAtTheInnerBraceAndTheInnerPlaceholderIsStillChecked() {
    String body = "{{ job.{{job.titel}} }}";

    List<TemplateError> errors = CoverLetterTemplate.validate(body);

    assertThat(errors).extracting(TemplateError::offset).containsExactly(7, 7);
    assertThat(errors.get(0).message()).contains("cannot be nested");
    assertThat(errors.get(1).message()).contains("job.titel");
  }

  @Test
  void aSingleBraceInsideAPlaceholderIsNesting() {
    assertThat(CoverLetterTemplate.validate("{{job.{title}}}")).singleElement()
        .satisfies(e -> {
          assertThat(e.offset()).isEqualTo(6);
          assertThat(e.message()).contains("cannot be nested");
        });
  }

  @Test
  void aForgottenClosingBeforeTheNextPlaceholderIsCaught() {
    String body = "{{job.title} at {{job.company}}";

    assertThat(CoverLetterTemplate.validate(body)).singleElement()
        .satisfies(e -> assertThat(e.offset()).isEqualTo(body.indexOf("{{job.company")));
  }

  @Test
  void anEscapedOpeningIsLiteralAndNotChecked() {
    assertThat(CoverLetterTemplate.validate("Use \\{{anything}} or \\{{ to write braces")).isEmpty();
  }

  @Test
  void singleBracesAndStrayClosingsAreOrdinaryText() {
    assertThat(CoverLetterTemplate.validate("{ json: 1 } }} and :-} \\ C:\\path")).isEmpty();
  }

  @Test
  void anEmptyOrBlankBodyIsReported() {
    assertThat(CoverLetterTemplate.validate("")).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("empty"));
    assertThat(CoverLetterTemplate.validate(" \n\t ")).singleElement()
        .satisfies(e -> assertThat(e.message()).contains("empty"));
    assertThat(CoverLetterTemplate.validate(null)).hasSize(1);
  }

  @Test
  void aBodyAtTheLimitPassesAndOneCharacterMoreDoesNot() {
    String atLimit = "a".repeat(CoverLetterTemplate.MAX_LENGTH);

    assertThat(CoverLetterTemplate.validate(atLimit)).isEmpty();
    assertThat(CoverLetterTemplate.validate(atLimit + "a")).singleElement().satisfies(e -> {
      assertThat(e.offset()).isEqualTo(CoverLetterTemplate.MAX_LENGTH);
      assertThat(e.message()).contains("20000");
    });
  }

  @Test
  void errorsAreCappedSoAHostileBodyGivesABoundedAnswer() {
    String body = "{{x}}".repeat(CoverLetterTemplate.MAX_LENGTH / 5);

    assertThat(CoverLetterTemplate.validate(body)).hasSize(CoverLetterTemplate.MAX_ERRORS);
  }

  @Test
  void manyOpeningsWithoutClosingsValidateInLinearTime() {
    char[] chars = new char[CoverLetterTemplate.MAX_LENGTH];
    Arrays.fill(chars, '{');

    assertThat(CoverLetterTemplate.validate(new String(chars))).hasSize(CoverLetterTemplate.MAX_ERRORS);
    assertThat(CoverLetterTemplate.validate("{{" + " ".repeat(CoverLetterTemplate.MAX_LENGTH - 2))).hasSize(1);
  }

  @Test
  void offsetsCountUtf16UnitsAsBrowsersDo() {
    String body = "😀 {{nope}}";

    assertThat(CoverLetterTemplate.validate(body)).singleElement()
        .satisfies(e -> assertThat(e.offset()).isEqualTo(3));
  }

  // --- render ---

  @Test
  void rendersALetter() {
    String rendered = CoverLetterTemplate.render(LETTER, VALUES, Escaping.PLAIN);

    assertThat(rendered).isEqualTo("""
        Dear Acme GmbH team,

        I am applying for the Senior Backend Engineer (m/w/d) role in Berlin. As a Java engineer, I bring
        Java, Vert.x, PostgreSQL.

        Kind regards,
        Zoë Fischer · zoe@example.com · +49 30 1234567
        14 March 2025
        """);
  }

  @Test
  void aMissingValueRendersEmpty() {
    assertThat(CoverLetterTemplate.render("Hi {{profile.firstName}}, re {{job.title}}.", Map.of(), Escaping.PLAIN))
        .isEqualTo("Hi , re .");
  }

  @Test
  void aNullValueRendersEmpty() {
    Map<String, String> values = new HashMap<>();
    values.put("job.title", null);

    assertThat(CoverLetterTemplate.render("[{{job.title}}]", values, Escaping.HTML)).isEqualTo("[]");
  }

  @Test
  void valuesAreNeverReadAsTemplateSyntax() {
    Map<String, String> values = Map.of(
        "job.title", "{{profile.email}}",
        "job.company", "\\{{today}} {{ nope",
        "profile.email", "zoe@example.com",
        "today", "2025-03-14");

    String rendered = CoverLetterTemplate.render("{{job.title}} at {{job.company}}", values, Escaping.PLAIN);

    assertThat(rendered).isEqualTo("{{profile.email}} at \\{{today}} {{ nope").doesNotContain("zoe@example.com");
  }

  @Test
  void anEscapedOpeningRendersAsBraces() {
    assertThat(CoverLetterTemplate.render("Write \\{{job.title}} to get {{job.title}}.", VALUES, Escaping.PLAIN))
        .isEqualTo("Write {{job.title}} to get Senior Backend Engineer (m/w/d).");
  }

  @Test
  void plainStripsControlCharactersFromValuesButKeepsNewlineAndTab() {
    Map<String, String> values = Map.of("job.title", "Back\u0000end\u0007 Dev\r\nTeam\tLead\u001b[31m\u007f\u0085");

    assertThat(CoverLetterTemplate.render("{{job.title}}", values, Escaping.PLAIN))
        .isEqualTo("Backend Dev\nTeam\tLead[31m");
  }

  @Test
  void plainDoesNotHtmlEscape() {
    Map<String, String> values = Map.of("job.company", "Smith & Sons <Ltd> \"Q\" 'A'");

    assertThat(CoverLetterTemplate.render("{{job.company}} & co", values, Escaping.PLAIN))
        .isEqualTo("Smith & Sons <Ltd> \"Q\" 'A' & co");
  }

  @Test
  void htmlEscapesTheFiveCharactersInValues() {
    Map<String, String> values = Map.of("job.title", "<img src=x onerror=\"alert('x')\"> & more");

    assertThat(CoverLetterTemplate.render("<{{job.title}}>", values, Escaping.HTML))
        .isEqualTo("&lt;&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt; &amp; more&gt;");
  }

  @Test
  void htmlAlsoEscapesTheTemplateTextSoThePreviewIsSafeAsAWhole() {
    assertThat(CoverLetterTemplate.render("Salary < 100k & \"remote\"\n{{job.title}}", VALUES, Escaping.HTML))
        .isEqualTo("Salary &lt; 100k &amp; &quot;remote&quot;\nSenior Backend Engineer (m/w/d)");
  }

  @Test
  void htmlStripsControlCharactersToo() {
    assertThat(CoverLetterTemplate.render("{{job.title}}", Map.of("job.title", "a\u0000<b"), Escaping.HTML))
        .isEqualTo("a&lt;b");
  }

  @Test
  void valuesForUnknownKeysAreIgnored() {
    assertThat(CoverLetterTemplate.render("{{today}}", Map.of("today", "Mon", "job.salary", "1"), Escaping.PLAIN))
        .isEqualTo("Mon");
  }

  @Test
  void renderingAnInvalidTemplateThrowsWithEveryError() {
    assertThatThrownBy(() -> CoverLetterTemplate.render("{{job.salary}} {{nope}}", VALUES, Escaping.PLAIN))
        .isInstanceOf(InvalidTemplateException.class)
        .hasMessageContaining("job.salary")
        .hasMessageContaining("1 more")
        .satisfies(e -> assertThat(((InvalidTemplateException) e).errors()).hasSize(2));
  }

  @Test
  void commaListTrimsAndDropsBlanks() {
    assertThat(CoverLetterTemplate.commaList(List.of(" Java", "", "  ", "SQL "))).isEqualTo("Java, SQL");
    assertThat(CoverLetterTemplate.commaList(List.of())).isEmpty();
  }
}
