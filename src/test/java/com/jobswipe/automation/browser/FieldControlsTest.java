package com.jobswipe.automation.browser;

import com.jobswipe.automation.browser.FormField.Control;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The text rules of {@link FieldControls}, without a browser (the ATS replicas operate every control). */
class FieldControlsTest {

  private static FormField field(Control control) {
    return FormField.of(control, "Website", "", "", "", "", false, List.of());
  }

  @Test
  void aUrlFieldGetsHttpsWhenTheLinkHasNoScheme() {
    assertThat(FieldControls.typed(field(Control.URL), "jane.dev")).isEqualTo("https://jane.dev");
    assertThat(FieldControls.typed(field(Control.URL), "HTTP://jane.dev")).isEqualTo("HTTP://jane.dev");
    assertThat(FieldControls.typed(field(Control.TEXT), "jane.dev")).isEqualTo("jane.dev");
  }

  @Test
  void anOptionIsMatchedLiterallyEvenWithRegexCharacters() {
    String option = "Yes (I have a visa) / 1+ years? $ [EU]";
    String quoted = FieldControls.jsRegexLiteral(option);
    assertThat(quoted).doesNotContain("\\Q");
    assertThat(Pattern.compile("^" + quoted + "$").matcher(option).matches()).isTrue();
    assertThat(Pattern.compile("^" + quoted + "$").matcher("Yes I have a visa / 1 years").matches()).isFalse();
  }
}
