package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.JobPosting.Salary;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pay ranges, from structured fields or from free text; only when stated with numbers, a currency and a period. */
final class SalaryRanges {

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  /** Below this, an amount without a stated period could be hourly, daily or monthly: we do not guess. */
  private static final BigDecimal SURELY_YEARLY = BigDecimal.valueOf(10_000);

  private static final Map<String, String> CURRENCIES = Map.ofEntries(
      Map.entry("$", "USD"), Map.entry("US$", "USD"), Map.entry("USD", "USD"),
      Map.entry("€", "EUR"), Map.entry("EUR", "EUR"),
      Map.entry("£", "GBP"), Map.entry("GBP", "GBP"),
      Map.entry("CA$", "CAD"), Map.entry("C$", "CAD"), Map.entry("CAD", "CAD"),
      Map.entry("AU$", "AUD"), Map.entry("A$", "AUD"), Map.entry("AUD", "AUD"),
      Map.entry("CHF", "CHF"));

  private static final String CURRENCY = "USD|EUR|GBP|CAD|AUD|CHF|US\\$|CA\\$|C\\$|AU\\$|A\\$|\\$|€|£";
  /*
   * An amount: optional currency before, digits with thousands separators or a decimal part, an optional k, an
   * optional currency code after. Possessive quantifiers stop "0.5%" from backtracking into a bare "0".
   */
  private static final Pattern AMOUNT = Pattern.compile(
      "(?<pre>" + CURRENCY + ")?\\s?+"
          + "(?<num>\\d{1,3}(?:[,.]\\d{3})++(?!\\d)|\\d++(?:\\.\\d++)?+)"
          + "\\s?+(?<k>[kK](?![a-zA-Z]))?+"
          + "(?:\\s?+(?<post>USD|EUR|GBP|CAD|AUD|CHF)\\b)?+"
          + "(?!\\s?+%)");
  private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}(?:[,.]\\d{3})+");
  private static final Pattern HOURLY = Pattern.compile("(/|per |an |a )\\s*(hour|hr)\\b|\\bhourly\\b");
  private static final Pattern DAILY = Pattern.compile("(/|per |a )\\s*day\\b|\\bdaily\\b");
  private static final Pattern WEEKLY = Pattern.compile("(/|per |a )\\s*(week|wk)\\b|\\bweekly\\b");
  private static final Pattern MONTHLY = Pattern.compile("(/|per |a )\\s*(month|mo)\\b|\\bmonthly\\b");
  private static final Pattern YEARLY =
      Pattern.compile("(/|per |a )\\s*(year|yr|annum)\\b|\\bannual(ly)?\\b|\\byearly\\b|\\bp\\.?a\\.?\\b");

  private SalaryRanges() {
  }

  /** A structured range; amounts of zero or below count as not stated (RemoteOK sends 0). */
  static Optional<Salary> of(Optional<BigDecimal> min, Optional<BigDecimal> max, String currency, Optional<String> period) {
    Optional<BigDecimal> lo = min.filter(v -> v.signum() > 0).map(SalaryRanges::tidy);
    Optional<BigDecimal> hi = max.filter(v -> v.signum() > 0).map(SalaryRanges::tidy);
    String code = CleanText.line(currency).toUpperCase(Locale.ROOT);
    if ((lo.isEmpty() && hi.isEmpty()) || !code.matches("[A-Z]{3}") || period.isEmpty()) {
      return Optional.empty();
    }
    if (lo.isPresent() && hi.isPresent() && lo.get().compareTo(hi.get()) > 0) {
      return Optional.empty();
    }
    return Optional.of(new Salary(lo, hi, code, period.get()));
  }

  /**
   * Free text such as Remotive's {@code salary}: "$120k - $150k", "€50,000–€60,000 per year", "$45 - $60 /hour",
   * "From $90k". Empty unless it is one amount or one range, in one currency, with a period stated or implied by
   * yearly-sized amounts. "Competitive", "120k-150k" (no currency) and "$100k + 0.5% equity + $20k bonus" stay empty.
   */
  static Optional<Salary> parse(String text) {
    String line = CleanText.line(text);
    if (line.isEmpty()) {
      return Optional.empty();
    }
    List<BigDecimal> amounts = new ArrayList<>();
    List<Boolean> thousands = new ArrayList<>();
    Set<String> currencies = new HashSet<>();
    Matcher m = AMOUNT.matcher(line);
    while (m.find()) {
      BigDecimal amount = number(m.group("num"));
      boolean k = m.group("k") != null;
      amounts.add(k ? amount.multiply(THOUSAND) : amount);
      thousands.add(k);
      for (String c : new String[] {m.group("pre"), m.group("post")}) {
        if (c != null) {
          currencies.add(CURRENCIES.get(c.toUpperCase(Locale.ROOT)));
        }
      }
    }
    if (amounts.isEmpty() || amounts.size() > 2 || currencies.size() != 1) {
      return Optional.empty();
    }
    // "$120-150k": the k written once applies to both ends.
    if (amounts.size() == 2 && !thousands.get(0) && thousands.get(1) && amounts.get(0).compareTo(THOUSAND) < 0) {
      amounts.set(0, amounts.get(0).multiply(THOUSAND));
    }
    String lower = line.toLowerCase(Locale.ROOT);
    Optional<BigDecimal> min;
    Optional<BigDecimal> max;
    if (amounts.size() == 2) {
      min = Optional.of(amounts.get(0));
      max = Optional.of(amounts.get(1));
    } else if (lower.contains("up to") || lower.startsWith("max")) {
      min = Optional.empty();
      max = Optional.of(amounts.get(0));
    } else if (lower.contains("+") || lower.contains("from") || lower.contains("starting") || lower.contains("min")) {
      min = Optional.of(amounts.get(0));
      max = Optional.empty();
    } else {
      min = Optional.of(amounts.get(0));
      max = Optional.of(amounts.get(0));
    }
    Optional<String> period = statedPeriod(lower);
    if (period.isEmpty()) {
      BigDecimal smallest = min.or(() -> max).orElseThrow();
      if (smallest.compareTo(SURELY_YEARLY) >= 0) {
        period = Optional.of("year");
      }
    }
    return of(min, max, currencies.iterator().next(), period);
  }

  private static Optional<String> statedPeriod(String lower) {
    if (HOURLY.matcher(lower).find()) {
      return Optional.of("hour");
    }
    if (DAILY.matcher(lower).find()) {
      return Optional.of("day");
    }
    if (WEEKLY.matcher(lower).find()) {
      return Optional.of("week");
    }
    if (MONTHLY.matcher(lower).find()) {
      return Optional.of("month");
    }
    if (YEARLY.matcher(lower).find()) {
      return Optional.of("year");
    }
    return Optional.empty();
  }

  private static BigDecimal number(String digits) {
    // "120,000" and "120.000" are thousands separators; "52.50" is a decimal.
    String plain = THOUSANDS.matcher(digits).matches() ? digits.replaceAll("[,.]", "") : digits;
    return new BigDecimal(plain);
  }

  private static BigDecimal tidy(BigDecimal value) {
    BigDecimal stripped = value.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
