package com.jobswipe.automation.browser;

import com.jobswipe.automation.browser.FieldAction.Op;
import com.jobswipe.automation.browser.FieldAction.Source;
import com.jobswipe.automation.browser.FormField.Control;
import com.jobswipe.automation.browser.PendingQuestion.Reason;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What the planner fills, leaves blank and asks a human, without a browser. */
class FillPlannerTest {

  private static final List<String> YES_NO = List.of("Yes", "No");

  private static Applicant.Builder jane() {
    return Applicant.builder().name("Jane", "Doe").email("jane@example.org").phone("+1 415 555 0100")
        .location("Berlin").links("https://linkedin.com/in/janedoe", null, "https://jane.dev", null)
        .resume(Path.of("/tmp/r.pdf"), "Jane-Doe-CV.pdf", "application/pdf");
  }

  private static FormField field(Control control, String label, boolean required, List<String> options) {
    return FormField.of(control, label, "", "", "", "", required, options);
  }

  private static FillPlan plan(Applicant applicant, FormField... fields) {
    return FillPlanner.plan(List.of(fields), applicant, f -> Optional.empty());
  }

  @Test
  void profileFieldsAreFilledAndFilesGoFirst() {
    FormField first = field(Control.TEXT, "First name", true, List.of());
    FormField resume = field(Control.FILE, "Resume", true, List.of());
    FormField linkedin = field(Control.URL, "LinkedIn", false, List.of());
    FillPlan plan = plan(jane().build(), first, resume, linkedin);

    assertThat(plan.complete()).isTrue();
    assertThat(plan.actions()).extracting(FieldAction::op).containsExactly(Op.UPLOAD_RESUME, Op.TYPE, Op.TYPE);
    assertThat(plan.actions().get(1).value()).isEqualTo("Jane");
    assertThat(plan.actions().get(1).toString()).doesNotContain("Jane");
  }

  @Test
  void requiredUnknownQuestionIsPendingWithItsOptions() {
    FormField kotlin = field(Control.SELECT, "How many years of Kotlin experience do you have? *", true,
        List.of("0-1", "2-4", "5+"));
    FillPlan plan = plan(jane().build(), kotlin);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.pending()).singleElement().satisfies(q -> {
      assertThat(q.label()).isEqualTo("How many years of Kotlin experience do you have? *");
      assertThat(q.question()).isEqualTo("how many years of kotlin experience do you have");
      assertThat(q.type()).isEqualTo("select");
      assertThat(q.options()).containsExactly("0-1", "2-4", "5+");
      assertThat(q.reason()).isEqualTo(Reason.UNKNOWN);
    });
  }

  @Test
  void aHumansAnswerFillsThePendingQuestionOnResume() {
    FormField kotlin = field(Control.SELECT, "How many years of Kotlin experience do you have? *", true,
        List.of("0-1", "2-4", "5+"));
    Applicant answered = jane().answer("How many years of Kotlin experience do you have?", "2-4").build();

    FillPlan plan = plan(answered, kotlin);

    assertThat(plan.complete()).isTrue();
    assertThat(plan.actions()).singleElement().satisfies(a -> {
      assertThat(a.op()).isEqualTo(Op.CHOOSE);
      assertThat(a.value()).isEqualTo("2-4");
      assertThat(a.source()).isEqualTo(Source.ANSWER);
    });
  }

  @Test
  void anAnswerThatIsNotAnOptionStaysPending() {
    FormField kotlin = field(Control.SELECT, "Years of Kotlin?", true, List.of("0-1", "2-4", "5+"));
    FillPlan plan = plan(jane().answer("Years of Kotlin?", "three").build(), kotlin);
    assertThat(plan.pending()).singleElement().extracting(PendingQuestion::reason).isEqualTo(Reason.NOT_AN_OPTION);
  }

  @Test
  void optionalSensitiveAndUnknownFieldsAreLeftBlank() {
    FormField gender = FormField.of(Control.SELECT, "Gender", "eeo[gender]", "", "", "", false,
        List.of("Male", "Female", "Decline to self-identify"));
    FormField salary = field(Control.TEXT, "Salary expectations", false, List.of());
    FormField company = field(Control.TEXT, "Current company", false, List.of());
    FillPlan plan = plan(jane().build(), gender, salary, company);

    assertThat(plan.actions()).isEmpty();
    assertThat(plan.pending()).isEmpty();
    assertThat(plan.skipped()).extracting(FillPlan.Skipped::reason).containsExactly("sensitive", "sensitive", "unknown");
  }

  @Test
  void requiredSensitiveQuestionIsPendingNeverGuessed() {
    FormField veteran = FormField.of(Control.SELECT, "Veteran status *", "eeo[veteran]", "", "", "", true,
        List.of("I am a protected veteran", "I am not a protected veteran", "I decline to answer"));
    FillPlan plan = plan(jane().build(), veteran);
    assertThat(plan.pending()).singleElement().extracting(PendingQuestion::reason).isEqualTo(Reason.SENSITIVE);
  }

  @Test
  void sponsorshipComesOnlyFromTheStoredAnswer() {
    FormField sponsorship = field(Control.SELECT, "Will you now or in the future require sponsorship?", true,
        List.of("Yes", "No"));

    FillPlan unknown = plan(jane().build(), sponsorship);
    assertThat(unknown.pending()).singleElement().extracting(PendingQuestion::reason).isEqualTo(Reason.SPONSORSHIP);

    FillPlan known = plan(jane().workAuthorization(Set.of(), Optional.of(false)).build(), sponsorship);
    assertThat(known.actions()).singleElement().extracting(FieldAction::value).isEqualTo("No");

    FormField optional = field(Control.SELECT, "Do you require visa sponsorship?", false, List.of("Yes", "No"));
    assertThat(plan(jane().build(), optional).skipped()).singleElement()
        .extracting(FillPlan.Skipped::reason).isEqualTo("sponsorship");
  }

  @Test
  void workAuthorizationIsYesOnlyForAListedCountry() {
    Applicant authorisedInUs = jane().workAuthorization(Set.of("us", "DE"), Optional.of(false)).build();
    FormField us = field(Control.RADIO, "Are you legally authorized to work in the United States?", true, YES_NO);
    FormField uk = field(Control.RADIO, "Are you legally authorised to work in the UK?", true, YES_NO);
    FormField where = field(Control.RADIO, "Are you authorized to work in the country where this job is located?",
        true, YES_NO);

    FillPlan plan = plan(authorisedInUs, us, uk, where);

    assertThat(plan.actions()).singleElement().satisfies(a -> {
      assertThat(a.field()).isEqualTo(us);
      assertThat(a.value()).isEqualTo("Yes");
    });
    // Not listed is not a "no", and no country at all is not a guess: both are a human's call.
    assertThat(plan.pending()).extracting(PendingQuestion::reason)
        .containsExactly(Reason.WORK_AUTHORIZATION, Reason.WORK_AUTHORIZATION);
  }

  @Test
  void yesNoMatchesLongerOptionTextsButNotAmbiguousOnes() {
    assertThat(FillPlanner.matchOption(List.of("Yes, I am authorized", "No, I am not"), "Yes"))
        .contains("Yes, I am authorized");
    assertThat(FillPlanner.matchOption(List.of("Yes - full time", "Yes - part time", "No"), "Yes")).isEmpty();
    assertThat(FillPlanner.matchOption(List.of("Berlin, Germany", "Remote"), "Berlin")).isEmpty();
  }

  @Test
  void hiddenTextFieldsAreHoneypotsButHiddenFileInputsAreUploads() {
    FormField honeypot = new FormField("h", Control.TEXT, "Website", "website_confirm", "", "", "", false, false,
        List.of(), 0, "");
    FormField hiddenFile = new FormField("f", Control.FILE, "Resume", "resume", "", "", "", true, false, List.of(),
        0, "");
    FillPlan plan = plan(jane().build(), honeypot, hiddenFile);
    assertThat(plan.actions()).extracting(FieldAction::op).containsExactly(Op.UPLOAD_RESUME);
    assertThat(plan.skipped()).extracting(FillPlan.Skipped::reason).containsExactly("hidden");
  }

  @Test
  void missingProfileValuesAreAskedOnlyWhenRequired() {
    Applicant noPhone = Applicant.builder().name("Jane", "Doe").email("jane@example.org").build();
    FillPlan plan = plan(noPhone, field(Control.TEL, "Phone *", true, List.of()),
        field(Control.FILE, "Resume", true, List.of()), field(Control.TEXT, "GitHub", false, List.of()));
    assertThat(plan.pending()).extracting(PendingQuestion::reason)
        .containsExactly(Reason.MISSING_FROM_PROFILE, Reason.MISSING_FROM_PROFILE);
    assertThat(plan.skipped()).extracting(FillPlan.Skipped::reason).containsExactly("missing_from_profile");
  }

  @Test
  void theApplicantNeverPrintsItsValues() {
    assertThat(jane().answer("Why us?", "Because").build().toString())
        .doesNotContain("Jane", "jane@example.org", "Berlin", "Because");
  }
}
