package com.jobswipe.automation.browser;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * EmptyRequest the robot may type into an employer's form, built by the caller from the decrypted profile. Nothing
 * else reaches a form: a question this record does not answer is left blank or asked of a human.
 *
 * <p>{@link #toString()} names no value, so an applicant logged by mistake leaks nothing.
 *
 * @param answers a human's earlier answers, by question label; keys are normalised ({@link Labels#normalise}), so
 *     the label of a {@link PendingQuestion} can be used as it came
 */
public record Applicant(String firstName, String lastName, String fullName, String email, Optional<String> phone,
                        Optional<String> location, Links links, Optional<ResumeFile> resume,
                        Optional<String> coverLetter, WorkAuthorization workAuthorization,
                        Map<String, String> answers) {

  /** Profile links; each absent when the profile has none. */
  public record Links(Optional<String> linkedin, Optional<String> github, Optional<String> portfolio,
                      Optional<String> other) {

    public static final Links NONE = new Links(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public Links {
      linkedin = blankToEmpty(linkedin);
      github = blankToEmpty(github);
      portfolio = blankToEmpty(portfolio);
      other = blankToEmpty(other);
    }
  }

  /**
   * The resume to upload.
   *
   * @param filename what the employer sees (the stored file usually has a generated name)
   * @param contentType e.g. {@code application/pdf}
   */
  public record ResumeFile(Path path, String filename, String contentType) {
    public ResumeFile {
      Objects.requireNonNull(path, "path");
      if (filename == null || filename.isBlank() || filename.contains("/")) {
        throw new IllegalArgumentException("a resume needs a plain file name");
      }
      Objects.requireNonNull(contentType, "contentType");
    }
  }

  /**
   * Work authorisation as the applicant stated it.
   *
   * @param authorizedCountries ISO 3166 alpha-2 codes ({@code US}, {@code DE}) where the applicant may work without
   *     sponsorship; {@code EU} for the EU's free movement. Empty means unknown
   * @param requiresSponsorship absent means unknown (a human answers)
   */
  public record WorkAuthorization(Set<String> authorizedCountries, Optional<Boolean> requiresSponsorship) {

    public static final WorkAuthorization UNKNOWN = new WorkAuthorization(Set.of(), Optional.empty());

    public WorkAuthorization {
      authorizedCountries = authorizedCountries.stream().map(c -> c.trim().toUpperCase(Locale.ROOT))
          .filter(c -> !c.isEmpty()).collect(Collectors.toUnmodifiableSet());
      Objects.requireNonNull(requiresSponsorship);
    }

    /**
     * The answer to "are you authorised to work in …": yes when the question names exactly one country (or the EU)
     * and the applicant listed it. A country the applicant did not list is not taken as a no, and a question that
     * names no country or several is not answered: both go to a human.
     */
    public Optional<Boolean> authorizedFor(String questionLabel) {
      Set<String> asked = Countries.mentionedIn(questionLabel);
      if (asked.size() != 1) {
        return Optional.empty();
      }
      return authorizedCountries.contains(asked.iterator().next()) ? Optional.of(true) : Optional.empty();
    }
  }

  public Applicant {
    firstName = required(firstName, "firstName");
    lastName = required(lastName, "lastName");
    fullName = fullName == null || fullName.isBlank() ? firstName + " " + lastName : fullName.strip();
    email = required(email, "email");
    phone = blankToEmpty(phone);
    location = blankToEmpty(location);
    links = links == null ? Links.NONE : links;
    resume = resume == null ? Optional.empty() : resume;
    coverLetter = blankToEmpty(coverLetter);
    workAuthorization = workAuthorization == null ? WorkAuthorization.UNKNOWN : workAuthorization;
    Map<String, String> normalised = new LinkedHashMap<>();
    (answers == null ? Map.<String, String>of() : answers).forEach((label, answer) -> {
      if (answer != null && !answer.isBlank() && !Labels.normalise(label).isEmpty()) {
        normalised.put(Labels.normalise(label), answer.strip());
      }
    });
    answers = Map.copyOf(normalised);
  }

  /** A human's answer to the question with this label, if one was given. */
  public Optional<String> answer(String questionLabel) {
    return Optional.ofNullable(answers.get(Labels.normalise(questionLabel)));
  }

  /** The same applicant with more answers (later answers win). */
  public Applicant withAnswers(Map<String, String> more) {
    Map<String, String> merged = new HashMap<>(answers);
    more.forEach((label, answer) -> merged.put(Labels.normalise(label), answer));
    return new Applicant(firstName, lastName, fullName, email, phone, location, links, resume, coverLetter,
        workAuthorization, merged);
  }

  /** The profile's text for an applicant kind; empty when the profile has none or the kind is not plain text. */
  public Optional<String> text(FieldKind kind) {
    return switch (kind) {
      case FIRST_NAME -> Optional.of(firstName);
      case LAST_NAME -> Optional.of(lastName);
      case FULL_NAME -> Optional.of(fullName);
      case EMAIL -> Optional.of(email);
      case PHONE -> phone;
      case LOCATION -> location;
      case LINKEDIN -> links.linkedin();
      case GITHUB -> links.github();
      case WEBSITE -> links.portfolio();
      case OTHER_LINK -> links.other();
      case COVER_LETTER_TEXT -> coverLetter;
      default -> Optional.empty();
    };
  }

  @Override
  public String toString() {
    return "Applicant[values redacted; answers=" + answers.size() + ", resume=" + resume.isPresent() + "]";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds an applicant; only first name, last name and email are required. */
  public static final class Builder {
    private String firstName;
    private String lastName;
    private String fullName;
    private String email;
    private String phone;
    private String location;
    private Links links = Links.NONE;
    private ResumeFile resume;
    private String coverLetter;
    private WorkAuthorization workAuthorization = WorkAuthorization.UNKNOWN;
    private final Map<String, String> answers = new LinkedHashMap<>();

    public Builder name(String first, String last) {
      this.firstName = first;
      this.lastName = last;
      return this;
    }

    public Builder fullName(String full) {
      this.fullName = full;
      return this;
    }

    public Builder email(String value) {
      this.email = value;
      return this;
    }

    public Builder phone(String value) {
      this.phone = value;
      return this;
    }

    public Builder location(String value) {
      this.location = value;
      return this;
    }

    public Builder links(String linkedin, String github, String portfolio, String other) {
      this.links = new Links(Optional.ofNullable(linkedin), Optional.ofNullable(github),
          Optional.ofNullable(portfolio), Optional.ofNullable(other));
      return this;
    }

    public Builder resume(Path path, String filename, String contentType) {
      this.resume = new ResumeFile(path, filename, contentType);
      return this;
    }

    public Builder coverLetter(String text) {
      this.coverLetter = text;
      return this;
    }

    public Builder workAuthorization(Set<String> authorizedCountries, Optional<Boolean> requiresSponsorship) {
      this.workAuthorization = new WorkAuthorization(authorizedCountries, requiresSponsorship);
      return this;
    }

    public Builder answer(String questionLabel, String answer) {
      answers.put(questionLabel, answer);
      return this;
    }

    public Applicant build() {
      return new Applicant(firstName, lastName, fullName, email, Optional.ofNullable(phone),
          Optional.ofNullable(location), links, Optional.ofNullable(resume), Optional.ofNullable(coverLetter),
          workAuthorization, answers);
    }
  }

  private static String required(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("an applicant needs " + what);
    }
    return value.strip();
  }

  private static Optional<String> blankToEmpty(Optional<String> value) {
    return value == null ? Optional.empty() : value.map(String::strip).filter(v -> !v.isEmpty());
  }
}
