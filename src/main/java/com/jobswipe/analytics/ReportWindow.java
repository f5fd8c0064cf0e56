package com.jobswipe.analytics;

import com.jobswipe.edge.QueryParams;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The days a report or a statistic covers: {@code from} and {@code to} are UTC dates, both included. Without them
 * the window is the last {@link #DEFAULT_DAYS} days up to today. A window is at most {@link #MAX_DAYS} days: a
 * year (leap years included) is what the rollups are sized and measured for.
 */
record ReportWindow(LocalDate from, LocalDate to, Grouping groupBy) {

  static final int MAX_DAYS = 366;
  static final int DEFAULT_DAYS = 30;
  private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

  /** How report rows are grouped: per UTC day, or per ISO week (Monday), clipped to the window. */
  enum Grouping {
    DAY, WEEK;

    String sql() {
      return name().toLowerCase();
    }
  }

  /**
   * Reads {@code from}, {@code to} and {@code groupBy} from query parameters (each at most once). Every mistake is
   * named by parameter in one 400 problem.
   */
  static ReportWindow parse(Map<String, List<String>> query, LocalDate today) {
    Optional<LocalDate> to = date(query, "to");
    Optional<LocalDate> from = date(query, "from");
    LocalDate end = to.orElse(today);
    LocalDate start = from.orElse(end.minusDays(DEFAULT_DAYS - 1));
    if (start.isAfter(end)) {
      throw QueryParams.invalid("from", "must not be after 'to'");
    }
    if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
      throw QueryParams.invalid("from", "is more than " + MAX_DAYS + " days before 'to'; ask for at most " + MAX_DAYS + " days");
    }
    Grouping grouping = QueryParams.single(query, "groupBy").map(value -> switch (value) {
      case "day" -> Grouping.DAY;
      case "week" -> Grouping.WEEK;
      default -> throw QueryParams.invalid("groupBy", "must be day or week");
    }).orElse(Grouping.DAY);
    return new ReportWindow(start, end, grouping);
  }

  JsonObject toJson() {
    return new JsonObject().put("from", from.toString()).put("to", to.toString()).put("groupBy", groupBy.sql());
  }

  private static Optional<LocalDate> date(Map<String, List<String>> query, String name) {
    return QueryParams.single(query, name).map(text -> {
      if (!DATE.matcher(text).matches()) {
        throw QueryParams.invalid(name, "must be a date like 2026-01-31");
      }
      try {
        return LocalDate.parse(text);
      } catch (DateTimeParseException e) {
        throw QueryParams.invalid(name, "is not a calendar date");
      }
    });
  }
}
