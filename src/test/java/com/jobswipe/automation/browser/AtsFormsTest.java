package com.jobswipe.automation.browser;

import com.jobswipe.automation.browser.AtsReplicas.Submission;
import com.jobswipe.automation.browser.AtsReplicas.Upload;
import com.jobswipe.automation.browser.ConfirmationReport.Status;
import com.jobswipe.automation.browser.PendingQuestion.Reason;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each ATS replica filled and submitted by real Chromium; the replica server checks what arrived: every field, and
 * the resume's bytes. Also the stops: a required question nobody answered, unknown sponsorship, and a dry run.
 */
@ExtendWith(TestBrowsers.class)
class AtsFormsTest {

  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};
  static final String COVER_LETTER = "Dear Acme team,\nI have run dispatch systems at scale for six years.\nJane";

  private static AtsReplicas replicas;
  private static BrowserPool pool;
  private static Path resume;
  private static byte[] resumeBytes;

  @BeforeAll
  static void start() throws IOException {
    replicas = TestBrowsers.replicas();
    pool = TestBrowsers.pool();
    resume = Files.createTempFile("resume-", ".pdf");
    resumeBytes = ("%PDF-1.4\n% Jane Doe resume for JobSwipe tests\n1 0 obj << /Type /Catalog >> endobj\n"
        + "trailer << /Root 1 0 R >>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    Files.write(resume, resumeBytes);
  }

  @AfterAll
  static void removeResume() throws IOException {
    Files.deleteIfExists(resume);
  }

  @BeforeEach
  void forgetSubmissions() {
    replicas.clear();
  }

  /** Authorised in the US and Germany, needs no sponsorship. */
  static Applicant.Builder jane() {
    return Applicant.builder()
        .name("Jane", "Doe")
        .email("jane.doe@example.org")
        .phone("+49 30 1234567")
        .location("Berlin")
        .links("https://www.linkedin.com/in/janedoe", "https://github.com/janedoe", "https://janedoe.dev", null)
        .resume(resume, "Jane-Doe-CV.pdf", "application/pdf")
        .coverLetter(COVER_LETTER)
        .workAuthorization(Set.of("US", "DE"), Optional.of(false));
  }

  private static URI url(String path) {
    return URI.create(replicas.url(path));
  }

  /** Opens, checks for captchas, fills, submits once and waits for the thank-you page. */
  private static FillReport apply(URI url, Applicant applicant, AtsKind expected) {
    try (FormRun run = pool.newRun().value()) {
      Opened opened = run.open(url).value();
      assertThat(opened.ats()).isEqualTo(expected);
      assertThat(opened.formFound()).isTrue();
      assertThat(run.detectCaptcha().value().blocking()).isFalse();
      FillReport fill = run.fill(applicant).value();
      assertThat(fill.pending()).as("pending questions").isEmpty();
      assertThat(fill.screenshot()).startsWith(PNG);
      assertThat(run.memory().processes()).isPositive();

      SubmitReport submitted = run.submit().value();
      assertThat(submitted.button()).containsPattern("(?i)submit|apply|send");
      ConfirmationReport confirmation = run.confirmation().value();
      assertThat(confirmation.status()).as("confirmation: %s", confirmation.evidence()).isEqualTo(Status.CONFIRMED);
      assertThat(confirmation.screenshot()).startsWith(PNG);

      StepFailure again = run.submit().failure().orElseThrow();
      assertThat(again.kind()).isEqualTo(StepFailure.Kind.ALREADY_SUBMITTED);
      assertThat(again.submitMayHaveHappened()).isTrue();
      return fill;
    }
  }

  private static Submission onlySubmissionTo(String prefix) {
    List<Submission> posts = replicas.submissionsTo(prefix);
    assertThat(posts).as("POSTs to %s", prefix).hasSize(1);
    return posts.get(0);
  }

  private static void assertResume(Upload upload) {
    assertThat(upload.filename()).isEqualTo("Jane-Doe-CV.pdf");
    assertThat(upload.contentType()).isEqualTo("application/pdf");
    assertThat(upload.bytes()).isEqualTo(resumeBytes);
  }

  @Test
  void greenhouseLegacyFormIsFilledAndSubmittedOnce() {
    FillReport fill = apply(url("/greenhouse/acme/jobs/4012345"), jane().build(), AtsKind.GREENHOUSE);

    assertThat(fill.filledNames()).contains("job_application[first_name]", "job_application[last_name]",
        "job_application[email]", "job_application[phone]", "job_application[location]",
        "job_application[answers_attributes][0][text_value]",
        "job_application[answers_attributes][2][boolean_value]");
    assertThat(fill.filled()).extracting(FilledField::kind)
        .contains(FieldKind.RESUME, FieldKind.COVER_LETTER_FILE, FieldKind.WORK_AUTHORIZATION, FieldKind.SPONSORSHIP);
    assertThat(fill.skipped()).extracting(FillPlan.Skipped::field).contains("job_application[gender]",
        "job_application[answers_attributes][4][text_value]");

    // The files went ahead to "S3", as on the real board.
    List<Submission> s3 = replicas.submissionsTo("/s3/");
    assertThat(s3).hasSize(2);
    Submission resumeUpload = s3.stream().filter(s -> s.field("key").contains("/resumes/")).findFirst().orElseThrow();
    assertResume(resumeUpload.upload("file"));
    Submission letterUpload = s3.stream().filter(s -> s.field("key").contains("/cover_letters/")).findFirst()
        .orElseThrow();
    assertThat(new String(letterUpload.upload("file").bytes(), StandardCharsets.UTF_8)).isEqualTo(COVER_LETTER);

    Submission app = onlySubmissionTo("/greenhouse/acme/jobs/4012345");
    assertThat(app.field("job_application[first_name]")).isEqualTo("Jane");
    assertThat(app.field("job_application[last_name]")).isEqualTo("Doe");
    assertThat(app.field("job_application[email]")).isEqualTo("jane.doe@example.org");
    assertThat(app.field("job_application[phone]")).isEqualTo("+49 30 1234567");
    assertThat(app.field("job_application[location]")).isEqualTo("Berlin");
    assertThat(app.field("job_application[resume_url]")).endsWith("/resumes/Jane-Doe-CV.pdf");
    assertThat(app.field("job_application[resume_url_filename]")).isEqualTo("Jane-Doe-CV.pdf");
    assertThat(app.field("job_application[cover_letter_url]")).endsWith("/cover_letters/cover-letter.txt");
    assertThat(app.field("job_application[answers_attributes][0][text_value]"))
        .isEqualTo("https://www.linkedin.com/in/janedoe");
    assertThat(app.field("job_application[answers_attributes][1][text_value]")).isEqualTo("https://janedoe.dev");
    assertThat(app.field("job_application[answers_attributes][2][boolean_value]")).isEqualTo("1");
    assertThat(app.field("job_application[answers_attributes][3][boolean_value]")).isEqualTo("0");
    assertThat(app.field("job_application[answers_attributes][4][text_value]")).as("salary").isEmpty();
    for (String eeo : List.of("gender", "hispanic_ethnicity", "veteran_status", "disability_status")) {
      assertThat(app.field("job_application[" + eeo + "]")).as(eeo).isEmpty();
    }
  }

  @Test
  void greenhouseReactFormIsFilledThroughItsComboboxesAndSubmitted() {
    FillReport fill = apply(url("/greenhouse-new/acmelogistics/jobs/4012346"), jane().build(), AtsKind.GREENHOUSE);

    assertThat(fill.filledNames()).contains("first_name", "last_name", "email", "phone", "resume", "cover_letter",
        "question_30123456", "question_30123457", "question_30123458", "question_30123459");
    assertThat(fill.skipped()).extracting(FillPlan.Skipped::field)
        .contains("country", "question_30123460", "gender", "hispanic_ethnicity", "veteran_status",
            "disability_status");

    Submission app = onlySubmissionTo("/greenhouse-new/acmelogistics/jobs/4012346");
    assertThat(app.field("first_name")).isEqualTo("Jane");
    assertThat(app.field("last_name")).isEqualTo("Doe");
    assertThat(app.field("email")).isEqualTo("jane.doe@example.org");
    assertThat(app.field("phone")).isEqualTo("+49 30 1234567");
    assertThat(app.field("question_30123456")).isEqualTo("https://www.linkedin.com/in/janedoe");
    assertThat(app.field("question_30123457")).isEqualTo("https://github.com/janedoe");
    assertThat(app.field("question_30123458")).as("authorised in the US").isEqualTo("Yes");
    assertThat(app.field("question_30123459")).as("sponsorship").isEqualTo("No");
    assertThat(app.field("question_30123460")).as("why us: nobody answered").isEmpty();
    assertThat(app.fields()).doesNotContainKeys("gender", "hispanic_ethnicity", "veteran_status", "disability_status",
        "country");
    assertResume(app.upload("resume"));
    assertThat(new String(app.upload("cover_letter").bytes(), StandardCharsets.UTF_8)).isEqualTo(COVER_LETTER);
  }

  @Test
  void leverFormIsFilledAfterItsResumeParserAndSubmitted() {
    URI apply = url(AtsReplicas.LEVER_POSTING + "/apply");
    try (FormRun run = pool.newRun().value()) {
      assertThat(run.open(apply).value().ats()).isEqualTo(AtsKind.LEVER);
      CaptchaReport captcha = run.detectCaptcha().value();
      assertThat(captcha.captcha()).map(Captcha::kind).contains(CaptchaKind.HCAPTCHA);
      assertThat(captcha.blocking()).as("Lever's hCaptcha is invisible").isFalse();
    }
    replicas.clear();

    FillReport fill = apply(apply, jane().build(), AtsKind.LEVER);

    assertThat(fill.filledNames()).containsExactlyInAnyOrder("resume", "name", "email", "phone", "location",
        "urls[LinkedIn]", "urls[GitHub]", "urls[Portfolio]", "cards[9b0f5e2a-7c41-4c8e-b1d2-5a6f7e8d9c01][field0]",
        "cards[9b0f5e2a-7c41-4c8e-b1d2-5a6f7e8d9c01][field1]", "comments");
    Submission app = onlySubmissionTo(AtsReplicas.LEVER_POSTING + "/apply");
    assertThat(app.field("name")).as("typed after Lever's parser wrote its guess").isEqualTo("Jane Doe");
    assertThat(app.field("email")).isEqualTo("jane.doe@example.org");
    assertThat(app.field("phone")).isEqualTo("+49 30 1234567");
    assertThat(app.field("location")).isEqualTo("Berlin");
    assertThat(app.field("org")).as("current company: not in the profile").isEmpty();
    assertThat(app.field("urls[LinkedIn]")).isEqualTo("https://www.linkedin.com/in/janedoe");
    assertThat(app.field("urls[GitHub]")).isEqualTo("https://github.com/janedoe");
    assertThat(app.field("urls[Portfolio]")).isEqualTo("https://janedoe.dev");
    assertThat(app.field("urls[Twitter]")).isEmpty();
    assertThat(app.field("urls[Other]")).isEmpty();
    assertThat(app.field("cards[9b0f5e2a-7c41-4c8e-b1d2-5a6f7e8d9c01][field0]")).isEqualTo("Yes");
    assertThat(app.field("cards[9b0f5e2a-7c41-4c8e-b1d2-5a6f7e8d9c01][field1]")).isEqualTo("No");
    assertThat(app.field("cards[9b0f5e2a-7c41-4c8e-b1d2-5a6f7e8d9c01][field2]")).as("salary").isEmpty();
    assertThat(app.field("cards[9b0f5e2a-7c41-4c8e-b1d2-5a6f7e8d9c01][baseTemplate]")).contains("Work authorization");
    assertThat(app.field("comments")).as("a form post sends CRLF line ends").isEqualTo(COVER_LETTER.replace("\n", "\r\n"));
    assertThat(app.field("eeo[gender]")).isEmpty();
    assertThat(app.field("eeo[race]")).isEmpty();
    assertThat(app.field("eeo[veteran]")).isEmpty();
    assertResume(app.upload("resume"));
  }

  @Test
  void ashbyFormIsRenderedFilledAndSubmittedInPlace() {
    FillReport fill = apply(url(AtsReplicas.ASHBY_POSTING + "/application"), jane().build(), AtsKind.ASHBY);

    assertThat(fill.filled()).extracting(FilledField::kind).contains(FieldKind.FULL_NAME, FieldKind.EMAIL,
        FieldKind.RESUME, FieldKind.PHONE, FieldKind.LINKEDIN, FieldKind.WORK_AUTHORIZATION, FieldKind.SPONSORSHIP,
        FieldKind.COVER_LETTER_TEXT);
    Submission app = onlySubmissionTo("/ashby/api/non-user-graphql?op=ApiSubmitSingleApplicationFormAction");
    JsonObject operations = new JsonObject(app.field("operations"));
    assertThat(operations.getString("operationName")).isEqualTo("ApiSubmitSingleApplicationFormAction");
    Map<String, Object> answers = new HashMap<>();
    JsonArray submitted = operations.getJsonObject("variables").getJsonArray("fieldSubmissions");
    for (int i = 0; i < submitted.size(); i++) {
      answers.put(submitted.getJsonObject(i).getString("path"), submitted.getJsonObject(i).getValue("value"));
    }
    assertThat(answers).containsEntry("_systemfield_name", "Jane Doe")
        .containsEntry("_systemfield_email", "jane.doe@example.org")
        .containsEntry("2b7e4f10-93c1-4a6d-8e2f-7c1a0b9d8e3f", "+49 30 1234567")
        .containsEntry("5d9c3b2a-1e0f-4a8b-9c7d-6e5f4a3b2c1d", "https://www.linkedin.com/in/janedoe")
        .containsEntry("8a7b6c5d-4e3f-4a2b-8c1d-0e9f8a7b6c5d", true)
        .containsEntry("c4d3e2f1-a0b9-4c8d-7e6f-5a4b3c2d1e0f", false)
        .containsEntry("1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d", COVER_LETTER)
        .containsKey("_systemfield_resume")
        .doesNotContainKeys("_systemfield_eeoc_gender", "_systemfield_eeoc_veteran_status",
            "f0e1d2c3-b4a5-4968-8778-695a4b3c2d1e");
    assertThat(new JsonObject(app.field("map")).getJsonArray("0")).isNotEmpty();
    assertResume(app.upload("0"));
  }

  @Test
  void genericCareersFormLeavesTheNewsletterAndTheHoneypotAlone() {
    Applicant applicant = jane().answer(privacyQuestion(), "yes").build();
    FillReport fill = apply(url("/careers/apply/backend-engineer"), applicant, AtsKind.GENERIC);

    assertThat(fill.filledNames()).containsExactlyInAnyOrder("cv", "candidate[given]", "candidate[family]",
        "candidate[mail]", "candidate[mobile]", "candidate[city]", "profiles[linkedin]", "profiles[web]",
        "motivation", "visa", "privacy");
    assertThat(fill.skipped()).extracting(FillPlan.Skipped::field, FillPlan.Skipped::reason)
        .contains(org.assertj.core.groups.Tuple.tuple("website_url", "hidden"),
            org.assertj.core.groups.Tuple.tuple("gender", "sensitive"),
            org.assertj.core.groups.Tuple.tuple("dob", "sensitive"));

    assertThat(replicas.submissionsTo("/newsletter")).isEmpty();
    Submission app = onlySubmissionTo("/careers/apply/backend-engineer");
    assertThat(app.field("candidate[given]")).isEqualTo("Jane");
    assertThat(app.field("candidate[family]")).isEqualTo("Doe");
    assertThat(app.field("candidate[mail]")).isEqualTo("jane.doe@example.org");
    assertThat(app.field("candidate[mobile]")).isEqualTo("+49 30 1234567");
    assertThat(app.field("candidate[city]")).isEqualTo("Berlin");
    assertThat(app.field("profiles[linkedin]")).isEqualTo("https://www.linkedin.com/in/janedoe");
    assertThat(app.field("profiles[web]")).isEqualTo("https://janedoe.dev");
    assertThat(app.field("motivation")).isEqualTo(COVER_LETTER.replace("\n", "\r\n"));
    assertThat(app.field("visa")).isEqualTo("no");
    assertThat(app.field("gender")).isEmpty();
    assertThat(app.field("dob")).isEmpty();
    assertThat(app.field("website_url")).as("honeypot").isEmpty();
    assertThat(app.field("privacy")).isEqualTo("accepted");
    assertThat(app.field("job_ref")).isEqualTo("NR-2024-117");
    assertResume(app.upload("cv"));
  }

  @Test
  void aRequiredUnknownQuestionStopsTheRunBeforeSubmit() {
    URI kotlin = url("/careers/apply/kotlin-engineer");
    PendingQuestion question;
    try (FormRun run = pool.newRun().value()) {
      run.open(kotlin).value();
      FillReport fill = run.fill(jane().build()).value();

      assertThat(fill.readyToSubmit()).isFalse();
      question = fill.pending().get(0);
      assertThat(fill.pending()).hasSize(1);
      assertThat(question.label()).isEqualTo("How many years of professional Kotlin experience do you have? *");
      assertThat(question.type()).isEqualTo("select");
      assertThat(question.options()).containsExactly("Less than 1", "1-3", "3-5", "5+");
      assertThat(question.reason()).isEqualTo(Reason.UNKNOWN);
      assertThat(fill.screenshot()).startsWith(PNG);

      StepFailure refused = run.submit().failure().orElseThrow();
      assertThat(refused.kind()).isEqualTo(StepFailure.Kind.NOT_READY);
      assertThat(refused.submitMayHaveHappened()).isFalse();
    }
    assertThat(replicas.submissionsTo("/careers/apply/kotlin-engineer")).isEmpty();

    // The human answers under the question's label; the resumed run submits.
    Applicant answered = jane().build().withAnswers(Map.of(question.label(), "3-5"));
    apply(kotlin, answered, AtsKind.GENERIC);
    Submission app = onlySubmissionTo("/careers/apply/kotlin-engineer");
    assertThat(app.field("kotlin_years")).isEqualTo("3-5");
    assertThat(app.field("anything_else")).isEmpty();
    assertResume(app.upload("resume"));
  }

  @Test
  void unknownSponsorshipOnARequiredQuestionIsPending() {
    Applicant unknownSponsorship = jane().workAuthorization(Set.of("DE"), Optional.empty())
        .answer(privacyQuestion(), "yes").build();
    try (FormRun run = pool.newRun().value()) {
      run.open(url("/careers/apply/backend-engineer")).value();
      FillReport fill = run.fill(unknownSponsorship).value();

      assertThat(fill.pending()).singleElement().satisfies(q -> {
        assertThat(q.reason()).isEqualTo(Reason.SPONSORSHIP);
        assertThat(q.label()).isEqualTo("Do you require visa sponsorship to work in Germany? *");
        assertThat(q.options()).containsExactly("Yes", "No");
        assertThat(q.field()).isEqualTo("visa");
      });
      assertThat(run.submit().failure()).map(StepFailure::kind).contains(StepFailure.Kind.NOT_READY);
    }
    assertThat(replicas.submissionsTo("/careers/apply/")).isEmpty();
  }

  @Test
  void aDryRunFillsAndShowsButSubmitsNothing() {
    try (FormRun run = pool.newRun().value()) {
      run.open(url("/greenhouse-new/acmelogistics/jobs/4012346")).value();
      FillReport fill = run.fill(jane().build()).value();
      assertThat(fill.readyToSubmit()).isTrue();
      assertThat(fill.screenshot()).startsWith(PNG);
      assertThat(fill.screenshot().length).isGreaterThan(10_000);
    }
    assertThat(replicas.submissions()).isEmpty();
  }

  private static String privacyQuestion() {
    return "I have read the privacy policy and agree that Northwind Robotics processes my data for this application. *";
  }
}
