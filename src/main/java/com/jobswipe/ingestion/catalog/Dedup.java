package com.jobswipe.ingestion.catalog;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.text.CompanyNames;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Decides whether a freshly fetched posting is a job we already hold, so the same job posted on its ATS board and
 * copied by an aggregator shows up once.
 *
 * <h2>Rules, in order</h2>
 * <ol>
 *   <li><b>Exact.</b> Equal non-blank canonical apply URLs ({@link ApplyUrls}) are the same job, whatever the
 *       text says.</li>
 *   <li><b>Distinct ATS postings stay distinct.</b> Two different canonical keys of the <em>same</em> ATS (two
 *       Greenhouse ids, say) are two requisitions, even with identical text: companies post one description per
 *       location or team, and an applicant must apply to the right one. (Keys of different ATSs, or a generic URL
 *       against an ATS key, fall through: that is an aggregator's copy or a company that moved ATS.)</li>
 *   <li><b>Near-duplicate</b>, all of:
 *     <ul>
 *       <li>same {@link #normalizedCompany company key} (case, punctuation, accents and legal suffixes such as
 *           Inc, LLC, Ltd, GmbH ignored);</li>
 *       <li>title similarity &ge; {@value #MIN_TITLE_SIMILARITY}: Jaccard similarity of the titles' token sets
 *           after {@link #titleTokens normalising} them ({@code Sr.} = {@code Senior}, punctuation, gender tags
 *           and workplace words dropped). 0.8 accepts one extra or missing word only in titles of five or more
 *           words (4/5), so {@code Senior Backend Engineer} never matches {@code Senior Frontend Engineer}
 *           (2/4 = 0.5) nor {@code Backend Engineer} (2/3), while word order and abbreviations do not matter;</li>
 *       <li>descriptions within SimHash distance {@value #MAX_SIMHASH_DISTANCE} of 64 bits. Each bit of two
 *           fingerprints differs with probability &theta;/&pi;, &theta; the angle between the texts' shingle
 *           vectors, so 6/64 &asymp; 0.09 corresponds to &theta; &asymp; 17&deg;, a cosine similarity of about
 *           0.95: the same text with a changed footer, an "Apply now" line, an added benefits sentence or
 *           different whitespace. Unrelated texts differ in 32 &plusmn; 4 bits, and the chance that they land
 *           within 6 is below 10<sup>-9</sup>; Google's web-scale dedup (Manku et al., 2007) used 3 over
 *           billions of pages, and we can afford twice that because the company and title gates above leave
 *           only a handful of candidates per posting, so recall against boilerplate edits matters more than the
 *           tiny false-match rate;</li>
 *       <li>except when both descriptions are shorter than {@value #SHORT_DESCRIPTION} characters (an
 *           aggregator's teaser or an empty body): a few dozen words make so few shingles that one edited word
 *           moves many bits, so SimHash says nothing there, and the titles must instead be equal as normalised
 *           token sets.</li>
 *     </ul></li>
 * </ol>
 * The caller fingerprints a posting with {@code SimHash.of(posting.descriptionText())}; {@link Candidate#of}
 * does all of it.
 */
public final class Dedup {

  /** Minimum Jaccard similarity of normalised title token sets for a near-duplicate. */
  public static final double MIN_TITLE_SIMILARITY = 0.8;
  /** Maximum SimHash distance (bits of 64) between descriptions of a near-duplicate. */
  public static final int MAX_SIMHASH_DISTANCE = 6;
  /** Descriptions shorter than this (whitespace collapsed) are too short for SimHash to mean anything. */
  public static final int SHORT_DESCRIPTION = 200;

  /**
   * A job already held, as much of it as matching needs.
   *
   * @param simhash {@code SimHash.of(descriptionText)}
   * @param canonicalUrl {@link ApplyUrls.AtsTarget#canonicalUrl()} of its apply URL
   * @param descriptionLength the description's {@link #descriptionLength length}, or {@code -1} when not known
   *                          (the short-description rule then never applies)
   */
  public record Candidate(UUID id, String company, String title, long simhash, String canonicalUrl,
                          int descriptionLength) {

    public Candidate {
      Objects.requireNonNull(id);
      Objects.requireNonNull(company);
      Objects.requireNonNull(title);
      Objects.requireNonNull(canonicalUrl);
    }

    /** A candidate whose description length is not known. */
    public Candidate(UUID id, String company, String title, long simhash, String canonicalUrl) {
      this(id, company, title, simhash, canonicalUrl, -1);
    }

    /** The candidate for a stored posting, fingerprinted as {@link Dedup#sameJob} expects. */
    public static Candidate of(UUID id, JobPosting posting) {
      return new Candidate(id, posting.company(), posting.title(), SimHash.of(posting.descriptionText()),
          ApplyUrls.detect(posting.applyUrl()).canonicalUrl(), Dedup.descriptionLength(posting.descriptionText()));
    }
  }

  private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern DROPPED_PUNCTUATION = Pattern.compile("['\u2019.]");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern FORMAT_CHARS = Pattern.compile("\\p{Cf}+");
  /** German/French gender tags: (m/w/d), (f/m/x), (w/m/d), (h/f), (all genders), (gn). */
  private static final Pattern GENDER_TAG = Pattern.compile(
      "\\(\\s*(?:[mwfdhxi]\\s*[/|*,]\\s*){1,3}[mwfdhxi]\\s*\\)"
          + "|\\(\\s*(?:all genders|gn|d)\\s*\\)|\\bm/w/d\\b|\\bm/f/d\\b");
  private static final Pattern ON_SITE = Pattern.compile("\\bon[- ]site\\b");
  private static final Pattern SPLIT_COMPOUND = Pattern.compile("\\b(back|front|full)[\\s-]+(end|stack)\\b");

  /** Abbreviations that mean the same word in a title. */
  private static final Map<String, List<String>> TITLE_SYNONYMS = Map.ofEntries(
      Map.entry("sr", List.of("senior")), Map.entry("snr", List.of("senior")),
      Map.entry("jr", List.of("junior")), Map.entry("jnr", List.of("junior")),
      Map.entry("mgr", List.of("manager")), Map.entry("eng", List.of("engineer")),
      Map.entry("engr", List.of("engineer")), Map.entry("dev", List.of("developer")),
      Map.entry("swe", List.of("software", "engineer")),
      Map.entry("sre", List.of("site", "reliability", "engineer")),
      Map.entry("vp", List.of("vice", "president")), Map.entry("ml", List.of("machine", "learning")));

  /** Words that say where, not what: aggregators append them ("Backend Engineer - Remote"). */
  private static final Set<String> TITLE_NOISE = Set.of(
      "remote", "hybrid", "onsite", "wfh", "a", "an", "and", "the", "of", "for", "in", "at", "to", "with");

  private Dedup() {
  }

  /** Whether {@code posting} is {@code existing}, by the rules on {@link Dedup}. */
  public static boolean sameJob(JobPosting posting, long postingSimhash, String postingCanonicalUrl,
                                Candidate existing) {
    Objects.requireNonNull(posting);
    Objects.requireNonNull(existing);
    String url = postingCanonicalUrl == null ? "" : postingCanonicalUrl.strip();
    String other = existing.canonicalUrl().strip();
    if (!url.isEmpty() && url.equals(other)) {
      return true;
    }
    if (!url.isEmpty() && !other.isEmpty()) {
      ApplyUrls.AtsTarget mine = ApplyUrls.detect(url);
      ApplyUrls.AtsTarget theirs = ApplyUrls.detect(other);
      if (mine.isAts() && mine.kind().equals(theirs.kind())) {
        return false;
      }
    }
    String company = normalizedCompany(posting.company());
    if (company.isEmpty() || !company.equals(normalizedCompany(existing.company()))) {
      return false;
    }
    Set<String> title = new HashSet<>(titleTokens(posting.title()));
    Set<String> otherTitle = new HashSet<>(titleTokens(existing.title()));
    if (titleSimilarity(title, otherTitle) < MIN_TITLE_SIMILARITY) {
      return false;
    }
    int length = descriptionLength(posting.descriptionText());
    if (length < SHORT_DESCRIPTION && existing.descriptionLength() >= 0
        && existing.descriptionLength() < SHORT_DESCRIPTION) {
      return title.equals(otherTitle);
    }
    return SimHash.distance(postingSimhash, existing.simhash()) <= MAX_SIMHASH_DISTANCE;
  }

  /** The company comparison key shared with matching: see {@link CompanyNames#key}. */
  public static String normalizedCompany(String company) {
    return CompanyNames.key(company);
  }

  /**
   * Hex SHA-256 of title, company and description text, each with Unicode compatibility forms folded,
   * invisible format characters removed and whitespace collapsed: changes when the wording does, not when a
   * source re-renders the same text. Case is kept; a case edit is an edit.
   */
  public static String contentHash(JobPosting posting) {
    String text = normalizeSpace(posting.title()) + '\u001f' + normalizeSpace(posting.company()) + '\u001f'
        + normalizeSpace(posting.descriptionText());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }

  /** Length of a description with whitespace collapsed and trimmed, as the short-description rule counts it. */
  public static int descriptionLength(String description) {
    return description == null ? 0 : normalizeSpace(description).length();
  }

  /**
   * A title's comparable words: accents and case folded, gender tags and punctuation dropped, {@code C++},
   * {@code C#} and {@code .NET} kept apart, abbreviations expanded ({@code Sr} = {@code Senior}, {@code SRE} =
   * {@code Site Reliability Engineer}, {@code Back-end} = {@code Backend}), workplace words and small words dropped.
   */
  /**
   * The title as an order-free key of its normalised tokens ("Sr. Backend Engineer (Remote)" and "Senior
   * Backend Engineer" share one). Storage looks near-duplicate candidates up by company and this key, so the
   * lookup stays constant-time on boards with 100,000 jobs; titles that differ by a word are left to the
   * canonical-URL match.
   */
  public static String titleKey(String title) {
    return String.join(" ", new java.util.TreeSet<>(titleTokens(title)));
  }

  static List<String> titleTokens(String title) {
    String s = fold(title == null ? "" : title);
    s = GENDER_TAG.matcher(s).replaceAll(" ");
    s = ON_SITE.matcher(s).replaceAll(" onsite ");
    s = SPLIT_COMPOUND.matcher(s).replaceAll("$1$2");
    s = s.replace("c++", " cplusplus ").replace("c#", " csharp ").replace(".net", " dotnet ")
        .replace("&", " and ");
    s = DROPPED_PUNCTUATION.matcher(s).replaceAll("");
    List<String> tokens = new ArrayList<>();
    for (String word : NON_ALNUM.matcher(s).replaceAll(" ").strip().split(" ")) {
      for (String t : TITLE_SYNONYMS.getOrDefault(word, List.of(word))) {
        if (!t.isEmpty() && !TITLE_NOISE.contains(t)) {
          tokens.add(t);
        }
      }
    }
    return tokens;
  }

  /** Jaccard similarity of two titles' {@link #titleTokens token} sets; 0 when either is empty. */
  static double titleSimilarity(String a, String b) {
    return titleSimilarity(new HashSet<>(titleTokens(a)), new HashSet<>(titleTokens(b)));
  }

  private static double titleSimilarity(Set<String> a, Set<String> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return 0;
    }
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    long shared = a.stream().filter(b::contains).count();
    return (double) shared / union.size();
  }

  private static String fold(String s) {
    return CompanyNames.fold(s);
  }

  private static String normalizeSpace(String s) {
    String compatible = FORMAT_CHARS.matcher(Normalizer.normalize(s, Normalizer.Form.NFKC)).replaceAll("");
    return WHITESPACE.matcher(compatible).replaceAll(" ").strip();
  }
}
