package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting;
import com.jobswipe.ingestion.SourceKind;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import org.jdom2.Element;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RSS 0.9x/1.0/2.0 and Atom feeds, typically from job aggregators, through Rome.
 *
 * <p>Security: Rome 2.x refuses any DOCTYPE (its SAX builder sets {@code disallow-doctype-decl} and resolves no
 * entities), so XXE, external DTDs and entity expansion ("billion laughs") fail before anything is read; we never
 * call {@code setAllowDoctypes(true)}. Such a feed fails as a whole with {@link SourceFormatException}.
 *
 * <p>Encoding: Rome's {@link XmlReader} in lenient mode weighs the BOM, the HTTP charset and the XML prolog
 * (so an {@code ISO-8859-1} prolog served as plain {@code text/xml} still decodes right).
 *
 * <p>Mapping: apply URL from the item link; id from guid/atom:id, else the link; company from the RSS
 * {@code <source>}, else {@code dc:creator}/author, else the title ("Role at Company", "Company: Role"), else the
 * configured company; the title loses the company part when it carries one. Description from
 * {@code content:encoded}/atom content, else description; HTML is sanitised, Atom {@code type="text"} is escaped.
 * Location and employment type only from namespaced extension elements such as {@code <job:location>},
 * {@code <job:type>} (Rome drops unknown un-namespaced item children); workplace is unknown, since feeds state it
 * nowhere.
 */
final class FeedParser implements SourceParser {

  private static final Pattern COMPANY_COLON_ROLE = Pattern.compile("^(?<company>[^:]{1,80}):\\s+(?<role>.+)$");
  private static final Pattern ROLE_AT_COMPANY = Pattern.compile("^(?<role>.+)\\s+(?:at|@)\\s+(?<company>[^@]{1,80})$");
  private static final Pattern EMAIL_WITH_NAME = Pattern.compile("^\\S+@\\S+\\s*\\((?<name>[^)]+)\\)$");
  private static final Set<String> LOCATION_ELEMENTS = Set.of("location", "joblocation", "region", "city");
  private static final Set<String> TYPE_ELEMENTS = Set.of("type", "jobtype", "employmenttype", "contracttype");

  private final Optional<String> configuredCompany;

  FeedParser(Optional<String> configuredCompany) {
    this.configuredCompany = configuredCompany;
  }

  @Override
  public Page parse(byte[] body, String contentType, URI sourceUrl) {
    if (body == null || body.length == 0) {
      throw new SourceFormatException("feed: empty body");
    }
    SyndFeed feed;
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
      // Never setAllowDoctypes(true): the default refusal is what keeps XXE and entity bombs out.
      feed = new SyndFeedInput().build(reader);
    } catch (FeedException | IOException | IllegalArgumentException e) {
      throw new SourceFormatException("feed: not a well-formed RSS or Atom feed without DOCTYPE ("
          + e.getClass().getSimpleName() + ")", e);
    }
    List<JobPosting> postings = new ArrayList<>();
    for (SyndEntry entry : feed.getEntries()) {
      toPosting(entry, sourceUrl).ifPresent(postings::add);
    }
    return new Page(postings, Optional.empty());
  }

  private Optional<JobPosting> toPosting(SyndEntry entry, URI sourceUrl) {
    Optional<String> link = link(entry, sourceUrl);
    TitleAndCompany named = titleAndCompany(CleanText.line(entry.getTitle()), namedCompany(entry));
    PostingDraft draft = new PostingDraft(SourceKind.RSS)
        .externalId(CleanText.nonEmpty(entry.getUri()).or(() -> link))
        .title(named.title())
        .company(named.company().or(() -> configuredCompany).orElse(""))
        .employmentType(foreign(entry, TYPE_ELEMENTS).stream().findFirst()
            .flatMap(PostingVocabulary::employmentType))
        .descriptionHtml(descriptionHtml(entry), link.orElse(sourceUrl == null ? "" : sourceUrl.toString()))
        .applyUrl(link)
        .postedAt(Optional.ofNullable(entry.getPublishedDate()).or(() -> Optional.ofNullable(entry.getUpdatedDate()))
            .map(Date::toInstant));
    foreign(entry, LOCATION_ELEMENTS).forEach(draft::location);
    return draft.build();
  }

  private static Optional<String> link(SyndEntry entry, URI sourceUrl) {
    Optional<String> raw = CleanText.nonEmpty(entry.getLink());
    if (raw.isEmpty() && entry.getLinks() != null) {
      raw = entry.getLinks().stream().map(SyndLink::getHref).map(CleanText::line).filter(s -> !s.isEmpty())
          .findFirst();
    }
    if (raw.isEmpty()) {
      raw = CleanText.nonEmpty(entry.getUri()).filter(u -> PostingDraft.httpUrl(u).isPresent());
    }
    return raw.map(href -> resolve(sourceUrl, href));
  }

  private static String resolve(URI base, String href) {
    try {
      return base == null ? href : base.resolve(href.replace(" ", "%20")).toString();
    } catch (IllegalArgumentException e) {
      return href;
    }
  }

  /** The company the entry names outside its title: {@code <source>}, then {@code dc:creator}/author. */
  private static Optional<String> namedCompany(SyndEntry entry) {
    Optional<String> source = Optional.ofNullable(entry.getSource()).map(SyndFeed::getTitle)
        .flatMap(CleanText::nonEmpty);
    if (source.isPresent()) {
      return source;
    }
    Optional<String> author = CleanText.nonEmpty(entry.getAuthor());
    if (author.isPresent() && author.get().contains("@")) {
      // RSS <author> is "jobs@acme.example (Acme)": only the name in brackets is a company.
      Matcher m = EMAIL_WITH_NAME.matcher(author.get());
      return m.matches() ? CleanText.nonEmpty(m.group("name")) : Optional.empty();
    }
    return author;
  }

  record TitleAndCompany(String title, Optional<String> company) {
  }

  /**
   * With a known company, strips it from a title that carries it; without one, reads it from the title: "Company:
   * Role" (the We Work Remotely convention) first, then "Role at Company".
   */
  static TitleAndCompany titleAndCompany(String title, Optional<String> known) {
    if (known.isPresent()) {
      String company = known.get();
      String lower = title.toLowerCase(Locale.ROOT);
      String lowerCompany = company.toLowerCase(Locale.ROOT);
      for (String suffix : List.of(" at " + lowerCompany, " @ " + lowerCompany)) {
        if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
          return new TitleAndCompany(title.substring(0, title.length() - suffix.length()).trim(), known);
        }
      }
      if (lower.startsWith(lowerCompany + ":") && lower.length() > lowerCompany.length() + 1) {
        return new TitleAndCompany(title.substring(company.length() + 1).trim(), known);
      }
      return new TitleAndCompany(title, known);
    }
    Matcher colon = COMPANY_COLON_ROLE.matcher(title);
    if (colon.matches()) {
      return new TitleAndCompany(colon.group("role").trim(), CleanText.nonEmpty(colon.group("company")));
    }
    Matcher at = ROLE_AT_COMPANY.matcher(title);
    if (at.matches()) {
      return new TitleAndCompany(at.group("role").trim(), CleanText.nonEmpty(at.group("company")));
    }
    return new TitleAndCompany(title, Optional.empty());
  }

  private static String descriptionHtml(SyndEntry entry) {
    List<SyndContent> candidates = new ArrayList<>();
    if (entry.getContents() != null) {
      candidates.addAll(entry.getContents());
    }
    if (entry.getDescription() != null) {
      candidates.add(entry.getDescription());
    }
    for (SyndContent content : candidates) {
      String value = content.getValue();
      if (value == null || value.isBlank()) {
        continue;
      }
      String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
      return type.equals("text") || type.equals("text/plain") ? HtmlCleaner.fromPlainText(value) : value;
    }
    return "";
  }

  /** Text of namespaced extension elements whose local name (letters only, lower case) is one of {@code names}. */
  private static List<String> foreign(SyndEntry entry, Set<String> names) {
    List<String> values = new ArrayList<>();
    List<Element> markup = entry.getForeignMarkup();
    if (markup == null) {
      return values;
    }
    for (Element element : markup) {
      String name = element.getName().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
      if (names.contains(name)) {
        CleanText.nonEmpty(element.getTextNormalize()).ifPresent(values::add);
      }
    }
    return values;
  }
}
