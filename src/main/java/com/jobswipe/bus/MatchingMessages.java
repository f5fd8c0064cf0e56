package com.jobswipe.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.jobswipe.text.JsonLists.strings;

/** Messages of the matching role: a feed request carries what the api role knows of the candidate. */
public final class MatchingMessages {

  private MatchingMessages() {
  }

  /**
   * What ranking reads of a profile. The api role decrypts what it must (work-history titles, resume text)
   * and sends only derived, non-contact data: skills, titles, headline and the profile vector.
   */
  public record MatchProfile(List<String> skills, List<String> titles, Optional<String> headline,
                             Optional<float[]> vector, Optional<String> vectorModel) {
    public MatchProfile {
      skills = List.copyOf(skills);
      titles = List.copyOf(titles);
    }

    public static MatchProfile empty() {
      return new MatchProfile(List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static MatchProfile fromJson(JsonObject json) {
      return new MatchProfile(strings(json.getJsonArray("skills")), strings(json.getJsonArray("titles")),
          Optional.ofNullable(json.getString("headline")),
          Optional.ofNullable(json.getString("vector")).map(EmbeddingMessages::decode),
          Optional.ofNullable(json.getString("vectorModel")));
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("skills", new JsonArray(skills)).put("titles", new JsonArray(titles));
      headline.ifPresent(h -> json.put("headline", h));
      vector.ifPresent(v -> json.put("vector", EmbeddingMessages.encode(v)));
      vectorModel.ifPresent(m -> json.put("vectorModel", m));
      return json;
    }
  }

  /**
   * Hard filters from the profile's preferences. {@code remote} is {@code remote}, {@code hybrid},
   * {@code onsite} or {@code any}; the salary floor is yearly, in {@code salaryCurrency}.
   */
  public record FeedFilters(String remote, List<String> locations, Optional<Integer> salaryFloor,
                            Optional<String> salaryCurrency, List<String> seniority, List<String> excludedCompanies) {
    public FeedFilters {
      locations = List.copyOf(locations);
      seniority = List.copyOf(seniority);
      excludedCompanies = List.copyOf(excludedCompanies);
    }

    public static FeedFilters none() {
      return new FeedFilters("any", List.of(), Optional.empty(), Optional.empty(), List.of(), List.of());
    }

    static FeedFilters fromJson(JsonObject json) {
      return new FeedFilters(json.getString("remote", "any"), strings(json.getJsonArray("locations")),
          Optional.ofNullable(json.getInteger("salaryFloor")), Optional.ofNullable(json.getString("salaryCurrency")),
          strings(json.getJsonArray("seniority")), strings(json.getJsonArray("excludedCompanies")));
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject().put("remote", remote).put("locations", new JsonArray(locations))
          .put("seniority", new JsonArray(seniority)).put("excludedCompanies", new JsonArray(excludedCompanies));
      salaryFloor.ifPresent(f -> json.put("salaryFloor", f));
      salaryCurrency.ifPresent(c -> json.put("salaryCurrency", c));
      return json;
    }
  }

  /** The next page of a user's feed; without a cursor, a fresh ranking. */
  public record FeedQuery(String userId, MatchProfile profile, FeedFilters filters, int limit,
                          Optional<String> cursor) implements BusMessage {
    public static FeedQuery fromJson(JsonObject json) {
      return new FeedQuery(json.getString("userId"), MatchProfile.fromJson(json.getJsonObject("profile")),
          FeedFilters.fromJson(json.getJsonObject("filters")), json.getInteger("limit"),
          Optional.ofNullable(json.getString("cursor")));
    }

    @Override
    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("userId", userId).put("profile", profile.toJson())
          .put("filters", filters.toJson()).put("limit", limit);
      cursor.ifPresent(c -> json.put("cursor", c));
      return json;
    }
  }

  /** One card: the job as the client shows it, its rank in this feed (0-based), its score and why it is here. */
  public record FeedCard(JsonObject job, int rank, double score, JsonObject why) {
    static FeedCard fromJson(JsonObject json) {
      return new FeedCard(json.getJsonObject("job"), json.getInteger("rank"), json.getDouble("score"),
          json.getJsonObject("why"));
    }

    JsonObject toJson() {
      return new JsonObject().put("job", job).put("rank", rank).put("score", score).put("why", why);
    }
  }

  /**
   * A page of the feed. {@code feedId} names the ranking the pages come from (a cursor walks one ranking, so
   * pages neither repeat nor skip); {@code indexModel} is the embedding model of the job vectors, so the caller
   * can tell a profile vector of another model (which ranking ignores) and refresh it.
   */
  public record FeedPage(String feedId, String rankingVersion, List<FeedCard> items, Optional<String> nextCursor,
                         Optional<String> indexModel) implements BusMessage {
    public static FeedPage fromJson(JsonObject json) {
      List<FeedCard> items = new ArrayList<>();
      json.getJsonArray("items").forEach(item -> items.add(FeedCard.fromJson((JsonObject) item)));
      return new FeedPage(json.getString("feedId"), json.getString("rankingVersion"), items,
          Optional.ofNullable(json.getString("nextCursor")), Optional.ofNullable(json.getString("indexModel")));
    }

    @Override
    public JsonObject toJson() {
      JsonArray items = new JsonArray();
      this.items.forEach(card -> items.add(card.toJson()));
      JsonObject json = new JsonObject().put("feedId", feedId).put("rankingVersion", rankingVersion)
          .put("items", items);
      nextCursor.ifPresent(c -> json.put("nextCursor", c));
      indexModel.ifPresent(m -> json.put("indexModel", m));
      return json;
    }
  }

  /**
   * The daily digest's question: the best jobs first seen after {@code since} for this user, at most {@code limit},
   * each scoring at least {@code minScore} (the feed's score, in (0, 1]). Matching ranks them by the profile of the
   * user's last feed request and their swipes; a user who never asked for a feed has nothing to match.
   */
  public record DigestQuery(String userId, String since, int limit, double minScore) implements BusMessage {
    public static DigestQuery fromJson(JsonObject json) {
      return new DigestQuery(json.getString("userId"), json.getString("since"), json.getInteger("limit", 0),
          json.getDouble("minScore", 0.0));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("userId", userId).put("since", since).put("limit", limit).put("minScore", minScore);
    }
  }

  /** One job of a digest: the card (as in the feed), its score and why it matched. */
  public record DigestMatch(JsonObject job, double score, JsonObject why) {
    static DigestMatch fromJson(JsonObject json) {
      return new DigestMatch(json.getJsonObject("job"), json.getDouble("score"), json.getJsonObject("why"));
    }

    JsonObject toJson() {
      return new JsonObject().put("job", job).put("score", score).put("why", why);
    }
  }

  /** The digest's jobs, best first; empty when nothing new is good enough. */
  public record DigestPage(List<DigestMatch> items) implements BusMessage {
    public DigestPage {
      items = List.copyOf(items);
    }

    public static DigestPage fromJson(JsonObject json) {
      List<DigestMatch> items = new ArrayList<>();
      json.getJsonArray("items").forEach(item -> items.add(DigestMatch.fromJson((JsonObject) item)));
      return new DigestPage(items);
    }

    @Override
    public JsonObject toJson() {
      JsonArray array = new JsonArray();
      items.forEach(match -> array.add(match.toJson()));
      return new JsonObject().put("items", array);
    }
  }
}
