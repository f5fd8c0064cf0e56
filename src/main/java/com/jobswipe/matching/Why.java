package com.jobswipe.matching;

import com.jobswipe.text.Vectors;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The short "why this job" of a card: the skills it shares with the candidate (as the candidate spelled them),
 * how close its text is to the profile (cosine of the vectors, when both have one), where each half of the
 * ranking placed it, and one human sentence built from those facts. {@code reason} names what put it there:
 * {@code explore} (a kind of job the user has not judged yet: "New for you: a Product Designer role — you
 * haven't seen this kind yet"), {@code swipes} (a family the user swiped right on: "Like the 4 mobile roles you
 * liked; …", with {@code likedInFamily}), {@code profile} (skills or similarity) or {@code fresh} (nothing else to
 * go by).
 */
final class Why {

  private static final int MAX_SKILLS_IN_SUMMARY = 3;
  private static final Duration NEW = Duration.ofDays(3);

  private Why() {
  }

  /**
   * What a ranking keeps to explain its cards when they are shown (the sentence is written for the cards of a page,
   * not for every job ranked): the wanted skills as the user spelled them (lower case → spelling), the right swipes
   * per family a card may cite ({@link Affinity#likedFamilies}), and when the ranking was made ("new" is judged
   * then).
   */
  record Context(Map<String, String> wanted, Map<String, Integer> liked, Instant at) {

    JsonObject toJson() {
      return new JsonObject().put("wanted", new JsonObject(new HashMap<>(wanted)))
          .put("liked", new JsonObject(new HashMap<>(liked))).put("at", at.toString());
    }

    static Context fromJson(JsonObject json) {
      Map<String, String> wanted = new HashMap<>();
      json.getJsonObject("wanted").forEach(e -> wanted.put(e.getKey(), (String) e.getValue()));
      Map<String, Integer> liked = new HashMap<>();
      json.getJsonObject("liked").forEach(e -> liked.put(e.getKey(), ((Number) e.getValue()).intValue()));
      return new Context(wanted, liked, Instant.parse(json.getString("at")));
    }
  }

  /**
   * @param wanted lower-case skill → the user's spelling, for the skills the query asked for with weight > 0
   */
  static JsonObject of(FeedRanker.Ranked ranked, JobDoc job, Map<String, String> wanted, Optional<float[]> query,
                       Affinity affinity, Instant now) {
    return of(ranked, job, new Context(wanted, affinity.likedFamilies(), now), similarity(query, job));
  }

  /** Cosine of the job's vector with the query's, to two places, when both have one. */
  static Optional<Double> similarity(Optional<float[]> query, JobDoc job) {
    return query.flatMap(q -> job.vector().filter(v -> v.length == q.length)
        .map(v -> Math.round(Vectors.dot(q, v) * 100) / 100.0));
  }

  /** The explanation of a card from what its ranking kept, and the job's similarity to the query. */
  static JsonObject of(FeedRanker.Ranked ranked, JobDoc job, Context context, Optional<Double> similarity) {
    List<String> matched = new ArrayList<>();
    for (String skill : job.skills()) {
      String spelled = context.wanted().get(skill.toLowerCase(Locale.ROOT));
      if (spelled != null) {
        matched.add(spelled);
      }
    }
    JsonObject why = new JsonObject().put("matchedSkills", new JsonArray(matched));
    similarity.ifPresent(s -> why.put("similarity", s));
    if (ranked.textRank() > 0) {
      why.put("textRank", ranked.textRank());
    }
    if (ranked.vectorRank() > 0) {
      why.put("vectorRank", ranked.vectorRank());
    }
    boolean fresh = job.postedAt().map(p -> Duration.between(p, context.at()).compareTo(NEW) <= 0).orElse(false);
    why.put("new", fresh);
    if (ranked.explore()) {
      return why.put("reason", "explore").put("summary", "New for you: " + article(job.title()) + " " + job.title()
          + " role — you haven't seen this kind yet");
    }
    int liked = job.family().map(f -> context.liked().getOrDefault(f, 0)).orElse(0);
    Optional<String> likedPart = Optional.empty();
    if (liked > 0) {
      String kind = label(job.family().get());
      likedPart = Optional.of(liked == 1 ? "like the " + kind + " role you liked"
          : "like the " + liked + " " + kind + " roles you liked");
      why.put("likedInFamily", liked);
    }
    why.put("reason", likedPart.isPresent() ? "swipes"
        : !matched.isEmpty() || similarity.filter(s -> s >= 0.5).isPresent() ? "profile" : "fresh");
    return why.put("summary", summary(likedPart, matched, similarity, fresh));
  }

  /** A family id as words: {@code customer_success} → "customer success", {@code data_ml} → "data ML". */
  static String label(String family) {
    List<String> words = new ArrayList<>();
    for (String word : family.split("[_\\s]+")) {
      words.add(word.length() <= 2 ? word.toUpperCase(Locale.ROOT) : word);
    }
    return String.join(" ", words);
  }

  private static String article(String title) {
    return !title.isEmpty() && "AEIOUaeiou".indexOf(title.charAt(0)) >= 0 ? "an" : "a";
  }

  private static String summary(Optional<String> liked, List<String> matched, Optional<Double> similarity,
                                boolean fresh) {
    List<String> parts = new ArrayList<>();
    liked.ifPresent(parts::add);
    if (!matched.isEmpty()) {
      List<String> shown = matched.subList(0, Math.min(MAX_SKILLS_IN_SUMMARY, matched.size()));
      String skills = shown.size() == 1 ? shown.get(0)
          : String.join(", ", shown.subList(0, shown.size() - 1)) + " and " + shown.get(shown.size() - 1);
      int more = matched.size() - shown.size();
      parts.add("matches your skills " + skills + (more > 0 ? " (+" + more + " more)" : ""));
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
