package com.jobswipe.ingestion.catalog;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 64-bit SimHash (Charikar, 2002) of a text, for spotting near-identical job descriptions: texts that share
 * most of their word sequences get fingerprints that differ in few bits.
 *
 * <h2>How</h2>
 * <ol>
 *   <li>Normalise: Unicode compatibility decomposition with accents dropped ({@code café} = {@code cafe}),
 *       lower case, apostrophes removed ({@code don't} = {@code dont}); words are runs of letters and digits, so
 *       whitespace, punctuation, bullets and HTML-to-text differences do not count.</li>
 *   <li>Drop English stop words ({@code the}, {@code and}, {@code you}...), which carry no content and would
 *       otherwise dominate the shingles.</li>
 *   <li>Features are 3-word shingles of what remains (the whole word list as one feature when there are fewer
 *       than three words), each counted as often as it occurs.</li>
 *   <li>Each feature is hashed to 64 bits; every bit votes +1 or -1; bit {@code i} of the result is set when the
 *       votes for bit {@code i} sum to more than zero.</li>
 * </ol>
 * For two texts whose shingle-count vectors are at angle &theta;, each bit differs with probability about
 * &theta;/&pi;, so {@link #distance} estimates how different two texts are (see {@link Dedup} for the threshold).
 *
 * <h2>Stability</h2>
 * Fingerprints are stored, so they must not change between JVMs, releases or platforms. The feature hash is
 * therefore spelled out here, not taken from {@code String.hashCode} or a library: 64-bit FNV-1a over the
 * shingle's UTF-8 bytes, then the MurmurHash3 {@code fmix64} finaliser, because FNV-1a alone mixes its low bits
 * poorly and SimHash needs every bit to be an independent coin. Changing any step above (normalisation, stop
 * words, shingle size, hash) changes every fingerprint and needs a re-hash of stored postings.
 */
public final class SimHash {

  /** Words per shingle. */
  public static final int SHINGLE_WORDS = 3;

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern APOSTROPHES = Pattern.compile("['\u2019\u02bc`]");

  private static final Set<String> STOP_WORDS = Set.of(
      "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
      "because", "been", "being", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "during",
      "each", "etc", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him",
      "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "no",
      "nor", "not", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "out", "over", "own", "same",
      "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "then", "there",
      "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "very", "was", "we",
      "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
      "your", "yours", "yourself");

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private SimHash() {
  }

  /** The fingerprint of {@code text}; {@code 0} for text without words (and for {@code null}). */
  public static long of(String text) {
    List<String> words = words(text);
    if (words.isEmpty()) {
      return 0L;
    }
    int[] votes = new int[64];
    if (words.size() < SHINGLE_WORDS) {
      vote(votes, String.join(" ", words));
    } else {
      for (int i = 0; i + SHINGLE_WORDS <= words.size(); i++) {
        vote(votes, String.join(" ", words.subList(i, i + SHINGLE_WORDS)));
      }
    }
    long fingerprint = 0L;
    for (int bit = 0; bit < 64; bit++) {
      if (votes[bit] > 0) {
        fingerprint |= 1L << bit;
      }
    }
    return fingerprint;
  }

  /** The Hamming distance of two fingerprints: how many of the 64 bits differ (0 = same, ~32 = unrelated). */
  public static int distance(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /** The normalised words that remain after dropping stop words, in order. */
  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return words;
    }
    String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
    folded = APOSTROPHES.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("");
    Matcher m = WORD.matcher(folded);
    while (m.find()) {
      String word = m.group();
      if (!STOP_WORDS.contains(word)) {
        words.add(word);
      }
    }
    return words;
  }

  private static void vote(int[] votes, String feature) {
    long h = featureHash(feature);
    for (int bit = 0; bit < 64; bit++) {
      votes[bit] += ((h >>> bit) & 1L) != 0 ? 1 : -1;
    }
  }

  /** FNV-1a 64 of the UTF-8 bytes, finalised with MurmurHash3's fmix64. */
  static long featureHash(String feature) {
    return fmix64(fnv1a64(feature.getBytes(StandardCharsets.UTF_8)));
  }

  static long fnv1a64(byte[] bytes) {
    long h = FNV_OFFSET;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= FNV_PRIME;
    }
    return h;
  }

  private static long fmix64(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
