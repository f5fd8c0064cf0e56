package com.jobswipe.matching;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The short "why this job" of a card: the skills it shares with the candidate (as the candidate spelled them),
 * how close its text is to the profile (cosine of the vectors, when both have one), where each half of the
 * ranking placed it, and one human sentence built from those facts.
 */
final class Why {

  private static final int MAX_SKILLS_IN_SUMMARY = 3;
  private static final Duration NEW = Duration.ofDays(3);

  private Why() {
  }

  /**
   * @param wanted lower-case skill → the user's spelling, for the skills the query asked for with weight > 0
   */
  static JsonObject of(FeedRanker.Ranked ranked, JobDoc job, Map<String, String> wanted, Optional<float[]> query,
                       Instant now) {
    List<String> matched = new ArrayList<>();
    for (String skill : job.skills()) {
      String spelled = wanted.get(skill.toLowerCase(Locale.ROOT));
      if (spelled != null) {
        matched.add(spelled);
      }
    }
    JsonObject why = new JsonObject().put("matchedSkills", new JsonArray(matched));
    Optional<Double> similarity = query.flatMap(q -> job.vector().filter(v -> v.length == q.length)
        .map(v -> Math.round(Vectors.dot(q, v) * 100) / 100.0));
    similarity.ifPresent(s -> why.put("similarity", s));
    if (ranked.textRank() > 0) {
      why.put("textRank", ranked.textRank());
    }
    if (ranked.vectorRank() > 0) {
      why.put("vectorRank", ranked.vectorRank());
    }
    boolean fresh = job.postedAt().map(p -> Duration.between(p, now).compareTo(NEW) <= 0).orElse(false);
    why.put("new", fresh);
    return why.put("summary", summary(matched, similarity, fresh));
  }

  private static String summary(List<String> matched, Optional<Double> similarity, boolean fresh) {
    List<String> parts = new ArrayList<>();
    if (!matched.isEmpty()) {
      List<String> shown = matched.subList(0, Math.min(MAX_SKILLS_IN_SUMMARY, matched.size()));
      String skills = shown.size() == 1 ? shown.get(0)
          : String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
      int more = matched.size() - shown.size();
      parts.add("Matches your skills " + skills + (more > 0 ? " (+" + more + " more)" : ""));
    }
    similarity.filter(s -> s >= 0.5).ifPresent(s -> parts.add("close to your profile ("
        + Math.round(s * 100) + "% similar)"));
    if (fresh) {
      parts.add("posted in the last 3 days");
    }
    if (parts.isEmpty()) {
      return "Recently posted and open to your preferences";
    }
    String sentence = String.join("; ", parts);
    return Character.toUpperCase(sentence.charAt(0)) + sentence.substring(1);
  }
}
