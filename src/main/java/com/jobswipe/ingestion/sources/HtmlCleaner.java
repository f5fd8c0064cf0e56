package com.jobswipe.ingestion.sources;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Job descriptions from the outside world, made safe to render and readable as text.
 *
 * <p>The allow-list keeps structure only: paragraphs, line breaks, lists, emphasis, headings, quotes, code, tables and
 * links. Links keep {@code href} only when it is http, https or mailto, and always get {@code rel="nofollow noopener"}.
 * EmptyRequest else (images, scripts, styles, frames, forms, event handlers, {@code style}/{@code class} attributes,
 * {@code javascript:} and {@code data:} URLs) is dropped; scripts, styles, frames and the like lose their content too.
 */
public final class HtmlCleaner {

  private static final Safelist SAFELIST = new Safelist()
      .addTags("p", "br", "div", "span", "hr", "ul", "ol", "li", "dl", "dt", "dd",
          "strong", "em", "b", "i", "u", "s", "sub", "sup", "small",
          "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "code", "pre",
          "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td", "a")
      .addAttributes("a", "href")
      .addProtocols("a", "href", "http", "https", "mailto")
      .addEnforcedAttribute("a", "rel", "nofollow noopener")
      .addAttributes("ol", "start")
      .addAttributes("td", "colspan", "rowspan")
      .addAttributes("th", "colspan", "rowspan", "scope");

  /** Removed with everything inside them before the allow-list runs, so no script or CSS text survives as text. */
  private static final Evaluator REMOVED_WITH_CONTENT = QueryParser.parse("script, style, iframe, frame, frameset, "
      + "object, embed, applet, noscript, noembed, noframes, template, svg, math, form, textarea, select, button, head, "
      + "title");

  private static final Set<String> BLOCKS = Set.of("p", "div", "ul", "ol", "dl", "blockquote", "pre", "table", "hr",
      "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer", "caption");
  private static final Set<String> LINES = Set.of("li", "tr", "dt", "dd");
  private static final Pattern BLANK_RUNS = Pattern.compile("\\n{3,}");
  private static final String BULLET = "• ";

  private HtmlCleaner() {
  }

  /** Sanitised HTML; relative links are dropped. */
  public static String sanitise(String html) {
    return sanitise(html, "");
  }

  /** Sanitised HTML; relative links are made absolute against {@code baseUri} (dropped when it is empty). */
  public static String sanitise(String html, String baseUri) {
    return clean(html, baseUri).body().html().trim();
  }

  /** Sanitised HTML and its text in one pass: what a parser stores for each posting. */
  record Cleaned(String html, String text) {
  }

  static Cleaned sanitiseWithText(String html, String baseUri) {
    Document clean = clean(html, baseUri);
    return new Cleaned(clean.body().html().trim(), text(clean));
  }

  private static Document clean(String html, String baseUri) {
    if (html == null || html.isBlank()) {
      return Document.createShell(baseUri == null ? "" : baseUri);
    }
    Document dirty = Jsoup.parseBodyFragment(html, baseUri == null ? "" : baseUri);
    dirty.select(REMOVED_WITH_CONTENT).remove();
    Document clean = new Cleaner(SAFELIST).clean(dirty);
    clean.outputSettings()
        .prettyPrint(false)
        .charset(StandardCharsets.UTF_8)
        .escapeMode(Entities.EscapeMode.base);
    return clean;
  }

  /**
   * For sources that entity-escape their HTML (Greenhouse's {@code content}: {@code &lt;p&gt;Caf&amp;eacute;}):
   * unescape once, then sanitise. Unescaping first is what makes an escaped {@code &lt;script&gt;} a real element
   * the allow-list can remove, instead of text that a later unescape would turn back into markup.
   */
  public static String unescapeThenSanitise(String entityEscapedHtml) {
    if (entityEscapedHtml == null || entityEscapedHtml.isBlank()) {
      return "";
    }
    return sanitise(Parser.unescapeEntities(entityEscapedHtml, false));
  }

  /** Plain text as safe HTML: blank lines become paragraphs, single line breaks {@code <br>}. */
  public static String fromPlainText(String text) {
    if (text == null || text.isBlank()) {
      return "";
    }
    StringBuilder html = new StringBuilder();
    for (String paragraph : text.strip().replace("\r\n", "\n").split("\\n\\s*\\n")) {
      String escaped = Entities.escape(paragraph.strip()).replace("\n", "<br>");
      if (!escaped.isEmpty()) {
        html.append("<p>").append(escaped).append("</p>");
      }
    }
    return html.toString();
  }

  /**
   * Readable plain text: blocks separated by a blank line, {@code <br>} as a line break, list items on their own line
   * starting with "• ", whitespace inside a paragraph collapsed (kept inside {@code <pre>}). Runs the allow-list
   * first, so nothing from a script or style ends up in the text.
   */
  public static String toText(String html) {
    return text(clean(html, ""));
  }

  private static String text(Document clean) {
    TextWriter writer = new TextWriter();
    NodeTraversor.traverse(writer, clean.body());
    String text = writer.out.toString()
        .lines()
        .map(String::stripTrailing)
        .reduce((a, b) -> a + "\n" + b)
        .orElse("");
    return BLANK_RUNS.matcher(text).replaceAll("\n\n").strip();
  }

  private static final class TextWriter implements NodeVisitor {

    private final StringBuilder out = new StringBuilder();

    @Override
    public void head(Node node, int depth) {
      if (node instanceof TextNode text) {
        append(text);
      } else if (node instanceof Element element) {
        String tag = element.normalName();
        if (tag.equals("br")) {
          out.append('\n');
        } else if (tag.equals("li")) {
          newline();
          out.append(BULLET);
        } else if (tag.equals("td") || tag.equals("th")) {
          if (!atLineStart()) {
            out.append(" | ");
          }
        } else {
          breakFor(element);
        }
      }
    }

    @Override
    public void tail(Node node, int depth) {
      if (node instanceof Element element) {
        breakFor(element);
      }
    }

    private void breakFor(Element element) {
      String tag = element.normalName();
      if (LINES.contains(tag)) {
        newline();
      } else if (BLOCKS.contains(tag)) {
        // Inside a list item (<li><p>…</p></li>, nested lists) a block only starts a new line, so items stay together.
        if (element.closest("li") != null) {
          newline();
        } else {
          blankLine();
        }
      }
    }

    private void append(TextNode text) {
      if (insidePre(text)) {
        out.append(text.getWholeText());
        return;
      }
      // Collapse each whitespace run to one space (no leading space at a line start or after a space).
      String whole = text.getWholeText();
      boolean pendingSpace = false;
      boolean dropLeading = atLineStart() || endsWithSpace();
      for (int i = 0; i < whole.length(); i++) {
        char c = whole.charAt(i);
        if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
          pendingSpace = true;
          continue;
        }
        if (pendingSpace && !dropLeading) {
          out.append(' ');
        }
        pendingSpace = false;
        dropLeading = false;
        out.append(c);
      }
      if (pendingSpace && !dropLeading) {
        out.append(' ');
      }
    }

    private static boolean insidePre(Node node) {
      for (Node p = node.parentNode(); p != null; p = p.parentNode()) {
        if (p instanceof Element e && e.normalName().equals("pre")) {
          return true;
        }
      }
      return false;
    }

    private boolean endsWithSpace() {
      return !out.isEmpty() && out.charAt(out.length() - 1) == ' ';
    }

    /** At the start of a line, or right after a fresh bullet (a {@code <p>} inside an {@code <li>} stays on its line). */
    private boolean atLineStart() {
      int len = out.length();
      if (len == 0 || out.charAt(len - 1) == '\n') {
        return true;
      }
      return len >= BULLET.length() && out.substring(len - BULLET.length()).equals(BULLET)
          && (len == BULLET.length() || out.charAt(len - BULLET.length() - 1) == '\n');
    }

    private boolean freshBullet() {
      int len = out.length();
      return len >= BULLET.length() && out.substring(len - BULLET.length()).equals(BULLET);
    }

    private void trimTrailingSpaces() {
      while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ' && !freshBullet()) {
        out.setLength(out.length() - 1);
      }
    }

    private void newline() {
      if (freshBullet()) {
        return;
      }
      trimTrailingSpaces();
      if (!out.isEmpty() && out.charAt(out.length() - 1) != '\n') {
        out.append('\n');
      }
    }

    private void blankLine() {
      if (freshBullet()) {
        return;
      }
      trimTrailingSpaces();
      if (out.isEmpty()) {
        return;
      }
      newline();
      if (out.length() < 2 || out.charAt(out.length() - 2) != '\n') {
        out.append('\n');
      }
    }
  }
}
