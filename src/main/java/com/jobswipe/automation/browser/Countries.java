package com.jobswipe.automation.browser;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which countries a work-authorisation question names, as ISO 3166 alpha-2 codes ({@code EU} for the European
 * Union). A short table of the countries postings ask about; a country not in it makes the question unanswerable
 * here, which sends it to a human — the safe failure.
 */
final class Countries {

  private static final Map<String, String> NAMES = new LinkedHashMap<>();
  /** "US" and "UK" in capitals only: lower-case "us" is a pronoun ("authorised to work for us"). */
  private static final Pattern CAPITAL_US = Pattern.compile("(?<![A-Za-z])U\\.?S\\.?A?\\.?(?![A-Za-z])");
  private static final Pattern CAPITAL_UK = Pattern.compile("(?<![A-Za-z])U\\.?K\\.?(?![A-Za-z])");
  private static final Pattern CAPITAL_EU = Pattern.compile("(?<![A-Za-z])(EU|EEA)(?![A-Za-z])");

  static {
    alias("US", "united states", "united states of america");
    alias("GB", "united kingdom", "great britain", "britain", "england", "scotland", "wales", "northern ireland");
    alias("EU", "european union", "european economic area");
    alias("CA", "canada");
    alias("DE", "germany", "deutschland");
    alias("FR", "france");
    alias("NL", "netherlands", "the netherlands", "holland");
    alias("IE", "ireland", "republic of ireland");
    alias("ES", "spain");
    alias("IT", "italy");
    alias("PT", "portugal");
    alias("PL", "poland");
    alias("AT", "austria");
    alias("CH", "switzerland");
    alias("BE", "belgium");
    alias("DK", "denmark");
    alias("SE", "sweden");
    alias("NO", "norway");
    alias("FI", "finland");
    alias("AU", "australia");
    alias("NZ", "new zealand");
    alias("IN", "india");
    alias("SG", "singapore");
    alias("JP", "japan");
    alias("IL", "israel");
    alias("MX", "mexico");
    alias("BR", "brazil");
    alias("AR", "argentina");
  }

  private Countries() {
  }

  private static void alias(String code, String... names) {
    for (String name : names) {
      NAMES.put(name, code);
    }
  }

  static Set<String> mentionedIn(String label) {
    Set<String> codes = new TreeSet<>();
    if (label == null) {
      return codes;
    }
    String normalised = Labels.normalise(label);
    NAMES.forEach((name, code) -> {
      if (Labels.hasPhrase(normalised, name)) {
        codes.add(code);
      }
    });
    if (CAPITAL_US.matcher(label).find()) {
      codes.add("US");
    }
    if (CAPITAL_UK.matcher(label).find()) {
      codes.add("GB");
    }
    if (CAPITAL_EU.matcher(label).find()) {
      codes.add("EU");
    }
    // "Northern Ireland" is the UK, not Ireland.
    if (codes.contains("IE") && Labels.hasPhrase(normalised, "northern ireland")
        && !Labels.hasPhrase(normalised.replace("northern ireland", ""), "ireland")) {
      codes.remove("IE");
    }
    return codes;
  }
}
