package com.jobswipe.profile.resume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The skills we recognise, each with a canonical name, aliases and a category, read once from
 * {@code profile/skills.json} on the classpath.
 *
 * <h2>How {@link #find} matches</h2>
 * <ol>
 *   <li>Case-insensitive, and any run of whitespace in the text matches one space in a name
 *       ({@code "Google\nCloud"} is Google Cloud).</li>
 *   <li>Only on token boundaries, where punctuation inside a name is part of it: a match may not be preceded by
 *       a letter, digit or {@code _}, nor by {@code letter.} (so {@code js} in {@code Node.js} and {@code .NET}
 *       in {@code ASP.NET} do not match on their own); it may not be followed by a letter, digit, {@code _},
 *       {@code +}, {@code #} or {@code .letter} (so {@code Java} never matches inside {@code JavaScript},
 *       {@code C} never inside {@code C++} or {@code C#}, {@code Node} never inside {@code Node.js}). A hyphen
 *       or slash is a boundary ({@code Java-based}, {@code Java/Kotlin}, {@code C/C++}).</li>
 *   <li>At each position the longest name wins ({@code Spring Boot} over {@code Spring}, {@code CI/CD} over a
 *       would-be {@code CI}, {@code Go-to-Market} over {@code Go}); matches do not overlap.</li>
 *   <li>Names and aliases that are also ordinary words ({@code Go}, {@code Swift}, {@code Rust}, {@code Spring},
 *       {@code React}, {@code Express}, {@code Excel}, {@code Oracle}...) are listed under {@code caseSensitive}
 *       in the JSON and match only:
 *       <ul>
 *         <li>written exactly as listed ({@code Go} or {@code golang}, never {@code go});</li>
 *         <li>not as part of a hyphenated word ({@code Go-to-market}, {@code AI-powered});</li>
 *         <li>not before a year ({@code Spring 2019} is a semester);</li>
 *         <li>at the start of a line or sentence, only when a list follows ({@code Go, Rust}) or a role noun
 *             does ({@code Go developer}); {@code Go to the...} at a sentence start is the verb.</li>
 *       </ul></li>
 *   <li>One-letter names ({@code C}, {@code R}) are case-sensitive and, in addition, match only inside a
 *       list: both neighbours must be list punctuation ({@code , ; / | ( ) :}), a line edge, a bullet, or the
 *       word {@code and}/{@code or}/{@code &} ({@code "C, C++"}, {@code "Python and R"}), so a middle initial
 *       ({@code John C. Smith}), {@code C-level} or {@code R&D} never count.</li>
 *   <li>URLs and email addresses are ignored ({@code github.com/jane/kubernetes-demo} is not a skill).</li>
 * </ol>
 * {@link #canonical} is a plain lookup and ignores case for every name, so a user typing {@code go} in a
 * skills field still gets Go.
 */
public final class SkillTaxonomy {

  /** One entry of the taxonomy. */
  public record Skill(String name, String category, List<String> aliases) {
    public Skill {
      aliases = List.copyOf(aliases);
    }
  }

  private static final String RESOURCE = "profile/skills.json";

  /**
   * Each alternative starts only where a token starts, so a hostile 200k-character "word" stays linear, and
   * repeated groups are bounded because java.util.regex recurses once per repetition.
   */
  private static final Pattern URL_OR_EMAIL = Pattern.compile(
      "(?i)\\b(?:https?://|www\\.)[^\\s<>()\"]+"
          + "|(?<![\\w.+-])[\\w.+-]{1,64}@[\\w-]+(?:\\.[\\w-]+){1,10}"
          + "|(?<![\\w.-])[\\w-]+(?:\\.[\\w-]+){0,10}\\.(?:com|io|dev|org|net|me|co|ai|app)/[^\\s<>()\"]*");
  private static final Pattern YEAR_AFTER = Pattern.compile("\\s+(?:19|20)\\d{2}(?!\\d)");
  private static final Set<String> LIST_WORDS = Set.of("and", "or", "&");
  private static final Set<String> ROLE_NOUNS = Set.of("developer", "developers", "engineer", "engineers",
      "programmer", "programming", "dev", "development", "backend", "frontend", "services", "microservices");
  private static final String BULLETS = "•·▪◦●■►▸‣✓✔*-–—";

  private final Map<String, Skill> byName;
  private final Map<String, String> canonicalByForm;
  private final Node root = new Node();

  private SkillTaxonomy(List<Skill> skills, Map<String, Set<String>> caseSensitiveForms) {
    Map<String, Skill> names = new LinkedHashMap<>();
    Map<String, String> forms = new HashMap<>();
    for (Skill skill : skills) {
      if (names.put(skill.name(), skill) != null) {
        throw new IllegalStateException("duplicate skill " + skill.name());
      }
      Set<String> exact = caseSensitiveForms.getOrDefault(skill.name(), Set.of());
      List<String> all = new ArrayList<>();
      all.add(skill.name());
      all.addAll(skill.aliases());
      for (String form : all) {
        String key = key(form);
        String previous = forms.putIfAbsent(key, skill.name());
        if (previous != null && !previous.equals(skill.name())) {
          throw new IllegalStateException("'" + form + "' names both " + previous + " and " + skill.name());
        }
        boolean caseSensitive = exact.contains(form) || form.codePointCount(0, form.length()) == 1;
        insert(new Form(form.strip().replaceAll("\\s+", " "), skill.name(), caseSensitive));
      }
      for (String form : exact) {
        if (!all.contains(form)) {
          throw new IllegalStateException("caseSensitive '" + form + "' is not a name or alias of " + skill.name());
        }
      }
    }
    this.byName = Collections.unmodifiableMap(names);
    this.canonicalByForm = Map.copyOf(forms);
  }

  /** The taxonomy shipped in the jar, parsed on first use. */
  public static SkillTaxonomy standard() {
    return Standard.INSTANCE;
  }

  /** Reads a taxonomy in the {@code skills.json} format (an array of {@code {name, aliases, category}}). */
  public static SkillTaxonomy read(InputStream json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json);
    if (root == null || !root.isArray()) {
      throw new IOException("expected an array of skills");
    }
    List<Skill> skills = new ArrayList<>();
    Map<String, Set<String>> caseSensitive = new HashMap<>();
    for (JsonNode entry : root) {
      String name = entry.path("name").textValue();
      String category = entry.path("category").textValue();
      if (name == null || name.isBlank() || category == null) {
        throw new IOException("skill without name or category: " + entry);
      }
      skills.add(new Skill(name, category, strings(entry, "aliases")));
      caseSensitive.put(name, Set.copyOf(strings(entry, "caseSensitive")));
    }
    return new SkillTaxonomy(skills, caseSensitive);
  }

  /** Canonical names of the skills mentioned in {@code text}, in order of first mention, each once. */
  public List<String> find(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String masked = maskUrlsAndEmails(text);
    Set<String> found = new LinkedHashSet<>();
    int n = masked.length();
    int i = 0;
    while (i < n) {
      if (!startsToken(masked, i)) {
        i++;
        continue;
      }
      int end = matchAt(masked, i, found);
      i = end > i ? end : i + 1;
    }
    return List.copyOf(found);
  }

  /** The canonical name for a name or alias, ignoring case and extra spaces. */
  public Optional<String> canonical(String nameOrAlias) {
    if (nameOrAlias == null || nameOrAlias.isBlank()) {
      return Optional.empty();
    }
    return Optional.ofNullable(canonicalByForm.get(key(nameOrAlias)));
  }

  public boolean isKnown(String nameOrAlias) {
    return canonical(nameOrAlias).isPresent();
  }

  /** The category ({@code language}, {@code cloud}, {@code finance}...) of a name or alias. */
  public Optional<String> category(String nameOrAlias) {
    return canonical(nameOrAlias).map(name -> byName.get(name).category());
  }

  public List<Skill> skills() {
    return List.copyOf(byName.values());
  }

  // --- matching ---------------------------------------------------------------------------------------------

  /** Tries every form starting at {@code start}, longest first; returns the end of the match or {@code start}. */
  private int matchAt(String text, int start, Set<String> found) {
    List<int[]> ends = new ArrayList<>();
    List<Node> nodes = new ArrayList<>();
    Node node = root;
    int j = start;
    int n = text.length();
    while (j < n) {
      char c = text.charAt(j);
      if (isSpace(c)) {
        Node next = node.children.get(' ');
        if (next == null) {
          break;
        }
        while (j < n && isSpace(text.charAt(j))) {
          j++;
        }
        node = next;
        continue;
      }
      Node next = node.children.get(Character.toLowerCase(c));
      if (next == null) {
        break;
      }
      node = next;
      j++;
      if (!node.forms.isEmpty()) {
        ends.add(new int[] {j});
        nodes.add(node);
      }
    }
    for (int k = ends.size() - 1; k >= 0; k--) {
      int end = ends.get(k)[0];
      if (!endsToken(text, end)) {
        continue;
      }
      for (Form form : nodes.get(k).forms) {
        if (accepts(form, text, start, end)) {
          found.add(form.skill());
          return end;
        }
      }
    }
    return start;
  }

  private static boolean accepts(Form form, String text, int start, int end) {
    if (!form.caseSensitive()) {
      return true;
    }
    if (!text.substring(start, end).replaceAll("\\s+", " ").equals(form.text())) {
      return false;
    }
    if (hyphenJoined(text, start, end)) {
      return false;
    }
    if (form.text().codePointCount(0, form.text().length()) == 1) {
      return listBefore(text, start) && listAfter(text, end);
    }
    if (YEAR_AFTER.matcher(text).region(end, text.length()).lookingAt()) {
      return false;
    }
    if (sentenceStart(text, start)) {
      return listAfter(text, end) || ROLE_NOUNS.contains(nextWord(text, end).toLowerCase());
    }
    return true;
  }

  private static boolean startsToken(String text, int i) {
    if (i == 0) {
      return true;
    }
    char prev = text.charAt(i - 1);
    if (Character.isLetterOrDigit(prev) || prev == '_') {
      return false;
    }
    return !(prev == '.' && i >= 2 && Character.isLetterOrDigit(text.charAt(i - 2)));
  }

  private static boolean endsToken(String text, int end) {
    if (end >= text.length()) {
      return true;
    }
    char next = text.charAt(end);
    if (Character.isLetterOrDigit(next) || next == '_' || next == '+' || next == '#') {
      return false;
    }
    return !(next == '.' && end + 1 < text.length() && Character.isLetterOrDigit(text.charAt(end + 1)));
  }

  private static boolean hyphenJoined(String text, int start, int end) {
    boolean before = start >= 2 && text.charAt(start - 1) == '-' && Character.isLetterOrDigit(text.charAt(start - 2));
    boolean after = end + 1 < text.length() && text.charAt(end) == '-'
        && Character.isLetterOrDigit(text.charAt(end + 1));
    return before || after;
  }

  /** Line start, after a bullet or after a full stop: where a capitalised ordinary word is just a word. */
  private static boolean sentenceStart(String text, int start) {
    int k = start - 1;
    while (k >= 0 && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k--;
    }
    if (k < 0 || text.charAt(k) == '\n') {
      return true;
    }
    char c = text.charAt(k);
    return c == '.' || c == '!' || c == '?' || BULLETS.indexOf(c) >= 0;
  }

  private static boolean listBefore(String text, int start) {
    int k = start - 1;
    while (k >= 0 && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k--;
    }
    if (k < 0 || text.charAt(k) == '\n') {
      return true;
    }
    char c = text.charAt(k);
    if (",;/|(:".indexOf(c) >= 0 || BULLETS.indexOf(c) >= 0) {
      return true;
    }
    if (c == '&') {
      return k + 1 < start && k >= 1 && text.charAt(k - 1) == ' ';
    }
    int wordEnd = k + 1;
    while (k >= 0 && Character.isLetter(text.charAt(k))) {
      k--;
    }
    String word = text.substring(k + 1, wordEnd).toLowerCase();
    return LIST_WORDS.contains(word);
  }

  private static boolean listAfter(String text, int end) {
    int n = text.length();
    int k = end;
    while (k < n && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    if (k >= n || text.charAt(k) == '\n' || text.charAt(k) == '\r') {
      return true;
    }
    char c = text.charAt(k);
    if (",;/|)".indexOf(c) >= 0) {
      return true;
    }
    if (c == '.') {
      return k + 1 >= n || Character.isWhitespace(text.charAt(k + 1));
    }
    if (c == '&') {
      return k > end && k + 1 < n && text.charAt(k + 1) == ' ';
    }
    return LIST_WORDS.contains(nextWord(text, end).toLowerCase());
  }

  private static String nextWord(String text, int end) {
    int k = end;
    int n = text.length();
    while (k < n && (text.charAt(k) == ' ' || text.charAt(k) == '\t')) {
      k++;
    }
    int from = k;
    while (k < n && Character.isLetter(text.charAt(k))) {
      k++;
    }
    return text.substring(from, k);
  }

  private static String maskUrlsAndEmails(String text) {
    Matcher m = URL_OR_EMAIL.matcher(text);
    if (!m.find()) {
      return text;
    }
    StringBuilder masked = new StringBuilder(text);
    do {
      for (int k = m.start(); k < m.end(); k++) {
        masked.setCharAt(k, ' ');
      }
    } while (m.find());
    return masked.toString();
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  // --- construction -----------------------------------------------------------------------------------------

  private void insert(Form form) {
    Node node = root;
    String text = form.text();
    for (int k = 0; k < text.length(); k++) {
      char c = text.charAt(k);
      node = node.children.computeIfAbsent(c == ' ' ? ' ' : Character.toLowerCase(c), x -> new Node());
    }
    // Case-sensitive forms go first: among forms equal but for case, the stricter reading is tried first.
    if (form.caseSensitive()) {
      node.forms.add(0, form);
    } else {
      node.forms.add(form);
    }
  }

  private static String key(String form) {
    StringBuilder key = new StringBuilder();
    for (String part : form.strip().split("\\s+")) {
      if (key.length() > 0) {
        key.append(' ');
      }
      for (int k = 0; k < part.length(); k++) {
        key.append(Character.toLowerCase(part.charAt(k)));
      }
    }
    return key.toString();
  }

  /** An optional array of strings; anything else in its place is an error in the file. */
  private static List<String> strings(JsonNode skill, String field) throws IOException {
    JsonNode values = skill.path(field);
    if (values.isMissingNode()) {
      return List.of();
    }
    if (!values.isArray()) {
      throw new IOException(field + " of " + skill.path("name") + " is not an array");
    }
    List<String> strings = new ArrayList<>();
    for (JsonNode value : values) {
      if (!value.isTextual()) {
        throw new IOException(field + " of " + skill.path("name") + " holds " + value + ", not a string");
      }
      strings.add(value.textValue());
    }
    return strings;
  }

  private record Form(String text, String skill, boolean caseSensitive) {
  }

  private static final class Node {
    final Map<Character, Node> children = new HashMap<>(4);
    final List<Form> forms = new ArrayList<>(1);
  }

  private static final class Standard {
    static final SkillTaxonomy INSTANCE = load();

    private static SkillTaxonomy load() {
      try (InputStream in = SkillTaxonomy.class.getClassLoader().getResourceAsStream(RESOURCE)) {
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
