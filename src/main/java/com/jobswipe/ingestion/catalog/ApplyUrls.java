package com.jobswipe.ingestion.catalog;

import com.jobswipe.ingestion.SourceKind;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises which applicant tracking system (ATS) an apply URL belongs to and reduces it to one canonical key,
 * so that two URLs of one job (board page, embed form, {@code /apply} page, tracking parameters, EU host) compare
 * equal and a deduplicator can match on it.
 *
 * <h2>The invariant</h2>
 * {@code canonicalUrl} is an <em>identity key</em>: every URL of one job yields the same key, and keys of different
 * jobs differ. It is a working link wherever that costs nothing, but a caller that wants to open the form uses
 * the posting's own {@code applyUrl}. {@code detect} is idempotent: detecting a canonical key again returns the same
 * kind and key.
 *
 * <h2>Per ATS</h2>
 * <ul>
 *   <li><b>Greenhouse</b> &mdash; {@code boards.greenhouse.io/{board}/jobs/{id}},
 *       {@code job-boards.greenhouse.io/...}, {@code job-boards.eu.greenhouse.io/...},
 *       {@code boards.greenhouse.io/embed/job_app?for={board}&token={id}},
 *       {@code boards-api.greenhouse.io/v1/boards/{board}/jobs/{id}} and any company careers page carrying
 *       {@code ?gh_jid={id}} all become {@code greenhouse:{id}}. Why not
 *       {@code https://boards.greenhouse.io/{board}/jobs/{id}}: a careers page with {@code gh_jid} does not name
 *       the board, so a key containing the board could not be computed for it, and the same job would get two
 *       keys. Greenhouse job ids are numeric primary keys shared by every board, so the id alone identifies the
 *       job. (Assumption: the EU instance does not reuse US ids; an EU careers page's {@code gh_jid} could not be
 *       told apart anyway.) For a careers page, {@code domain} is the careers site's host, because that is the
 *       page an applicant (or our automation) loads; the Greenhouse form is an iframe inside it.</li>
 *   <li><b>Lever</b> &mdash; {@code jobs.lever.co/{company}/{uuid}} and {@code .../apply}, also on
 *       {@code jobs.eu.lever.co} &rarr; {@code https://{host}/{company}/{uuid}}, lower-cased (Lever slugs and
 *       UUIDs are case-insensitive).</li>
 *   <li><b>Ashby</b> &mdash; {@code jobs.ashbyhq.com/{org}/{uuid}} and {@code .../application}
 *       &rarr; {@code https://jobs.ashbyhq.com/{org}/{uuid}}, lower-cased.</li>
 *   <li><b>Workable</b> &mdash; {@code apply.workable.com/{account}/j/{shortcode}}, {@code .../apply} and the
 *       account-less short link {@code apply.workable.com/j/{shortcode}} &rarr;
 *       {@code https://apply.workable.com/j/{SHORTCODE}}: shortcodes are unique across accounts and the short
 *       link omits the account, so for the same reason as Greenhouse the key leaves the account out. Shortcodes
 *       are upper-cased.</li>
 *   <li><b>SmartRecruiters</b> &mdash; {@code jobs.smartrecruiters.com/{company}/{id}-{title-slug}}
 *       &rarr; {@code https://jobs.smartrecruiters.com/{company}/{id}}: the slug follows the title, which may be
 *       edited, so it is dropped; the company is lower-cased.</li>
 *   <li><b>Anything else</b> is {@code generic}: the URL normalised as {@link #normalize} describes.</li>
 * </ul>
 * An ATS host whose path is not a job (a board's listing page, say) is {@code generic} too.
 */
public final class ApplyUrls {

  /** The kind of everything that is not a recognised ATS job URL. */
  public static final String GENERIC = "generic";

  /**
   * Where a job is applied for.
   *
   * @param kind a {@link SourceKind#id()} of an ATS ({@code greenhouse}, {@code lever}, {@code ashby},
   *             {@code workable}, {@code smartrecruiters}) or {@link #GENERIC}
   * @param domain lower-case host of the page holding the form; empty when the URL has no host
   * @param canonicalUrl the identity key described on {@link ApplyUrls}; empty only for a blank URL
   */
  public record AtsTarget(String kind, String domain, String canonicalUrl) {
    public AtsTarget {
      Objects.requireNonNull(kind);
      Objects.requireNonNull(domain);
      Objects.requireNonNull(canonicalUrl);
    }

    public boolean isAts() {
      return !GENERIC.equals(kind);
    }
  }

  private static final String GREENHOUSE = SourceKind.GREENHOUSE.id();
  private static final String LEVER = SourceKind.LEVER.id();
  private static final String ASHBY = SourceKind.ASHBY.id();
  private static final String WORKABLE = SourceKind.WORKABLE.id();
  private static final String SMARTRECRUITERS = SourceKind.SMARTRECRUITERS.id();

  private static final Pattern GREENHOUSE_HOST = Pattern.compile("(?:boards|job-boards)(?:\\.eu)?\\.greenhouse\\.io");
  private static final Pattern LEVER_HOST = Pattern.compile("jobs(?:\\.eu)?\\.lever\\.co");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,19}");
  private static final Pattern UUID = Pattern.compile(
      "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern SHORTCODE = Pattern.compile("[0-9A-Za-z]{4,20}");
  private static final Pattern SMARTRECRUITERS_JOB = Pattern.compile("(\\d{6,19})(?:-.*)?");
  private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);
  private static final Pattern GREENHOUSE_KEY = Pattern.compile("greenhouse:(\\d{1,19})", Pattern.CASE_INSENSITIVE);

  /** Query parameters that only say where a click came from; compared lower-case. {@code utm_*} too. */
  private static final Set<String> TRACKING = Set.of(
      "gclid", "fbclid", "msclkid", "dclid", "ref", "source", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "igshid");

  private ApplyUrls() {
  }

  /**
   * Classifies an apply URL and computes its canonical key. Never throws for odd input: anything unparseable is
   * {@code generic} with the trimmed input as its key.
   */
  public static AtsTarget detect(String applyUrl) {
    Objects.requireNonNull(applyUrl, "applyUrl");
    String trimmed = applyUrl.strip();
    var key = GREENHOUSE_KEY.matcher(trimmed);
    if (key.matches()) {
      return new AtsTarget(GREENHOUSE, "boards.greenhouse.io", "greenhouse:" + stripZeros(key.group(1)));
    }
    Optional<Url> parsed = Url.parse(trimmed);
    if (parsed.isEmpty()) {
      return new AtsTarget(GENERIC, "", trimmed);
    }
    Url url = parsed.get();
    return greenhouse(url)
        .or(() -> lever(url))
        .or(() -> ashby(url))
        .or(() -> workable(url))
        .or(() -> smartRecruiters(url))
        .orElseGet(() -> new AtsTarget(GENERIC, url.host, url.normalized()));
  }

  /**
   * The generic normal form of a URL: scheme and host lower-cased, a trailing dot of the host, user info, the
   * default port, the fragment, tracking parameters ({@code utm_*}, {@code gclid}, {@code fbclid}, {@code msclkid},
   * {@code ref}, {@code source} and a few mailing-list ones) and trailing slashes removed; the remaining query
   * parameters sorted by name, then value (their order never changes what a server shows, and feeds reorder
   * them). Path and parameter values keep their case and encoding, because servers may treat them as
   * case-sensitive. A URL without a scheme is taken to be {@code https}. Input that does not parse is returned
   * trimmed.
   */
  public static String normalize(String url) {
    Objects.requireNonNull(url, "url");
    String trimmed = url.strip();
    return Url.parse(trimmed).map(Url::normalized).orElse(trimmed);
  }

  private static Optional<AtsTarget> greenhouse(Url url) {
    if (GREENHOUSE_HOST.matcher(url.host).matches() || url.host.equals("boards-api.greenhouse.io")) {
      List<String> s = url.segments();
      Optional<String> id = Optional.empty();
      if (s.size() >= 2 && s.get(0).equals("embed") && s.get(1).equals("job_app")) {
        id = url.param("token");
      } else if (s.size() >= 3 && s.get(1).equals("jobs")) {
        id = Optional.of(s.get(2));
      } else if (s.size() >= 5 && s.get(0).equals("v1") && s.get(1).equals("boards") && s.get(3).equals("jobs")) {
        id = Optional.of(s.get(4));
      }
      id = id.filter(v -> NUMBER.matcher(v).matches())
          .or(() -> url.param("gh_jid").filter(v -> NUMBER.matcher(v).matches()));
      return id.map(v -> new AtsTarget(GREENHOUSE, url.host, "greenhouse:" + stripZeros(v)));
    }
    // A company careers page embedding the Greenhouse form.
    return url.param("gh_jid")
        .filter(v -> NUMBER.matcher(v).matches())
        .map(v -> new AtsTarget(GREENHOUSE, url.host, "greenhouse:" + stripZeros(v)));
  }

  private static Optional<AtsTarget> lever(Url url) {
    if (!LEVER_HOST.matcher(url.host).matches()) {
      return Optional.empty();
    }
    List<String> s = url.segments();
    if (s.size() < 2 || s.size() > 3 || !UUID.matcher(s.get(1)).matches()
        || (s.size() == 3 && !s.get(2).equals("apply"))) {
      return Optional.empty();
    }
    return Optional.of(new AtsTarget(LEVER, url.host,
        "https://" + url.host + "/" + lower(s.get(0)) + "/" + lower(s.get(1))));
  }

  private static Optional<AtsTarget> ashby(Url url) {
    if (!url.host.equals("jobs.ashbyhq.com")) {
      return Optional.empty();
    }
    List<String> s = url.segments();
    if (s.size() < 2 || s.size() > 3 || !UUID.matcher(s.get(1)).matches()
        || (s.size() == 3 && !s.get(2).equals("application"))) {
      return Optional.empty();
    }
    return Optional.of(new AtsTarget(ASHBY, url.host,
        "https://jobs.ashbyhq.com/" + lower(s.get(0)) + "/" + lower(s.get(1))));
  }

  private static Optional<AtsTarget> workable(Url url) {
    if (!url.host.equals("apply.workable.com")) {
      return Optional.empty();
    }
    List<String> s = url.segments();
    int j = s.indexOf("j");
    if ((j != 0 && j != 1) || s.size() <= j + 1 || s.size() > j + 3
        || !SHORTCODE.matcher(s.get(j + 1)).matches()
        || (s.size() == j + 3 && !s.get(j + 2).equals("apply"))) {
      return Optional.empty();
    }
    return Optional.of(new AtsTarget(WORKABLE, url.host,
        "https://apply.workable.com/j/" + s.get(j + 1).toUpperCase(Locale.ROOT)));
  }

  private static Optional<AtsTarget> smartRecruiters(Url url) {
    if (!url.host.equals("jobs.smartrecruiters.com")) {
      return Optional.empty();
    }
    List<String> s = url.segments();
    if (s.size() < 2) {
      return Optional.empty();
    }
    var job = SMARTRECRUITERS_JOB.matcher(s.get(1));
    if (!job.matches()) {
      return Optional.empty();
    }
    return Optional.of(new AtsTarget(SMARTRECRUITERS, url.host,
        "https://jobs.smartrecruiters.com/" + lower(s.get(0)) + "/" + stripZeros(job.group(1))));
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** {@code 0123} and {@code 123} are one id to every ATS, which parse it as a number. */
  private static String stripZeros(String digits) {
    return digits.replaceFirst("^0+(?=\\d)", "");
  }

  /** A tolerant split of an absolute http(s) URL; {@code java.net.URI} rejects too much of what feeds contain. */
  private record Url(String scheme, String host, int port, String path, String query) {

    static Optional<Url> parse(String s) {
      if (s.isEmpty()) {
        return Optional.empty();
      }
      String rest;
      String scheme;
      boolean schemeless = false;
      if (s.startsWith("//")) {
        scheme = "https";
        rest = s.substring(2);
      } else if (SCHEME.matcher(s).matches() && s.indexOf("://") > 0
          && s.indexOf("://") == s.indexOf(':')) {
        scheme = s.substring(0, s.indexOf(':')).toLowerCase(Locale.ROOT);
        rest = s.substring(s.indexOf("://") + 3);
      } else if (!s.contains(":") || s.indexOf('/') > 0 && s.indexOf(':') > s.indexOf('/')) {
        scheme = "https"; // "boards.greenhouse.io/acme/jobs/1" as some feeds write it
        rest = s;
        schemeless = true;
      } else {
        return Optional.empty(); // mailto:, tel:, javascript:...
      }
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return Optional.empty();
      }
      int hash = rest.indexOf('#');
      if (hash >= 0) {
        rest = rest.substring(0, hash);
      }
      int authorityEnd = indexOfAny(rest, "/?");
      String authority = authorityEnd < 0 ? rest : rest.substring(0, authorityEnd);
      String tail = authorityEnd < 0 ? "" : rest.substring(authorityEnd);
      int at = authority.lastIndexOf('@');
      if (at >= 0) {
        authority = authority.substring(at + 1);
      }
      String host = authority;
      int port = -1;
      int colon = authority.lastIndexOf(':');
      if (colon >= 0 && colon > authority.lastIndexOf(']')) {
        host = authority.substring(0, colon);
        String digits = authority.substring(colon + 1);
        if (!digits.isEmpty()) {
          if (!NUMBER.matcher(digits).matches() || digits.length() > 5) {
            return Optional.empty();
          }
          port = Integer.parseInt(digits);
        }
      }
      host = host.toLowerCase(Locale.ROOT);
      while (host.endsWith(".")) {
        host = host.substring(0, host.length() - 1);
      }
      if (host.isEmpty() || host.chars().anyMatch(Character::isWhitespace) || schemeless && !host.contains(".")) {
        return Optional.empty();
      }
      int q = tail.indexOf('?');
      String path = q < 0 ? tail : tail.substring(0, q);
      String query = q < 0 ? "" : tail.substring(q + 1);
      return Optional.of(new Url(scheme, host, port, path, query));
    }

    List<String> segments() {
      return Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
    }

    Optional<String> param(String name) {
      for (String pair : query.split("[&;]")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        if (decode(key).equalsIgnoreCase(name) && eq >= 0) {
          return Optional.of(decode(pair.substring(eq + 1)).strip());
        }
      }
      return Optional.empty();
    }

    String normalized() {
      boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80)
          || (scheme.equals("https") && port == 443);
      String p = path;
      while (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      List<String[]> params = new ArrayList<>();
      for (String pair : query.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String lowerName = decode(name).toLowerCase(Locale.ROOT);
        if (lowerName.startsWith("utm_") || TRACKING.contains(lowerName)) {
          continue;
        }
        params.add(new String[] {name, pair});
      }
      params.sort(Comparator.<String[], String>comparing(a -> a[0]).thenComparing(a -> a[1]));
      StringBuilder out = new StringBuilder(scheme).append("://").append(host);
      if (!defaultPort) {
        out.append(':').append(port);
      }
      out.append(p);
      for (int i = 0; i < params.size(); i++) {
        out.append(i == 0 ? '?' : '&').append(params.get(i)[1]);
      }
      return out.toString();
    }

    private static int indexOfAny(String s, String chars) {
      for (int i = 0; i < s.length(); i++) {
        if (chars.indexOf(s.charAt(i)) >= 0) {
          return i;
        }
      }
      return -1;
    }

    private static String decode(String s) {
      try {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
      } catch (IllegalArgumentException malformed) {
        return s;
      }
    }
  }
}
