package com.jobswipe.profile.resume;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Contact details found in a resume. LinkedIn and GitHub are normalised to {@code https://} profile URLs;
 * the website is the first other personal link; the phone is kept as written.
 */
public record Contact(Optional<String> email, Optional<String> phone, Optional<String> linkedin,
                      Optional<String> github, Optional<String> website, Optional<String> name) {

  public static final Contact NONE = new Contact(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty(), Optional.empty(), Optional.empty());

  // Repeated groups are bounded ({0,10}): java.util.regex recurses once per repetition, and the text is hostile.
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![\\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){0,10}\\.[A-Za-z]{2,24}(?![\\w-])");
  /** One line, digits with the usual separators; validated further in {@link #phoneIn}. */
  private static final Pattern PHONE = Pattern.compile("(?<![\\w+/.,-])\\+?\\(?\\d[\\d ().-]{6,22}\\d(?![\\w/])");
  private static final Pattern YEAR_RANGE = Pattern.compile("\\(?(?:19|20)\\d{2}\\)?\\s*[-–.]?\\s*\\(?(?:19|20)\\d{2}\\)?");
  private static final Pattern LINKEDIN = Pattern.compile(
      "(?i)(?:https?://)?(?:[a-z]{2,3}\\.)?linkedin\\.com/(in|pub)/([A-Za-z0-9_%-]{2,100})");
  private static final Pattern GITHUB = Pattern.compile(
      "(?i)(?:https?://)?(?:www\\.)?github\\.com/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))(?![A-Za-z0-9-])");
  private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)[^\\s<>()\"',;|]+");
  private static final Pattern BARE_DOMAIN = Pattern.compile(
      "(?<![@\\w.-])[a-z0-9][a-z0-9-]*(?:\\.[a-z0-9-]+){0,10}\\.(?:com|io|dev|me|net|org|co|ai|app|site|page|xyz|tech|design)"
          + "(?:/[^\\s<>()\"',;|]*)?(?![\\w@])");
  private static final Pattern WEBSITE_LABEL = Pattern.compile("(?i)\\b(?:website|portfolio|web|blog|homepage|site)\\s*:");
  private static final Set<String> GITHUB_RESERVED = Set.of("about", "features", "orgs", "pricing", "topics",
      "marketplace", "sponsors", "settings", "login", "join", "enterprise", "explore");
  private static final Set<String> PARTICLES = Set.of("de", "da", "del", "della", "der", "di", "du", "la", "le",
      "van", "von", "bin", "binti", "al", "el", "dos", "das", "y", "ten", "ter");
  /** Words that make a capitalised line a title or a heading rather than a person. */
  private static final Set<String> NOT_NAME_WORDS = Set.of("resume", "résumé", "curriculum", "vitae", "cv",
      "engineer", "developer", "manager", "designer", "analyst", "scientist", "consultant", "specialist",
      "director", "lead", "senior", "junior", "intern", "architect", "officer", "executive", "assistant",
      "associate", "software", "data", "product", "marketing", "sales", "profile", "summary", "experience",
      "education", "skills", "contact", "objective", "projects", "certifications", "page", "full", "stack",
      "frontend", "backend", "remote", "street", "avenue", "road", "city", "technical", "professional");
  private static final Pattern NAME_TOKEN = Pattern.compile("\\p{Lu}[\\p{L}'’.-]*|\\p{Lu}\\.");

  public Contact {
    Objects.requireNonNull(email, "email");
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(linkedin, "linkedin");
    Objects.requireNonNull(github, "github");
    Objects.requireNonNull(website, "website");
    Objects.requireNonNull(name, "name");
  }

  /**
   * Contact details in a resume's text, plus link targets that are not in the text (a PDF link annotation or a
   * DOCX hyperlink whose visible text is just "LinkedIn").
   */
  static Contact find(String text, List<String> links) {
    String all = links.isEmpty() ? text : text + "\n" + String.join("\n", links);
    Optional<String> email = first(EMAIL, all).map(e -> e.replaceAll("\\.$", ""));
    Optional<String> linkedin = firstMatch(LINKEDIN, all)
        .map(m -> "https://www.linkedin.com/" + m.group(1).toLowerCase(Locale.ROOT) + "/" + m.group(2));
    Optional<String> github = githubIn(all);
    Optional<String> phone = phoneIn(text);
    Optional<String> website = websiteIn(text, links, email);
    Optional<String> name = nameIn(text);
    return new Contact(email, phone, linkedin, github, website, name);
  }

  private static Optional<String> githubIn(String text) {
    Matcher m = GITHUB.matcher(text);
    while (m.find()) {
      if (!GITHUB_RESERVED.contains(m.group(1).toLowerCase(Locale.ROOT))) {
        return Optional.of("https://github.com/" + m.group(1));
      }
    }
    return Optional.empty();
  }

  /** The first run of 9 to 15 digits that is not a date range; candidates on a line with a URL are skipped. */
  private static Optional<String> phoneIn(String text) {
    String masked = URL.matcher(text).replaceAll(r -> " ".repeat(r.group().length()));
    Matcher m = PHONE.matcher(masked);
    while (m.find()) {
      String candidate = trimUnbalanced(m.group().strip());
      long digits = candidate.chars().filter(Character::isDigit).count();
      boolean international = candidate.startsWith("+");
      if (digits < (international ? 8 : 9) || digits > 15) {
        continue;
      }
      if (YEAR_RANGE.matcher(candidate).matches() || looksLikeDate(candidate)) {
        continue;
      }
      return Optional.of(candidate);
    }
    return Optional.empty();
  }

  /** Digit counts already rule out most dates; a run made only of years ("2016 2019 2021") is one too. */
  private static boolean looksLikeDate(String candidate) {
    String[] groups = candidate.replaceAll("[()+]", " ").strip().split("[ .-]+");
    for (String group : groups) {
      if (!group.matches("(?:19|20)\\d{2}")) {
        return false;
      }
    }
    return true;
  }

  private static String trimUnbalanced(String candidate) {
    String s = candidate;
    while (!s.isEmpty()) {
      long open = s.chars().filter(c -> c == '(').count();
      long close = s.chars().filter(c -> c == ')').count();
      if (open == close) {
        break;
      }
      if (s.endsWith(")") && close > open) {
        s = s.substring(0, s.length() - 1).strip();
      } else if (s.startsWith("(") && open > close) {
        s = s.substring(1).strip();
      } else {
        break;
      }
    }
    return s.replaceAll("[.-]+$", "");
  }

  private static Optional<String> websiteIn(String text, List<String> links, Optional<String> email) {
    List<String> candidates = new ArrayList<>();
    Matcher url = URL.matcher(text);
    while (url.find()) {
      candidates.add(url.group());
    }
    candidates.addAll(links);
    for (String candidate : candidates) {
      String cleaned = candidate.replaceAll("[.)\\]]+$", "");
      if (isPersonalSite(cleaned)) {
        return Optional.of(withScheme(cleaned));
      }
    }
    // Bare domains ("janedoe.dev") only where contact details are: on a labelled line, or next to the
    // email, phone or profile links. Elsewhere a domain is usually an employer's.
    for (String line : text.split("\n")) {
      boolean contactLine = WEBSITE_LABEL.matcher(line).find()
          || email.isPresent() && line.contains(email.get())
          || line.toLowerCase(Locale.ROOT).contains("linkedin.com") || line.toLowerCase(Locale.ROOT).contains("github.com");
      if (!contactLine) {
        continue;
      }
      String withoutEmails = EMAIL.matcher(line).replaceAll(" ");
      Matcher bare = BARE_DOMAIN.matcher(withoutEmails);
      while (bare.find()) {
        String cleaned = bare.group().replaceAll("[.)\\]]+$", "");
        if (isPersonalSite(cleaned)) {
          return Optional.of(withScheme(cleaned));
        }
      }
    }
    return Optional.empty();
  }

  private static boolean isPersonalSite(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return !lower.contains("linkedin.com") && !lower.contains("github.com") && !lower.startsWith("mailto:")
        && !lower.contains("@");
  }

  private static String withScheme(String url) {
    return url.regionMatches(true, 0, "http://", 0, 7) || url.regionMatches(true, 0, "https://", 0, 8)
        ? url : "https://" + url;
  }

  /**
   * The first short line near the top that reads like a person's name: two to five capitalised words
   * (particles such as "van" or "de" allowed), no digits, no job-title words. An all-caps name is title-cased.
   */
  private static Optional<String> nameIn(String text) {
    int seen = 0;
    for (String rawLine : text.split("\n")) {
      String line = rawLine.strip();
      if (line.isEmpty()) {
        continue;
      }
      if (++seen > 8) {
        break;
      }
      String candidate = line.split("\\s+[|•·–—]\\s+|\\s+-\\s+|,", 2)[0].strip();
      if (looksLikeName(candidate)) {
        return Optional.of(isAllCaps(candidate) ? titleCase(candidate) : candidate);
      }
    }
    return Optional.empty();
  }

  private static boolean looksLikeName(String candidate) {
    if (candidate.length() < 4 || candidate.length() > 60 || candidate.chars().anyMatch(Character::isDigit)
        || candidate.contains("@") || candidate.contains("/") || candidate.contains(":")) {
      return false;
    }
    String[] words = candidate.split("\\s+");
    if (words.length < 2 || words.length > 5) {
      return false;
    }
    int capitalised = 0;
    for (String word : words) {
      String lower = word.toLowerCase(Locale.ROOT);
      if (NOT_NAME_WORDS.contains(lower.replaceAll("[^\\p{L}]", ""))) {
        return false;
      }
      if (PARTICLES.contains(lower)) {
        continue;
      }
      if (!NAME_TOKEN.matcher(word).matches()) {
        return false;
      }
      capitalised++;
    }
    return capitalised >= 2;
  }

  private static boolean isAllCaps(String s) {
    return s.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
  }

  private static String titleCase(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean upperNext = true;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      out.append(upperNext ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upperNext = !Character.isLetter(c);
    }
    return out.toString();
  }

  private static Optional<String> first(Pattern pattern, String text) {
    return firstMatch(pattern, text).map(Matcher::group);
  }

  private static Optional<Matcher> firstMatch(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(m) : Optional.empty();
  }
}
