package com.jobswipe.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cover-letter templates: the user's text with {@code {{job.title}}}-style placeholders filled per application.
 *
 * <p>Syntax: {@code {{name}}} with optional whitespace inside the braces ({@code {{ job.title }}}); names are the
 * fixed set {@link #PLACEHOLDERS}, case-sensitive. {@code \{{} writes a literal {@code {{}; a backslash anywhere
 * else is ordinary text, so paths and emoticons need no escaping.
 *
 * <p>Rendering is one left-to-right pass over the template only. A value is appended to the output and never
 * scanned again, so a job title that contains {@code {{profile.email}}} comes out as those characters, not as the
 * user's address: scraped postings are not trusted. Every value, {@code today} included, comes from the caller, who
 * owns the date format and locale; a missing value renders empty.
 *
 * <p>Error offsets are UTF-16 indexes into the body, as JavaScript string indexes are, so a browser can put the
 * caret on them.
 */
public final class CoverLetterTemplate {

  /** Every placeholder a template may use, in the order the editor offers them. */
  public static final Set<String> PLACEHOLDERS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
      "job.title", "job.company", "job.location",
      "profile.name", "profile.firstName", "profile.email", "profile.phone", "profile.headline", "profile.skills",
      "today")));

  /** Longer than any cover letter a form takes; bounds the work a save or preview can cause. */
  public static final int MAX_LENGTH = 20_000;
  /** Past this many, more errors tell the user nothing new and only make the response big. */
  static final int MAX_ERRORS = 50;

  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";
  private static final String ESCAPED_OPEN = "\\{{";
  /** Quoted names are cut to this length in messages: the "name" of an unclosed-looking run can be a paragraph. */
  private static final int MAX_QUOTED_NAME = 40;

  /** A problem at {@code offset} (UTF-16 index into the body). */
  public record TemplateError(String message, int offset) {

    public TemplateError {
      Objects.requireNonNull(message, "message");
    }
  }

  /** How values are made safe for where the rendered text goes. */
  public enum Escaping {
    /**
     * For text typed into a form's textarea: control characters other than newline and tab are removed from values
     * (they would be typed as keystrokes or be rejected by the form); nothing is HTML-escaped.
     */
    PLAIN,
    /**
     * For a preview inserted as HTML: as {@link #PLAIN}, then {@code & < > " '} are escaped in values and in the
     * template's own text alike, so the whole result is safe to insert as HTML. Newlines stay newlines; show them
     * with {@code white-space: pre-wrap}.
     */
    HTML
  }

  /** Thrown by {@link #render} for a template that {@link #validate} would not pass. */
  public static final class InvalidTemplateException extends IllegalArgumentException {

    private final List<TemplateError> errors;

    InvalidTemplateException(List<TemplateError> errors) {
      super("invalid cover-letter template: " + errors.get(0).message()
          + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
      this.errors = List.copyOf(errors);
    }

    public List<TemplateError> errors() {
      return errors;
    }
  }

  private CoverLetterTemplate() {
  }

  /** Every problem with {@code body}, in order, at most {@value #MAX_ERRORS}; empty when it can be rendered. */
  public static List<TemplateError> validate(String body) {
    return parse(body).errors();
  }

  /**
   * Fills the placeholders in {@code body} from {@code values}, keyed by placeholder name ({@code "job.title"}).
   *
   * @throws InvalidTemplateException if {@link #validate} reports anything
   */
  public static String render(String body, Map<String, String> values, Escaping escaping) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(escaping, "escaping");
    Parsed parsed = parse(body);
    if (!parsed.errors().isEmpty()) {
      throw new InvalidTemplateException(parsed.errors());
    }
    StringBuilder out = new StringBuilder(body.length() + 256);
    for (Part part : parsed.parts()) {
      if (part instanceof Literal literal) {
        appendEscaped(out, literal.text(), escaping);
      } else if (part instanceof Placeholder placeholder) {
        String value = values.get(placeholder.name());
        if (value != null) {
          appendEscaped(out, withoutControlCharacters(value), escaping);
        }
      }
    }
    return out.toString();
  }

  /**
   * The values of every placeholder for one letter, from the job and the candidate as the caller has them (any may
   * be null: it renders empty). The profile feature's preview and automation's forms fill letters alike.
   */
  public static Map<String, String> values(String jobTitle, String jobCompany, String jobLocation, String fullName,
                                           String email, String phone, String headline, Collection<String> skills,
                                           java.time.LocalDate today) {
    Map<String, String> values = new java.util.HashMap<>();
    values.put("job.title", jobTitle);
    values.put("job.company", jobCompany);
    values.put("job.location", jobLocation);
    values.put("profile.name", fullName);
    values.put("profile.firstName", fullName == null || fullName.isBlank() ? null : fullName.trim().split("\\s+")[0]);
    values.put("profile.email", email);
    values.put("profile.phone", phone);
    values.put("profile.headline", headline);
    values.put("profile.skills", commaList(skills == null ? List.of() : skills));
    values.put("today", today.toString());
    return values;
  }

  /** The {@code profile.skills} value: entries trimmed, blanks dropped, joined with ", ". */
  public static String commaList(Collection<String> items) {
    return items.stream()
        .filter(Objects::nonNull)
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.joining(", "));
  }

  // --- parsing ---

  private sealed interface Part permits Literal, Placeholder {
  }

  private record Literal(String text) implements Part {
  }

  private record Placeholder(String name) implements Part {
  }

  private record Parsed(List<Part> parts, List<TemplateError> errors) {
  }

  /**
   * One pass, linear in the body: the next {@code }}} and the next brace after an opening are each looked up
   * again only once the scan has passed them.
   */
  private static Parsed parse(String body) {
    List<Part> parts = new ArrayList<>();
    List<TemplateError> errors = new ArrayList<>();
    if (body == null || body.isBlank()) {
      errors.add(new TemplateError("the template is empty", 0));
      return new Parsed(parts, errors);
    }
    if (body.length() > MAX_LENGTH) {
      errors.add(new TemplateError(
          "the template is " + body.length() + " characters; the limit is " + MAX_LENGTH, MAX_LENGTH));
      return new Parsed(parts, errors);
    }

    StringBuilder literal = new StringBuilder();
    int nextClose = -2;
    int nextBrace = -2;
    int i = 0;
    int n = body.length();
    while (i < n && errors.size() < MAX_ERRORS) {
      if (body.startsWith(ESCAPED_OPEN, i)) {
        literal.append(OPEN);
        i += ESCAPED_OPEN.length();
        continue;
      }
      if (!body.startsWith(OPEN, i)) {
        literal.append(body.charAt(i));
        i++;
        continue;
      }
      int open = i;
      int contentStart = open + OPEN.length();
      if (nextClose != -1 && nextClose < contentStart) {
        nextClose = body.indexOf(CLOSE, contentStart);
      }
      if (nextBrace != -1 && nextBrace < contentStart) {
        nextBrace = body.indexOf('{', contentStart);
      }
      if (nextBrace >= 0 && (nextClose < 0 || nextBrace < nextClose)) {
        errors.add(new TemplateError("'{{' at " + open + " is not closed before the '{' at " + nextBrace
            + "; placeholders cannot be nested (write a literal '{{' as '\\{{')", nextBrace));
        // Go on from the inner brace, so a placeholder that starts there is still checked.
        literal.append(body, open, nextBrace);
        i = nextBrace;
        continue;
      }
      if (nextClose < 0) {
        errors.add(new TemplateError(
            "'{{' at " + open + " is never closed with '}}' (write a literal '{{' as '\\{{')", open));
        break;
      }
      String name = body.substring(contentStart, nextClose).strip();
      if (name.isEmpty()) {
        errors.add(new TemplateError("empty placeholder '{{}}' at " + open, open));
      } else if (!PLACEHOLDERS.contains(name)) {
        errors.add(new TemplateError(unknownPlaceholderMessage(name, open), open));
      } else {
        if (!literal.isEmpty()) {
          parts.add(new Literal(literal.toString()));
          literal.setLength(0);
        }
        parts.add(new Placeholder(name));
      }
      i = nextClose + CLOSE.length();
    }
    if (!literal.isEmpty()) {
      parts.add(new Literal(literal.toString()));
    }
    return new Parsed(parts, errors);
  }

  private static String unknownPlaceholderMessage(String name, int open) {
    String quoted = name.length() > MAX_QUOTED_NAME ? name.substring(0, MAX_QUOTED_NAME) + "…" : name;
    StringBuilder message = new StringBuilder("unknown placeholder '{{")
        .append(quoted).append("}}' at ").append(open);
    String suggestion = suggestionFor(name);
    if (suggestion != null) {
      message.append("; did you mean '{{").append(suggestion).append("}}'?");
    } else {
      message.append("; known: ").append(String.join(", ", PLACEHOLDERS));
    }
    return message.toString();
  }

  /** The known name this one most likely meant: same letters in another case, or without its "job."/"profile.". */
  private static String suggestionFor(String name) {
    String wanted = name.replace(" ", "").toLowerCase(Locale.ROOT);
    for (String known : PLACEHOLDERS) {
      String lower = known.toLowerCase(Locale.ROOT);
      if (lower.equals(wanted) || lower.substring(lower.indexOf('.') + 1).equals(wanted)) {
        return known;
      }
    }
    return null;
  }

  // --- output ---

  /** Drops C0 and C1 controls and DEL, keeping newline and tab. All of them are single UTF-16 units. */
  static String withoutControlCharacters(String value) {
    StringBuilder kept = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean drop = Character.isISOControl(c) && c != '\n' && c != '\t';
      if (drop && kept == null) {
        kept = new StringBuilder(value.length()).append(value, 0, i);
      } else if (!drop && kept != null) {
        kept.append(c);
      }
    }
    return kept == null ? value : kept.toString();
  }

  private static void appendEscaped(StringBuilder out, String text, Escaping escaping) {
    if (escaping == Escaping.PLAIN) {
      out.append(text);
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
  }
}
