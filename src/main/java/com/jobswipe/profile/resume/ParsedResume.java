package com.jobswipe.profile.resume;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a resume says, as plain data.
 *
 * @param text              the extracted text, normalised (one space between words, {@code \n} between lines)
 *                          and cut at {@link ResumeLimits#maxTextChars()}
 * @param contact           contact details
 * @param sections          canonical heading ({@code Summary}, {@code Experience}, {@code Education}, {@code Skills},
 *                          {@code Projects}, {@code Certifications}) to its body, in the order they appear; a heading
 *                          that appears twice has its bodies joined
 * @param skills            canonical skill names, in order of first mention, each once
 * @param yearsOfExperience total time covered by the date ranges of the experience section, overlaps counted
 *                          once, to one decimal
 */
public record ParsedResume(String text, Contact contact, Map<String, String> sections, List<String> skills,
                           double yearsOfExperience) {

  public static final String SUMMARY = "Summary";
  public static final String EXPERIENCE = "Experience";
  public static final String EDUCATION = "Education";
  public static final String SKILLS = "Skills";
  public static final String PROJECTS = "Projects";
  public static final String CERTIFICATIONS = "Certifications";

  public ParsedResume {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(contact, "contact");
    sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    skills = List.copyOf(skills);
  }

  /**
   * Analyses plain text, such as a pasted resume: normalised and cut like extracted text
   * ({@link ResumeLimits#DEFAULTS}), then read the same way.
   */
  public static ParsedResume of(String text, SkillTaxonomy taxonomy, Clock clock) {
    return of(ResumeParser.normalise(text, ResumeLimits.DEFAULTS.maxTextChars()), List.of(), taxonomy, clock);
  }

  /** {@code text} must already be normalised by {@link ResumeParser#normalise}. */
  static ParsedResume of(String text, List<String> links, SkillTaxonomy taxonomy, Clock clock) {
    Contact contact = Contact.find(text, links);
    Map<String, String> sections = Sections.split(text);
    // The candidate's own name is not a skill mention ("Jane Swift", "Ruby Chen").
    String forSkills = contact.name().map(name -> text.replace(name, " ".repeat(name.length()))).orElse(text);
    List<String> skills = taxonomy.find(forSkills);
    String experience = sections.get(EXPERIENCE);
    double years = experience == null ? 0.0 : Tenure.years(experience, clock);
    return new ParsedResume(text, contact, sections, skills, years);
  }

  /** Splits text at the common resume headings. */
  static final class Sections {

    private static final Map<String, String> HEADINGS = new LinkedHashMap<>();
    /** Headings we do not keep but that end the section before them ("Interests" is not part of "Skills"). */
    private static final String OTHER = "";

    static {
      heading(SUMMARY, "summary", "professional summary", "profile", "professional profile", "about", "about me",
          "objective", "career objective", "career summary", "executive summary", "overview", "personal statement",
          "summary of qualifications", "personal profile");
      heading(EXPERIENCE, "experience", "work experience", "professional experience", "employment",
          "employment history", "work history", "career history", "relevant experience", "professional background",
          "industry experience", "technical experience", "experience and employment", "career", "positions held");
      heading(EDUCATION, "education", "education and training", "academic background", "academic qualifications",
          "educational background", "education and certifications", "academics");
      heading(SKILLS, "skills", "technical skills", "core skills", "key skills", "skills and tools",
          "skills and technologies", "technologies", "tech stack", "core competencies", "competencies",
          "areas of expertise", "expertise", "tools", "tools and technologies", "technical proficiencies",
          "skills and expertise", "skill set", "skillset", "skills summary", "technical skills and tools",
          "skills and abilities");
      heading(PROJECTS, "projects", "personal projects", "side projects", "key projects", "selected projects",
          "open source", "open source projects", "academic projects", "project experience", "notable projects");
      heading(CERTIFICATIONS, "certifications", "certificates", "certification", "licenses and certifications",
          "certifications and licenses", "licenses", "professional certifications", "courses and certifications",
          "certifications and training", "licences and certifications", "certifications and awards");
      heading(OTHER, "languages", "interests", "hobbies", "hobbies and interests", "awards", "honors", "honours",
          "awards and honors", "awards and honours", "publications", "references", "volunteer", "volunteering",
          "volunteer experience", "leadership", "activities", "achievements", "accomplishments", "contact",
          "contact information", "contact details", "personal details", "personal information",
          "additional information", "patents", "conferences", "talks", "memberships", "affiliations", "courses",
          "training", "extracurricular activities");
    }

    private static final Pattern INLINE = Pattern.compile("^([\\p{L} &/]{3,40})\\s*:\\s*(\\S.*)$");
    private static final Pattern LETTER_SPACED = Pattern.compile("^(?:\\p{L} )+\\p{L}(?:\\s{2,}(?:\\p{L} )+\\p{L})*$");

    private Sections() {
    }

    private static void heading(String canonical, String... variants) {
      for (String variant : variants) {
        HEADINGS.put(variant, canonical);
      }
    }

    static Map<String, String> split(String text) {
      Map<String, StringBuilder> bodies = new LinkedHashMap<>();
      StringBuilder current = null;
      for (String rawLine : text.split("\n", -1)) {
        String line = rawLine.strip();
        String heading = headingOf(line);
        if (heading != null) {
          current = startSection(bodies, heading);
          continue;
        }
        // "Technologies: Java, Kafka" under a job belongs to the job, so inline headings only count elsewhere.
        boolean inJob = current != null && (current == bodies.get(EXPERIENCE) || current == bodies.get(PROJECTS));
        Matcher inline = INLINE.matcher(line);
        if (!inJob && inline.matches()) {
          String inlineHeading = HEADINGS.get(normalise(inline.group(1)));
          if (inlineHeading != null) {
            current = startSection(bodies, inlineHeading);
            if (current != null) {
              current.append(inline.group(2).strip()).append('\n');
            }
            continue;
          }
        }
        if (current != null) {
          current.append(line).append('\n');
        }
      }
      Map<String, String> sections = new LinkedHashMap<>();
      bodies.forEach((heading, body) -> {
        String trimmed = body.toString().strip().replaceAll("\n{3,}", "\n\n");
        if (!trimmed.isEmpty()) {
          sections.put(heading, trimmed);
        }
      });
      return sections;
    }

    /** The body to append to, or null for an {@link #OTHER} heading (its lines are dropped). */
    private static StringBuilder startSection(Map<String, StringBuilder> bodies, String heading) {
      if (heading.equals(OTHER)) {
        return null;
      }
      StringBuilder body = bodies.computeIfAbsent(heading, h -> new StringBuilder());
      if (body.length() > 0) {
        body.append('\n');
      }
      return body;
    }

    /** The canonical heading if the whole line is one ("WORK EXPERIENCE", "Skills:", "S K I L L S"). */
    static String headingOf(String line) {
      if (line.isEmpty() || line.length() > 50) {
        return null;
      }
      String candidate = line;
      if (LETTER_SPACED.matcher(candidate).matches()) {
        candidate = candidate.replaceAll("\\s{2,}", "\u0000").replace(" ", "").replace('\u0000', ' ');
      }
      return HEADINGS.get(normalise(candidate));
    }

    private static String normalise(String s) {
      return s.toLowerCase(Locale.ROOT)
          .replace("&", " and ")
          .replaceAll("[^\\p{L} ]", " ")
          .replaceAll("\\s+", " ")
          .strip();
    }
  }

  /**
   * Years of experience from date ranges such as {@code Jan 2019 – Present}, {@code 2016-2019},
   * {@code 03/2018 - 06/2020} or {@code 2015 to 2017}.
   *
   * <p>A month-precise range counts both end months ({@code Jan–Mar 2019} is three months). A bare year is
   * read as its middle, so {@code 2016-2019} is three years, however the months fell; a range inside a single
   * year ({@code 2019 – 2019}) counts six months. "Present", "Current", "Now" and "Today" mean this month of
   * the clock. Future ends are cut at this month and future starts are ignored. Ranges are merged before
   * adding up, so two jobs at once count once.
   */
  static final class Tenure {

    private static final String MONTH = "(?<month%1$s>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
        + "|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|spring|summer|fall|autumn|winter)";
    private static final String YEAR = "(?<year%1$s>(?:19|20)\\d{2}|['’]\\d{2})";
    private static final String NUMERIC = "(?<mm%1$s>0?[1-9]|1[0-2])\\s*[/.-]\\s*(?<nyear%1$s>(?:19|20)\\d{2})";
    private static final String DATE = "(?:(?<![\\p{L}])" + MONTH + "\\.?,?\\s*" + YEAR + "|" + NUMERIC
        + "|(?<plain%1$s>(?:19|20)\\d{2}))(?!\\d)";
    private static final String SEPARATOR = "\\s*(?:-|–|—|‒|―|~|→|to|until|till|through|thru)\\s*";
    private static final String PRESENT = "(?<present>present|current(?:ly)?|now|today|ongoing|(?:to|till) date|date)"
        + "(?![\\p{L}])";
    private static final Pattern RANGE = Pattern.compile(
        "(?iu)(?<![\\w/.])" + String.format(DATE, "A") + SEPARATOR + "(?:" + String.format(DATE, "B") + "|" + PRESENT + ")");

    private Tenure() {
    }

    static double years(String text, Clock clock) {
      YearMonth now = YearMonth.now(clock);
      long nowEnd = index(now) + 1;
      List<long[]> spans = new ArrayList<>();
      Matcher m = RANGE.matcher(text);
      while (m.find()) {
        Point from = point(m, "A", now);
        if (from == null) {
          continue;
        }
        long start = from.monthPrecise() ? from.index() : from.index() + 6;
        long end;
        if (m.group("present") != null) {
          end = nowEnd;
        } else {
          Point to = point(m, "B", now);
          if (to == null) {
            continue;
          }
          end = to.monthPrecise() ? to.index() + 1 : to.index() + 6;
          if (!from.monthPrecise() && !to.monthPrecise() && from.index() == to.index()) {
            start = from.index() + 3;
            end = start + 6;
          }
        }
        end = Math.min(end, nowEnd);
        if (start < end) {
          spans.add(new long[] {start, end});
        }
      }
      spans.sort(Comparator.comparingLong(span -> span[0]));
      long months = 0;
      long coveredUntil = Long.MIN_VALUE;
      for (long[] span : spans) {
        long from = Math.max(span[0], coveredUntil);
        if (span[1] > from) {
          months += span[1] - from;
        }
        coveredUntil = Math.max(coveredUntil, span[1]);
      }
      return Math.round(months / 12.0 * 10) / 10.0;
    }

    /** A month index (year * 12 + month - 1); for a bare year, its January and {@code monthPrecise} false. */
    private record Point(long index, boolean monthPrecise) {
    }

    private static Point point(Matcher m, String side, YearMonth now) {
      String month = m.group("month" + side);
      if (month != null) {
        int year = year(m.group("year" + side), now);
        return new Point(year * 12L + monthNumber(month) - 1, true);
      }
      String mm = m.group("mm" + side);
      if (mm != null) {
        return new Point(Integer.parseInt(m.group("nyear" + side)) * 12L + Integer.parseInt(mm) - 1, true);
      }
      String plain = m.group("plain" + side);
      return plain == null ? null : new Point(Integer.parseInt(plain) * 12L, false);
    }

    private static int year(String text, YearMonth now) {
      if (text.startsWith("'") || text.startsWith("’")) {
        int yy = Integer.parseInt(text.substring(1));
        int century = now.getYear() / 100 * 100;
        return century + yy <= now.getYear() ? century + yy : century - 100 + yy;
      }
      return Integer.parseInt(text);
    }

    private static int monthNumber(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      return switch (n.substring(0, Math.min(3, n.length()))) {
        case "jan", "win" -> 1;
        case "feb" -> 2;
        case "mar" -> 3;
        case "apr", "spr" -> 4;
        case "may" -> 5;
        case "jun" -> 6;
        case "jul", "sum" -> 7;
        case "aug" -> 8;
        case "sep" -> 9;
        case "oct", "fal", "aut" -> 10;
        case "nov" -> 11;
        case "dec" -> 12;
        default -> throw new IllegalArgumentException("not a month");
      };
    }

    private static long index(YearMonth month) {
      return month.getYear() * 12L + month.getMonthValue() - 1;
    }
  }
}
