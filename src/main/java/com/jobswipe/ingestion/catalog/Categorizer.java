package com.jobswipe.ingestion.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.jobswipe.ingestion.JobPosting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Places a posting in a job family, a seniority level and a workplace type by ordered, explainable rules read
 * from {@code ingestion/taxonomy.json}; every decision comes with the rule that made it in
 * {@link Category#reasons()}.
 *
 * <h2>Family</h2>
 * <ol>
 *   <li><b>Title rules.</b> Families are tried in the file's order; the first family with a title regex that
 *       matches wins. The order is the conflict policy: specific families come before broad ones, so
 *       {@code Security Engineer} is security and not software engineering, {@code Product Designer} is design
 *       and {@code Product Marketing Manager} marketing, not product management.</li>
 *   <li><b>Description keywords</b>, when no title rule matched (a bare {@code Senior Engineer}, a
 *       {@code Business Analyst}): each family scores the sum over its keywords of
 *       {@code weight x min(hits, maxHitsPerKeyword)} in the title and description. The best family wins if it
 *       scores at least {@code minScore} (6: two strong keywords, or one strong keyword three times) and at least
 *       {@code minLeadRatio} (1.5) times the runner-up; the cap stops one keyword repeated in boilerplate from
 *       deciding alone, and the ratio leaves mixed texts (a data engineer's Python and SQL next to a backend
 *       engineer's Java) to the next step rather than guessing.</li>
 *   <li><b>Fallback</b>: a {@link FamilyFallback} (for instance, the nearest label by embedding) gets the text;
 *       a label it returns counts if it names a known family.</li>
 *   <li>Otherwise the {@code fallbackFamily} ({@code other}).</li>
 * </ol>
 *
 * <h2>Seniority</h2>
 * Rules over the title, first match wins, each optionally vetoed by {@code unless} patterns: intern, then
 * executive ({@code Chief}, {@code VP}, {@code CTO}), director ({@code Director}, {@code Head of}), people
 * manager ({@code Engineering Manager}; not {@code Product/Project/Account Manager}, where "manager" names the
 * role), lead, principal, staff (not {@code Staff Accountant}/{@code Staff Nurse}, which are entry roles),
 * senior ({@code Senior}, {@code Sr}, {@code III}), junior ({@code Junior}, {@code Jr}, {@code Graduate},
 * {@code Entry level}, {@code Associate}, {@code I}), mid ({@code II}). Higher levels are tested first so
 * {@code Senior Engineering Manager} is a manager and {@code Senior Staff Engineer} staff. With no match, an
 * {@code internship} employment type means intern, else the default (mid).
 *
 * <h2>Workplace</h2>
 * The posting's {@code remote} field when the source stated it ({@code remote}, {@code hybrid}, {@code onsite}).
 * Otherwise the title, then the locations, then the description are searched in turn with the ordered rules:
 * negations first ({@code not remote} is onsite), then hybrid ({@code hybrid}, {@code 3 days in the office}),
 * because hybrid texts also say "remote", then remote ({@code fully remote}, {@code remote-first}; a bare
 * "remote" only in the title or a location, where it cannot mean "remote monitoring"), then onsite. Nothing
 * stated is {@code unknown}.
 */
public final class Categorizer {

  /** Seniority levels, junior to senior. */
  public static final List<String> SENIORITY_LEVELS = List.of(
      "intern", "junior", "mid", "senior", "staff", "principal", "lead", "manager", "director", "executive");
  /** Workplace values, as in {@link JobPosting#remote()}. */
  public static final List<String> WORKPLACES = List.of("remote", "hybrid", "onsite", "unknown");

  private static final String RESOURCE = "ingestion/taxonomy.json";
  /** Bounds regex work on hostile or enormous descriptions; job descriptions are a few thousand characters. */
  private static final int MAX_SCANNED_CHARS = 50_000;
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Set<String> TEXT_SCOPES = Set.of("title", "locations", "description");

  /**
   * Where a posting's family came from and why.
   *
   * @param family a family id from the taxonomy ({@code software_engineering}, {@code data_ml}, ...,
   *               {@code other})
   * @param seniority one of {@link #SENIORITY_LEVELS}
   * @param workplace one of {@link #WORKPLACES}
   * @param reasons one line per decision, naming the rule and the text it matched
   */
  public record Category(String family, String seniority, String workplace, List<String> reasons) {
    public Category {
      Objects.requireNonNull(family);
      Objects.requireNonNull(seniority);
      Objects.requireNonNull(workplace);
      reasons = List.copyOf(reasons);
    }
  }

  /**
   * Names the family of a posting the rules could not place, for instance by the nearest family label in an
   * embedding space. Called with the title, a blank line and the description; may be slow, so
   * {@link #categorize} runs it only when no rule decides. Returning a label that is not a family id is the same
   * as returning nothing.
   */
  @FunctionalInterface
  public interface FamilyFallback {
    Optional<String> family(String text);

    /** The fallback that never answers. */
    static FamilyFallback none() {
      return text -> Optional.empty();
    }
  }

  private record Keyword(String phrase, int weight, Pattern pattern) {
  }

  private record Family(String id, String label, List<Pattern> titleRules, List<Keyword> keywords) {
  }

  private record Rule(String value, List<Pattern> patterns, List<Pattern> unless, Set<String> scopes) {
  }

  private record Hit(Rule rule, Pattern pattern, String matched) {
  }

  private final List<Family> families;
  private final String fallbackFamily;
  private final int minScore;
  private final double minLeadRatio;
  private final int maxHitsPerKeyword;
  private final String defaultSeniority;
  private final List<Rule> seniorityRules;
  private final String defaultWorkplace;
  private final List<Rule> workplaceRules;
  private final FamilyFallback fallback;

  private Categorizer(List<Family> families, String fallbackFamily, int minScore, double minLeadRatio,
                      int maxHitsPerKeyword, String defaultSeniority, List<Rule> seniorityRules,
                      String defaultWorkplace, List<Rule> workplaceRules, FamilyFallback fallback) {
    this.families = List.copyOf(families);
    this.fallbackFamily = fallbackFamily;
    this.minScore = minScore;
    this.minLeadRatio = minLeadRatio;
    this.maxHitsPerKeyword = maxHitsPerKeyword;
    this.defaultSeniority = defaultSeniority;
    this.seniorityRules = List.copyOf(seniorityRules);
    this.defaultWorkplace = defaultWorkplace;
    this.workplaceRules = List.copyOf(workplaceRules);
    this.fallback = Objects.requireNonNull(fallback);
  }

  /** The taxonomy shipped in the jar, parsed on first use, without a fallback. */
  public static Categorizer standard() {
    return Standard.INSTANCE;
  }

  /** The same rules, asking {@code fallback} about postings they cannot place. */
  public Categorizer withFallback(FamilyFallback fallback) {
    return new Categorizer(families, fallbackFamily, minScore, minLeadRatio, maxHitsPerKeyword, defaultSeniority,
        seniorityRules, defaultWorkplace, workplaceRules, fallback);
  }

  /** Family ids in rule order, the catch-all last. */
  public List<String> families() {
    return families.stream().map(Family::id).toList();
  }

  /** The human-readable label of a family id. */
  public Optional<String> label(String family) {
    return families.stream().filter(f -> f.id().equals(family)).map(Family::label).findFirst();
  }

  /** Family, seniority and workplace of a posting, with the reasons. */
  public Category categorize(JobPosting posting) {
    Objects.requireNonNull(posting);
    List<String> reasons = new ArrayList<>();
    String title = clean(posting.title());
    String description = clean(posting.descriptionText());
    String family = family(title, description, reasons);
    String seniority = seniority(title, posting.employmentType(), reasons);
    String workplace = workplace(posting, title, description, reasons);
    return new Category(family, seniority, workplace, reasons);
  }

  private String family(String title, String description, List<String> reasons) {
    for (Family family : families) {
      for (int i = 0; i < family.titleRules().size(); i++) {
        Matcher m = family.titleRules().get(i).matcher(title);
        if (m.find()) {
          reasons.add("family " + family.id() + ": title matched \"" + m.group().strip() + "\" (title rule "
              + (i + 1) + " of " + family.id() + ")");
          return family.id();
        }
      }
    }
    String text = title + "\n" + description;
    Map<String, Integer> scores = new LinkedHashMap<>();
    Map<String, List<String>> evidence = new LinkedHashMap<>();
    for (Family family : families) {
      int score = 0;
      List<String> found = new ArrayList<>();
      for (Keyword keyword : family.keywords()) {
        int hits = count(keyword.pattern(), text, maxHitsPerKeyword);
        if (hits > 0) {
          score += hits * keyword.weight();
          found.add(keyword.phrase() + "\u00d7" + hits);
        }
      }
      scores.put(family.id(), score);
      evidence.put(family.id(), found);
    }
    List<Map.Entry<String, Integer>> ranked = scores.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
        .toList(); // stable: ties keep rule order
    Map.Entry<String, Integer> best = ranked.get(0);
    int runnerUp = ranked.size() > 1 ? ranked.get(1).getValue() : 0;
    String scoreLine = best.getValue() == 0 ? "no title rule; no description keywords"
        : "no title rule; best description score " + best.getKey() + " " + best.getValue() + " "
            + evidence.get(best.getKey()) + (ranked.size() > 1
            ? ", runner-up " + ranked.get(1).getKey() + " " + runnerUp : "");
    if (best.getValue() >= minScore && best.getValue() >= minLeadRatio * runnerUp) {
      reasons.add("family " + best.getKey() + ": " + scoreLine + " (needs >= " + minScore + " and >= "
          + minLeadRatio + " x runner-up)");
      return best.getKey();
    }
    Optional<String> label = fallback.family(title + "\n\n" + description);
    if (label.isPresent() && families().contains(label.get())) {
      reasons.add("family " + label.get() + ": fallback label; " + scoreLine + " (undecided)");
      return label.get();
    }
    reasons.add("family " + fallbackFamily + ": " + scoreLine + " (undecided); "
        + label.map(l -> "fallback label \"" + l + "\" is not a family").orElse("no fallback label"));
    return fallbackFamily;
  }

  private String seniority(String title, Optional<String> employmentType, List<String> reasons) {
    Optional<Hit> hit = firstHit(seniorityRules, title);
    if (hit.isPresent()) {
      reasons.add("seniority " + hit.get().rule().value() + ": title matched \"" + hit.get().matched()
          + "\" by /" + hit.get().pattern().pattern() + "/");
      return hit.get().rule().value();
    }
    if (employmentType.filter("internship"::equals).isPresent()) {
      reasons.add("seniority intern: employment type internship");
      return "intern";
    }
    reasons.add("seniority " + defaultSeniority + ": default, no title rule matched");
    return defaultSeniority;
  }

  private String workplace(JobPosting posting, String title, String description, List<String> reasons) {
    String stated = posting.remote();
    if (WORKPLACES.contains(stated) && !stated.equals("unknown")) {
      reasons.add("workplace " + stated + ": stated by the source");
      return stated;
    }
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("title", title);
    texts.put("locations", clean(String.join(" | ", posting.locations())));
    texts.put("description", description);
    for (Map.Entry<String, String> text : texts.entrySet()) {
      List<Rule> applicable = workplaceRules.stream().filter(r -> r.scopes().contains(text.getKey())).toList();
      Optional<Hit> hit = firstHit(applicable, text.getValue());
      if (hit.isPresent()) {
        reasons.add("workplace " + hit.get().rule().value() + ": " + text.getKey() + " matched \""
            + hit.get().matched() + "\" by /" + hit.get().pattern().pattern() + "/");
        return hit.get().rule().value();
      }
    }
    reasons.add("workplace " + defaultWorkplace + ": not stated");
    return defaultWorkplace;
  }

  private static Optional<Hit> firstHit(List<Rule> rules, String text) {
    for (Rule rule : rules) {
      if (rule.unless().stream().anyMatch(u -> u.matcher(text).find())) {
        continue;
      }
      for (Pattern pattern : rule.patterns()) {
        Matcher m = pattern.matcher(text);
        if (m.find()) {
          return Optional.of(new Hit(rule, pattern, m.group().strip()));
        }
      }
    }
    return Optional.empty();
  }

  private static int count(Pattern pattern, String text, int cap) {
    Matcher m = pattern.matcher(text);
    int hits = 0;
    while (hits < cap && m.find()) {
      hits++;
    }
    return hits;
  }

  /** Compatibility forms folded (non-breaking spaces, ligatures, full-width letters), whitespace collapsed. */
  private static String clean(String text) {
    if (text == null) {
      return "";
    }
    String bounded = text.length() > MAX_SCANNED_CHARS ? text.substring(0, MAX_SCANNED_CHARS) : text;
    return WHITESPACE.matcher(Normalizer.normalize(bounded, Normalizer.Form.NFKC)).replaceAll(" ").strip();
  }

  // --- reading the taxonomy -----------------------------------------------------------------------------------

  /** Reads a taxonomy in the {@code ingestion/taxonomy.json} format; fails on bad regexes or unknown values. */
  public static Categorizer read(InputStream json) throws IOException {
    Map<String, Object> root;
    try (JsonParser parser = new JsonFactory().createParser(json)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("taxonomy must be a JSON object");
      }
      root = asObject(value(parser), "taxonomy");
    }
    List<Family> families = new ArrayList<>();
    for (Object item : asList(root.get("families"), "families")) {
      Map<String, Object> f = asObject(item, "family");
      String id = asString(f.get("id"), "family id");
      List<Pattern> title = new ArrayList<>();
      for (Object p : asList(f.getOrDefault("title", List.of()), id + ".title")) {
        title.add(regex(asString(p, id + ".title"), id));
      }
      List<Keyword> keywords = new ArrayList<>();
      for (Map.Entry<String, Object> k : asObject(f.getOrDefault("description", Map.of()), id).entrySet()) {
        if (!(k.getValue() instanceof Number weight) || weight.intValue() <= 0) {
          throw new IOException(id + ": keyword \"" + k.getKey() + "\" needs a positive weight");
        }
        String phrase = k.getKey().strip();
        keywords.add(new Keyword(phrase, weight.intValue(),
            Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(phrase) + "(?![\\p{L}\\p{N}])", FLAGS)));
      }
      families.add(new Family(id, asString(f.getOrDefault("label", id), id + ".label"), title, keywords));
    }
    Set<String> ids = families.stream().map(Family::id).collect(Collectors.toSet());
    if (ids.size() != families.size() || families.isEmpty()) {
      throw new IOException("family ids must be present and unique");
    }
    String fallbackFamily = asString(root.getOrDefault("fallbackFamily", "other"), "fallbackFamily");
    if (!ids.contains(fallbackFamily)) {
      throw new IOException("fallbackFamily " + fallbackFamily + " is not a family");
    }
    Map<String, Object> description = asObject(root.getOrDefault("description", Map.of()), "description");

    Map<String, Object> seniority = asObject(root.get("seniority"), "seniority");
    String defaultSeniority = asString(seniority.getOrDefault("default", "mid"), "seniority.default");
    List<Rule> seniorityRules = rules(seniority, "level", "title", Set.copyOf(SENIORITY_LEVELS));
    if (!SENIORITY_LEVELS.contains(defaultSeniority)) {
      throw new IOException("unknown default seniority " + defaultSeniority);
    }
    Map<String, Object> workplace = asObject(root.get("workplace"), "workplace");
    String defaultWorkplace = asString(workplace.getOrDefault("default", "unknown"), "workplace.default");
    List<Rule> workplaceRules = rules(workplace, "workplace", "patterns", Set.of("remote", "hybrid", "onsite"));
    if (!WORKPLACES.contains(defaultWorkplace)) {
      throw new IOException("unknown default workplace " + defaultWorkplace);
    }
    return new Categorizer(families, fallbackFamily, number(description, "minScore", 6).intValue(),
        number(description, "minLeadRatio", 1.5).doubleValue(),
        number(description, "maxHitsPerKeyword", 3).intValue(), defaultSeniority,
        seniorityRules, defaultWorkplace, workplaceRules, FamilyFallback.none());
  }

  private static List<Rule> rules(Map<String, Object> section, String valueField, String patternsField,
                                  Set<String> allowed) throws IOException {
    List<Rule> rules = new ArrayList<>();
    for (Object item : asList(section.get("rules"), valueField + " rules")) {
      Map<String, Object> r = asObject(item, valueField + " rule");
      String value = asString(r.get(valueField), valueField);
      if (!allowed.contains(value)) {
        throw new IOException("unknown " + valueField + " " + value);
      }
      List<Pattern> patterns = new ArrayList<>();
      for (Object p : asList(r.get(patternsField), value + "." + patternsField)) {
        patterns.add(regex(asString(p, value), value));
      }
      List<Pattern> unless = new ArrayList<>();
      for (Object p : asList(r.getOrDefault("unless", List.of()), value + ".unless")) {
        unless.add(regex(asString(p, value), value));
      }
      Set<String> scopes = TEXT_SCOPES;
      if (r.containsKey("in")) {
        List<String> in = new ArrayList<>();
        for (Object s : asList(r.get("in"), value + ".in")) {
          in.add(asString(s, value + ".in"));
        }
        if (!TEXT_SCOPES.containsAll(in)) {
          throw new IOException(value + ": \"in\" may list only " + TEXT_SCOPES);
        }
        scopes = Set.copyOf(in);
      }
      rules.add(new Rule(value, patterns, unless, scopes));
    }
    return rules;
  }

  private static Pattern regex(String pattern, String where) throws IOException {
    try {
      return Pattern.compile(pattern, FLAGS);
    } catch (PatternSyntaxException e) {
      throw new IOException(where + ": bad regex " + pattern + ": " + e.getDescription(), e);
    }
  }

  private static Object value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null) {
      throw new IOException("truncated JSON");
    }
    switch (token) {
      case START_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          parser.nextToken();
          object.put(name, value(parser));
        }
        return object;
      }
      case START_ARRAY -> {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          array.add(value(parser));
        }
        return array;
      }
      case VALUE_STRING -> {
        return parser.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return parser.getNumberValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return parser.getBooleanValue();
      }
      default -> {
        return null;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asObject(Object value, String what) throws IOException {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IOException(what + " must be an object");
  }

  private static List<?> asList(Object value, String what) throws IOException {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new IOException(what + " must be an array");
  }

  private static String asString(Object value, String what) throws IOException {
    if (value instanceof String s && !s.isBlank()) {
      return s;
    }
    throw new IOException(what + " must be a non-empty string");
  }

  private static Number number(Map<String, Object> section, String field, Number fallback) throws IOException {
    Object value = section.get(field);
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n && n.doubleValue() >= 0) {
      return n;
    }
    throw new IOException(field + " must be a non-negative number");
  }

  private static final class Standard {
    static final Categorizer INSTANCE = load();

    private static Categorizer load() {
      try (InputStream in = Categorizer.class.getClassLoader().getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        return read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE, e);
      }
    }
  }
}
