package com.jobswipe.automation.browser;

import com.jobswipe.automation.browser.FormField.Control;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Field mapping on labels, names, ids, placeholders and autocomplete tokens as real ATS forms write them. */
class FieldMapperTest {

  private static FieldKind label(Control control, String label) {
    return FieldMapper.map(FormField.of(control, label, "", "", "", "", false, List.of()));
  }

  private static FieldKind named(Control control, String name) {
    return FieldMapper.map(FormField.of(control, "", name, "", "", "", false, List.of()));
  }

  @Test
  void namesFromLabelsNamesAndAutocomplete() {
    assertThat(label(Control.TEXT, "First Name *")).isEqualTo(FieldKind.FIRST_NAME);
    assertThat(label(Control.TEXT, "Given name(s)")).isEqualTo(FieldKind.FIRST_NAME);
    assertThat(label(Control.TEXT, "Last Name*")).isEqualTo(FieldKind.LAST_NAME);
    assertThat(label(Control.TEXT, "Surname")).isEqualTo(FieldKind.LAST_NAME);
    assertThat(label(Control.TEXT, "Full name ✱")).isEqualTo(FieldKind.FULL_NAME);
    assertThat(label(Control.TEXT, "Name")).isEqualTo(FieldKind.FULL_NAME);
    assertThat(named(Control.TEXT, "job_application[first_name]")).isEqualTo(FieldKind.FIRST_NAME);
    assertThat(named(Control.TEXT, "job_application[last_name]")).isEqualTo(FieldKind.LAST_NAME);
    assertThat(named(Control.TEXT, "_systemfield_name")).isEqualTo(FieldKind.FULL_NAME);
    assertThat(named(Control.TEXT, "name")).isEqualTo(FieldKind.FULL_NAME);
    assertThat(named(Control.TEXT, "firstName")).isEqualTo(FieldKind.FIRST_NAME);
    assertThat(FieldMapper.map(FormField.of(Control.TEXT, "", "q1", "q1", "", "section-apply given-name", false,
        List.of()))).isEqualTo(FieldKind.FIRST_NAME);
    assertThat(FieldMapper.map(FormField.of(Control.TEXT, "", "q2", "", "", "family-name", false, List.of())))
        .isEqualTo(FieldKind.LAST_NAME);
  }

  @Test
  void otherPeoplesNamesAndPreferencesAreUnknown() {
    assertThat(label(Control.TEXT, "Preferred name")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(label(Control.TEXT, "Company name")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(label(Control.TEXT, "Referrer's full name")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(label(Control.EMAIL, "Referrer email")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(label(Control.TEL, "Emergency contact phone")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(label(Control.SELECT, "How did you hear about us? (LinkedIn, website, …)")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(label(Control.SELECT, "Preferred office location")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(label(Control.TEXT, "Current company")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(label(Control.TEXT, "Twitter URL")).isEqualTo(FieldKind.UNKNOWN);
  }

  @Test
  void contactAndLinks() {
    assertThat(label(Control.TEXT, "Email")).isEqualTo(FieldKind.EMAIL);
    assertThat(label(Control.TEXT, "E-mail address")).isEqualTo(FieldKind.EMAIL);
    assertThat(named(Control.EMAIL, "_systemfield_email")).isEqualTo(FieldKind.EMAIL);
    assertThat(FieldMapper.map(FormField.of(Control.EMAIL, "", "", "", "", "", true, List.of())))
        .isEqualTo(FieldKind.EMAIL);
    assertThat(label(Control.TEL, "Mobile")).isEqualTo(FieldKind.PHONE);
    assertThat(label(Control.TEXT, "Phone number")).isEqualTo(FieldKind.PHONE);
    assertThat(label(Control.TEXT, "Current location")).isEqualTo(FieldKind.LOCATION);
    assertThat(label(Control.TEXT, "City")).isEqualTo(FieldKind.LOCATION);
    assertThat(label(Control.TEXT, "LinkedIn Profile")).isEqualTo(FieldKind.LINKEDIN);
    assertThat(named(Control.TEXT, "urls[LinkedIn]")).isEqualTo(FieldKind.LINKEDIN);
    assertThat(named(Control.TEXT, "urls[GitHub]")).isEqualTo(FieldKind.GITHUB);
    assertThat(named(Control.TEXT, "urls[Portfolio]")).isEqualTo(FieldKind.WEBSITE);
    assertThat(label(Control.URL, "Website")).isEqualTo(FieldKind.WEBSITE);
    assertThat(label(Control.TEXT, "Other website")).isEqualTo(FieldKind.OTHER_LINK);
  }

  @Test
  void filesAndCoverLetters() {
    assertThat(label(Control.FILE, "Resume/CV")).isEqualTo(FieldKind.RESUME);
    assertThat(named(Control.FILE, "resume")).isEqualTo(FieldKind.RESUME);
    assertThat(named(Control.FILE, "_systemfield_resume")).isEqualTo(FieldKind.RESUME);
    assertThat(label(Control.FILE, "Cover Letter")).isEqualTo(FieldKind.COVER_LETTER_FILE);
    assertThat(label(Control.FILE, "Transcript")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(label(Control.TEXTAREA, "Cover letter")).isEqualTo(FieldKind.COVER_LETTER_TEXT);
    assertThat(FieldMapper.map(FormField.of(Control.TEXTAREA, "Additional information", "comments", "",
        "Add a cover letter or anything else you want to share.", "", false, List.of())))
        .isEqualTo(FieldKind.COVER_LETTER_TEXT);
    assertThat(label(Control.TEXT, "How will you cover relocation costs?")).isEqualTo(FieldKind.UNKNOWN);
  }

  @Test
  void eligibilityQuestions() {
    assertThat(label(Control.SELECT, "Are you legally authorized to work in the United States? *"))
        .isEqualTo(FieldKind.WORK_AUTHORIZATION);
    assertThat(label(Control.RADIO, "Do you have the right to work in the UK?")).isEqualTo(FieldKind.WORK_AUTHORIZATION);
    assertThat(label(Control.SELECT, "Will you now or in the future require sponsorship for employment visa status"
        + " (e.g. H-1B visa status)?")).isEqualTo(FieldKind.SPONSORSHIP);
    assertThat(label(Control.YES_NO, "Will you require visa sponsorship to be authorized to work in Germany?"))
        .isEqualTo(FieldKind.SPONSORSHIP);
    assertThat(label(Control.SELECT, "Do you need a visa to work here?")).isEqualTo(FieldKind.SPONSORSHIP);
  }

  @Test
  void sensitiveQuestionsWinOverEverythingElse() {
    assertThat(named(Control.SELECT, "eeo[gender]")).isEqualTo(FieldKind.GENDER);
    assertThat(named(Control.SELECT, "eeo[race]")).isEqualTo(FieldKind.RACE_ETHNICITY);
    assertThat(named(Control.SELECT, "eeo[veteran]")).isEqualTo(FieldKind.VETERAN_STATUS);
    assertThat(named(Control.SELECT, "eeo[disability]")).isEqualTo(FieldKind.DISABILITY);
    assertThat(named(Control.SELECT, "job_application[hispanic_ethnicity]")).isEqualTo(FieldKind.RACE_ETHNICITY);
    assertThat(label(Control.SELECT, "Are you Hispanic/Latino?")).isEqualTo(FieldKind.RACE_ETHNICITY);
    assertThat(label(Control.TEXT, "What are your salary expectations?")).isEqualTo(FieldKind.COMPENSATION);
    assertThat(label(Control.TEXT, "Desired compensation (USD)")).isEqualTo(FieldKind.COMPENSATION);
    assertThat(label(Control.DATE, "Date of birth")).isEqualTo(FieldKind.DATE_OF_BIRTH);
    assertThat(FieldMapper.map(FormField.of(Control.TEXT, "", "dob", "", "", "bday", false, List.of())))
        .isEqualTo(FieldKind.DATE_OF_BIRTH);
    assertThat(label(Control.TEXT, "Social Security Number (SSN)")).isEqualTo(FieldKind.GOVERNMENT_ID);
    assertThat(label(Control.TEXT, "National Insurance number")).isEqualTo(FieldKind.GOVERNMENT_ID);
    assertThat(label(Control.RADIO, "Have you ever been convicted of a felony?")).isEqualTo(FieldKind.CRIMINAL_RECORD);
    assertThat(label(Control.TEXT, "Pronouns")).isEqualTo(FieldKind.GENDER);
    // A sensitive hint in the name is enough, even under a harmless-looking label.
    assertThat(FieldMapper.map(FormField.of(Control.TEXT, "Tell us more", "salary_expectation", "", "", "", false,
        List.of()))).isEqualTo(FieldKind.COMPENSATION);
    // Whole words only: "grace", "stage" and "message" are not race or age.
    assertThat(label(Control.TEXTAREA, "Describe a stage of a project where grace under pressure mattered"))
        .isEqualTo(FieldKind.UNKNOWN);
  }

  @Test
  void unknownQuestionsStayUnknown() {
    assertThat(label(Control.SELECT, "How many years of Kotlin experience do you have?")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(label(Control.TEXTAREA, "Why do you want to work at Acme?")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(named(Control.TEXT, "job_application[answers_attributes][0][text_value]")).isEqualTo(FieldKind.UNKNOWN);
    assertThat(named(Control.TEXT, "cards[6f2c1c5e-3b1a-4d8e-9d57-0f4b1c2d3e4f][field0]")).isEqualTo(FieldKind.UNKNOWN);
  }

  @Test
  void labelsNormaliseForAnswerLookup() {
    assertThat(Labels.normalise("  Are you legally authorised to work in the U.S.? * ")).isEqualTo(
        "are you legally authorised to work in the u s");
    assertThat(Labels.normalise("Why Acme? (required)")).isEqualTo("why acme");
    assertThat(Labels.normalise("Résumé ✱")).isEqualTo("resume");
    assertThat(Labels.words("urls[LinkedIn]")).containsExactly("urls", "linked", "in");
  }
}
