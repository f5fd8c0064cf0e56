package com.jobswipe.profile;

import com.jobswipe.edge.BodySchema;

import java.util.Set;
import java.util.regex.Pattern;

/** The shape of {@code PUT /v1/profile}: every field optional, bounded, nothing unknown accepted. */
final class ProfileSchema {

  static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{5,32}");
  static final Pattern URL = Pattern.compile("https?://[^\\s]{3,500}");
  static final Pattern MONTH = Pattern.compile("(19|20)\\d\\d-(0[1-9]|1[0-2])");
  static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  static final Set<String> REMOTE = Set.of("remote", "hybrid", "onsite", "any");
  static final Set<String> SENIORITY = Set.of("intern", "junior", "mid", "senior", "staff", "principal", "lead",
      "manager", "director", "executive");

  private static final BodySchema LINKS = BodySchema.object()
      .string("linkedin", false, 10, 500, URL, "must be an http(s) URL")
      .string("github", false, 10, 500, URL, "must be an http(s) URL")
      .string("portfolio", false, 10, 500, URL, "must be an http(s) URL")
      .stringList("other", false, 5, 500, URL);

  private static final BodySchema JOB = BodySchema.object()
      .string("company", true, 1, 200)
      .string("title", true, 1, 200)
      .string("location", false, 1, 200)
      .string("startDate", true, 7, 7, MONTH, "must be a month like 2021-03")
      .string("endDate", false, 7, 7, MONTH, "must be a month like 2021-03; leave it out for a current job")
      .string("description", false, 1, 4000);

  private static final BodySchema SCHOOL = BodySchema.object()
      .string("school", true, 1, 200)
      .string("degree", false, 1, 200)
      .string("field", false, 1, 200)
      .string("startDate", false, 7, 7, MONTH, "must be a month like 2016-09")
      .string("endDate", false, 7, 7, MONTH, "must be a month like 2020-06");

  private static final BodySchema WORK_AUTHORIZATION = BodySchema.object()
      .stringList("authorizedCountries", false, 50, 2, COUNTRY)
      .bool("requiresSponsorship", false);

  /** Equal-opportunity answers are stored only when the user chooses to give them; each may be absent. */
  private static final BodySchema EEO = BodySchema.object()
      .string("gender", false, 1, 100)
      .string("raceEthnicity", false, 1, 100)
      .string("veteranStatus", false, 1, 100)
      .string("disabilityStatus", false, 1, 100);

  private static final BodySchema PREFERENCES = BodySchema.object()
      .stringList("titles", false, 20, 100, null)
      .stringList("locations", false, 20, 100, null)
      .oneOf("remote", false, REMOTE)
      .integer("salaryFloor", false, 0, 10_000_000)
      .string("salaryCurrency", false, 3, 3, CURRENCY, "must be an ISO 4217 code like USD")
      .stringList("seniority", false, 10, 20, Pattern.compile(String.join("|", SENIORITY)))
      .stringList("excludedCompanies", false, 200, 200, null);

  static final BodySchema PROFILE = BodySchema.object()
      .string("fullName", false, 1, 200)
      .string("email", false, 3, 254, EMAIL, "must be an email address")
      .string("phone", false, 5, 32, PHONE, "must be a phone number")
      .string("location", false, 1, 200)
      .string("headline", false, 1, 200)
      .object("links", false, LINKS)
      .stringList("skills", false, 100, 60, null)
      .objectList("workHistory", false, 30, JOB)
      .objectList("education", false, 10, SCHOOL)
      .object("workAuthorization", false, WORK_AUTHORIZATION)
      .object("eeo", false, EEO)
      .object("preferences", false, PREFERENCES)
      .bool("dryRun", false);

  private ProfileSchema() {
  }
}
