package com.jobswipe.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Company names as comparison keys. Shared because two roles must agree on them: ingestion stores the key
 * with every job ({@code jobs.company_key}) and matching compares a user's excluded companies against it.
 */
public final class CompanyNames {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern DROPPED_PUNCTUATION = Pattern.compile("['\u2019.]");
  private static final Pattern AND_CO = Pattern.compile("(?:&|\\band)\\s*co\\b");

  private static final Set<String> LEGAL_SUFFIXES = Set.of(
      "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "plc", "corp", "corporation", "co", "company",
      "gmbh", "ag", "kg", "kgaa", "ug", "se", "sa", "sas", "sarl", "srl", "spa", "bv", "nv", "oy", "oyj", "ab",
      "as", "asa", "aps", "pty", "pte", "kk", "sl", "sro", "sp", "zoo");

  private CompanyNames() {
  }

  /**
   * A comparison key for a company name (not a display name): accents, case, punctuation, spaces, a leading
   * {@code The} and trailing legal forms dropped, {@code &} read as {@code and}. {@code "Acme, Inc."},
   * {@code "ACME Inc"} and {@code "acme"} are all {@code "acme"}; {@code "Müller GmbH & Co. KG"} is
   * {@code "muller"}. Empty for a blank name.
   */
  public static String key(String company) {
    if (company == null) {
      return "";
    }
    String s = fold(company);
    s = DROPPED_PUNCTUATION.matcher(s).replaceAll("");
    s = AND_CO.matcher(s).replaceAll(" co");
    s = s.replace("&", " and ");
    List<String> tokens = new ArrayList<>(List.of(NON_ALNUM.matcher(s).replaceAll(" ").strip().split(" ")));
    tokens.removeIf(String::isEmpty);
    if (tokens.size() > 1 && tokens.get(0).equals("the")) {
      tokens.remove(0);
    }
    while (tokens.size() > 1 && LEGAL_SUFFIXES.contains(tokens.get(tokens.size() - 1))) {
      tokens.remove(tokens.size() - 1);
    }
    return String.join("", tokens);
  }

  /** Lower case without accents (NFKD, combining marks dropped). */
  public static String fold(String s) {
    return MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFKD)).replaceAll("").toLowerCase(Locale.ROOT);
  }
}
