package com.jobswipe.analytics;

import com.jobswipe.edge.QueryParams;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The days a report or a statistic covers: {@code from} and {@code to} are UTC dates, both included. Without them
 * the window is the last {@link #DEFAULT_DAYS} days up to today. A window is at most {@link #MAX_DAYS} days: a
 * year (leap years included) is what the rollups are sized and measured for.
 */
record ReportWindow(LocalDate from, LocalDate to, Grouping groupBy) {

  static final int MAX_DAYS = 366;
  static final int DEFAULT_DAYS = 30;

  /** How report rows are grouped: per UTC day, or per ISO week (Monday), clipped to the window. */
  enum Grouping {
    DAY, WEEK;

    String sql() {
      return name().toLowerCase();
    }
  }

  /**
   * Reads {@code from}, {@code to} and {@code groupBy} from query parameters (each at most once), whose form the
   * contract has judged. A window the wrong way round or too long is a 400 problem naming {@code from}.
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

  /** A date the contract judged already ({@code format: date}): only its place in the window is checked here. */
  private static Optional<LocalDate> date(Map<String, List<String>> query, String name) {
    return QueryParams.single(query, name).map(LocalDate::parse);
  }
}
