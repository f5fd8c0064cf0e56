package com.jobswipe.automation.browser;

import com.jobswipe.automation.browser.FormField.Control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps a form field to what it asks for, from the employer's label, name, id, placeholder, {@code autocomplete}
 * and control type. Pure.
 *
 * <p>Order of decisions, safest first:
 * <ol>
 *   <li>Sensitive questions (EEO: gender, race/ethnicity, veteran, disability, orientation; pay; date of birth;
 *       government ids; criminal record) are recognised in <em>any</em> of the texts: a hint anywhere is enough to
 *       keep a value out.</li>
 *   <li>Sponsorship, then work authorisation, in any of the texts (sponsorship first: its questions often say
 *       "authorized" too).</li>
 *   <li>Files: cover letter or resume by their words, else unknown.</li>
 *   <li>Then the label (what the applicant would read), the name and id, the placeholder, the
 *       {@code autocomplete} token, and last the input type ({@code email}, {@code tel}).</li>
 * </ol>
 * Questions about somebody else (a referrer, a manager, an emergency contact) and about preferences ("preferred
 * location", "how did you hear about us") are {@link FieldKind#UNKNOWN}: our profile does not answer them.
 */
public final class FieldMapper {

  /** Words in names and ids that say nothing about the question. */
  private static final Set<String> NOISE = Set.of("job", "application", "applicant", "candidate", "systemfield",
      "input", "field", "your", "the", "please", "enter", "answers", "attributes", "text", "value", "question",
      "questions", "eeo", "cards", "urls", "form", "data");
  private static final String[] SOMEONE_ELSE = {"referrer", "referral", "referred", "referee", "reference",
      "references", "recruiter", "hiring manager", "manager", "supervisor", "emergency", "spouse", "parent",
      "guardian", "hear about", "heard about", "how did you hear", "lead source", "application source"};
  private static final String[] PREFERENCE = {"preferred", "prefer", "desired", "willing", "relocate",
      "relocation", "office", "offices", "which location", "which locations", "other locations"};

  private FieldMapper() {
  }

  public static FieldKind map(FormField field) {
    Control control = field.control();
    String label = Labels.normalise(field.label());
    String names = String.join(" ", meaningful(Labels.words(field.name()))) + " "
        + String.join(" ", meaningful(Labels.words(field.id())));
    names = names.trim();
    String placeholder = Labels.normalise(field.placeholder());
    String all = String.join(" ", label, names, placeholder).trim();
    String autocomplete = lastToken(field.autocomplete());

    FieldKind sensitive = sensitive(all, label, autocomplete);
    if (sensitive != null) {
      return sensitive;
    }
    if (sponsorship(all)) {
      return FieldKind.SPONSORSHIP;
    }
    if (workAuthorization(all)) {
      return FieldKind.WORK_AUTHORIZATION;
    }
    if (control == Control.FILE) {
      if (coverLetter(all)) {
        return FieldKind.COVER_LETTER_FILE;
      }
      if (Labels.hasAny(all, "resume", "cv", "curriculum vitae", "curriculum", "lebenslauf")) {
        return FieldKind.RESUME;
      }
      return FieldKind.UNKNOWN;
    }
    for (String text : List.of(label, names, placeholder)) {
      FieldKind kind = fromText(text, control);
      if (kind != null) {
        return kind;
      }
    }
    FieldKind fromAutocomplete = fromAutocomplete(autocomplete);
    if (fromAutocomplete != null) {
      return fromAutocomplete;
    }
    if (label.isEmpty() && names.isEmpty()) {
      if (control == Control.EMAIL) {
        return FieldKind.EMAIL;
      }
      if (control == Control.TEL) {
        return FieldKind.PHONE;
      }
    }
    if (control == Control.EMAIL && !Labels.hasAny(all, SOMEONE_ELSE)) {
      return FieldKind.EMAIL;
    }
    if (control == Control.TEL && !Labels.hasAny(all, SOMEONE_ELSE)) {
      return FieldKind.PHONE;
    }
    return FieldKind.UNKNOWN;
  }

  private static FieldKind sensitive(String all, String label, String autocomplete) {
    if (autocomplete.startsWith("bday")) {
      return FieldKind.DATE_OF_BIRTH;
    }
    if (autocomplete.equals("sex")) {
      return FieldKind.GENDER;
    }
    if (Labels.hasAny(all, "sexual orientation", "lgbt", "lgbtq", "lgbtqia", "transgender")) {
      return FieldKind.SEXUAL_ORIENTATION;
    }
    if (Labels.hasAny(all, "gender", "sex", "pronoun", "pronouns", "gender identity")) {
      return FieldKind.GENDER;
    }
    if (Labels.hasAny(all, "race", "racial", "ethnicity", "ethnic", "hispanic", "latino", "latinx")) {
      return FieldKind.RACE_ETHNICITY;
    }
    if (Labels.hasAny(all, "veteran", "veterans", "armed forces", "military service", "military status")) {
      return FieldKind.VETERAN_STATUS;
    }
    if (Labels.hasAny(all, "disability", "disabilities", "disabled", "handicap")) {
      return FieldKind.DISABILITY;
    }
    if (Labels.hasAny(all, "salary", "salaries", "compensation", "remuneration", "wage", "wages", "pay expectation",
        "pay expectations", "expected pay", "desired pay", "pay range", "hourly rate", "day rate", "daily rate",
        "rate expectation", "rate expectations", "ctc", "current ctc", "expected ctc", "ote", "gehaltsvorstellung")) {
      return FieldKind.COMPENSATION;
    }
    if (Labels.hasAny(all, "date of birth", "birth date", "birthdate", "birthday", "dob", "bday", "year of birth")
        || Labels.hasAny(label, "age", "your age")) {
      return FieldKind.DATE_OF_BIRTH;
    }
    if (Labels.hasAny(all, "ssn", "social security", "social insurance", "national insurance", "passport",
        "driver s license", "drivers license", "driver license", "driving licence", "driver s licence",
        "tax id", "tax identification", "national id", "national identity", "identity card", "id card", "tfn")) {
      return FieldKind.GOVERNMENT_ID;
    }
    if (Labels.hasAny(all, "convicted", "conviction", "convictions", "criminal", "felony", "felonies",
        "misdemeanor", "arrested")) {
      return FieldKind.CRIMINAL_RECORD;
    }
    return null;
  }

  private static boolean sponsorship(String all) {
    return Labels.hasAny(all, "sponsorship", "sponsor", "sponsored", "visa sponsorship")
        || (Labels.hasAny(all, "visa", "h 1b", "h1b", "work visa")
        && Labels.hasAny(all, "require", "requires", "need", "needs", "will you"));
  }

  private static boolean workAuthorization(String all) {
    return Labels.hasAny(all, "authorized to work", "authorised to work", "eligible to work", "eligibility to work",
        "legally authorized", "legally authorised", "right to work", "work permit", "legally permitted",
        "permitted to work", "permission to work", "work authorization", "work authorisation",
        "legally able to work", "entitled to work", "lawfully work");
  }

  private static boolean coverLetter(String text) {
    return Labels.hasAny(text, "cover letter", "coverletter", "motivation letter", "letter of motivation",
        "motivational letter", "anschreiben");
  }

  /** The kind a text names, {@link FieldKind#UNKNOWN} when it names a question we must not answer, else null. */
  private static FieldKind fromText(String text, Control control) {
    if (text.isEmpty()) {
      return null;
    }
    boolean someoneElse = Labels.hasAny(text, SOMEONE_ELSE);
    if (Labels.hasAny(text, "linkedin", "linked in")) {
      return someoneElse ? FieldKind.UNKNOWN : FieldKind.LINKEDIN;
    }
    if (Labels.hasAny(text, "github", "git hub")) {
      return someoneElse ? FieldKind.UNKNOWN : FieldKind.GITHUB;
    }
    if (Labels.hasAny(text, "other website", "other websites", "other link", "other links", "other url",
        "other profile", "other")) {
      if (Labels.hasAny(text, "url", "link", "links", "website", "websites", "profile", "site")) {
        return FieldKind.OTHER_LINK;
      }
    }
    if (Labels.hasAny(text, "portfolio", "website", "personal site", "personal website", "homepage", "home page",
        "blog", "personal url", "web site")) {
      return someoneElse ? FieldKind.UNKNOWN : FieldKind.WEBSITE;
    }
    if (coverLetter(text) && (control == Control.TEXTAREA || control == Control.TEXT)) {
      return FieldKind.COVER_LETTER_TEXT;
    }
    if (someoneElse) {
      return FieldKind.UNKNOWN;
    }
    if (Labels.hasAny(text, "email", "e mail", "email address", "mail")) {
      return FieldKind.EMAIL;
    }
    if (Labels.hasAny(text, "phone", "telephone", "mobile", "cell", "cellphone", "phone number", "tel", "telefon",
        "mobile number")) {
      return FieldKind.PHONE;
    }
    if (Labels.hasAny(text, "first name", "given name", "given names", "forename", "firstname", "fname", "vorname")) {
      return FieldKind.FIRST_NAME;
    }
    if (Labels.hasAny(text, "last name", "surname", "family name", "lastname", "lname", "nachname")) {
      return FieldKind.LAST_NAME;
    }
    if (Labels.hasAny(text, "full name", "legal name", "full legal name", "fullname", "name surname")
        || text.equals("name") || text.equals("your name") || text.equals("applicant name")
        || text.equals("candidate name") || text.equals("first and last name")) {
      return FieldKind.FULL_NAME;
    }
    if (Labels.hasAny(text, "location", "city", "current location", "current city", "town", "city state",
        "where are you based", "where are you located")) {
      return Labels.hasAny(text, PREFERENCE) ? FieldKind.UNKNOWN : FieldKind.LOCATION;
    }
    return null;
  }

  private static FieldKind fromAutocomplete(String token) {
    return switch (token) {
      case "given-name" -> FieldKind.FIRST_NAME;
      case "family-name" -> FieldKind.LAST_NAME;
      case "name" -> FieldKind.FULL_NAME;
      case "email" -> FieldKind.EMAIL;
      case "tel", "tel-national" -> FieldKind.PHONE;
      case "address-level2" -> FieldKind.LOCATION;
      default -> null;
    };
  }

  /** The field-name token of an autocomplete attribute ({@code "section-a shipping given-name"} → given-name). */
  private static String lastToken(String autocomplete) {
    String[] tokens = autocomplete.trim().toLowerCase(Locale.ROOT).split("\\s+");
    for (int i = tokens.length - 1; i >= 0; i--) {
      String t = tokens[i];
      if (!t.isEmpty() && !t.equals("webauthn") && !t.startsWith("section-") && !Set.of("shipping", "billing",
          "home", "work", "mobile", "fax", "pager").contains(t)) {
        return t;
      }
    }
    return "";
  }

  private static List<String> meaningful(List<String> words) {
    List<String> kept = new ArrayList<>();
    for (String w : words) {
      if (!NOISE.contains(w) && !w.matches("\\d+") && !w.matches("[0-9a-f]{8,}")) {
        kept.add(w);
      }
    }
    return kept;
  }
}
