package com.jobswipe.matching;

import com.jobswipe.text.Vectors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;

/** The matching role's SQL: it reads jobs and swipes, and owns feed rankings and impressions. */
final class MatchingStore {

  private static final String JOB_COLUMNS = "id, version, status, title, company, company_key, locations, remote,"
      + " employment_type, salary_min, salary_max, salary_currency, salary_period, apply_url, posted_at, family,"
      + " seniority, skills, left(description_text, 20000) AS description, embedding, embedding_model, updated_at";

  /** A job row as read: open jobs become index entries, closed ones leave the index. */
  record JobRow(JobIndex.IndexedJob job, boolean open, OffsetDateTime updatedAt) {
  }

  /** What a reconciliation pass compares with the index. */
  record JobState(UUID id, int version, boolean open, Optional<String> vectorModel, OffsetDateTime updatedAt) {
  }

  /**
   * One ranking a cursor walks. Its items are {@link Recommender.Scored#toItem()}s explained by {@code why}, or, for
   * rankings stored before explanations were written per page, items that carry their {@code why} (and no context).
   */
  record Ranking(UUID id, UUID userId, String version, JsonArray items, Optional<Why.Context> why,
                 OffsetDateTime createdAt) {
  }

  /** A card shown: one row of feed_impressions. */
  record Impression(UUID userId, UUID rankingId, UUID jobId, int rank, double score, String version) {
  }

  private final Pool pool;

  MatchingStore(Pool pool) {
    this.pool = pool;
  }

  /**
   * The {@link Popularity#TOP} open jobs most liked (right or save) in the last {@link Popularity#WINDOW_DAYS}
   * days, with how many people liked each.
   */
  Future<Popularity> popularity() {
    return pool.preparedQuery("SELECT i.job_id, count(*)::int AS likes FROM user_job_interactions i"
            + " JOIN jobs j ON j.id = i.job_id AND j.status = 'open'"
            + " WHERE i.direction IN ('right', 'save') AND i.created_at > now() - make_interval(days => $1)"
            + " GROUP BY i.job_id ORDER BY likes DESC, i.job_id LIMIT $2")
        .execute(Tuple.of(Popularity.WINDOW_DAYS, Popularity.TOP))
        .map(rows -> {
          Map<UUID, Integer> likes = new java.util.HashMap<>();
          rows.forEach(row -> likes.put(row.getUUID("job_id"), row.getInteger("likes")));
          return Popularity.of(likes);
        });
  }

  /** Open jobs after {@code afterId} in id order, a page at a time: the rebuild reads the table in slices. */
  Future<List<JobRow>> openJobs(UUID afterId, int limit) {
    return pool.preparedQuery("SELECT " + JOB_COLUMNS + " FROM jobs WHERE status = 'open' AND id > $1"
            + " ORDER BY id LIMIT $2")
        .execute(Tuple.of(afterId, limit))
        .map(MatchingStore::jobRows);
  }

  Future<List<JobRow>> jobs(List<UUID> ids) {
    return pool.preparedQuery("SELECT " + JOB_COLUMNS + " FROM jobs WHERE id = ANY($1)")
        .execute(Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new)))
        .map(MatchingStore::jobRows);
  }

  /** Jobs changed since {@code since} (open or closed), oldest change first. */
  Future<List<JobState>> changedSince(OffsetDateTime since, int limit) {
    return pool.preparedQuery("SELECT id, version, status, embedding_model, updated_at FROM jobs"
            + " WHERE updated_at > $1 ORDER BY updated_at LIMIT $2")
        .execute(Tuple.of(since, limit))
        .map(rows -> {
          List<JobState> states = new ArrayList<>();
          rows.forEach(r -> states.add(new JobState(r.getUUID("id"), r.getInteger("version"),
              r.getString("status").equals("open"), Optional.ofNullable(r.getString("embedding_model")),
              r.getOffsetDateTime("updated_at"))));
          return states;
        });
  }

  /** How many open jobs carry a vector of each model: the index follows the majority. */
  Future<Map<String, Long>> vectorModels() {
    return pool.query("SELECT embedding_model, count(*) FROM jobs WHERE status = 'open' AND embedding IS NOT NULL"
            + " GROUP BY embedding_model").execute()
        .map(rows -> {
          Map<String, Long> counts = new HashMap<>();
          rows.forEach(r -> counts.put(r.getString(0), r.getLong(1)));
          return counts;
        });
  }

  Future<OffsetDateTime> now() {
    return pool.query("SELECT now()").execute().map(rows -> rows.iterator().next().getOffsetDateTime(0));
  }

  /** The user's decisions, newest first: every one is left out of the feed, the latest feed the taste model. */
  Future<List<Taste.Swipe>> swipes(UUID userId, int limit) {
    return pool.preparedQuery("SELECT job_id, direction FROM user_job_interactions WHERE user_id = $1"
            + " ORDER BY updated_at DESC LIMIT $2")
        .execute(Tuple.of(userId, limit))
        .map(rows -> {
          List<Taste.Swipe> swipes = new ArrayList<>(rows.size());
          rows.forEach(r -> swipes.add(new Taste.Swipe(r.getUUID(0), r.getString(1))));
          return swipes;
        });
  }

  /** Decisions made at or after {@code since}: what a page of an older ranking must still skip. */
  Future<List<Taste.Swipe>> swipesSince(UUID userId, OffsetDateTime since) {
    return pool.preparedQuery("SELECT job_id, direction FROM user_job_interactions WHERE user_id = $1"
            + " AND updated_at >= $2")
        .execute(Tuple.of(userId, since))
        .map(rows -> {
          List<Taste.Swipe> swipes = new ArrayList<>(rows.size());
          rows.forEach(r -> swipes.add(new Taste.Swipe(r.getUUID(0), r.getString(1))));
          return swipes;
        });
  }

  /**
   * Stores a new ranking and, in the same statement, what the user's feed request said of them (a {@code FeedQuery}
   * without cursor) when it differs from what is kept: the daily digest ranks by it, since the api role sends the
   * profile only with a feed request. An unchanged profile is not written again (most requests), so
   * {@code updated_at} is when it last changed. Erasure deletes it.
   */
  Future<Void> saveRanking(Ranking ranking, JsonObject profileQuery) {
    return pool.preparedQuery("WITH ranking AS (INSERT INTO feed_rankings (id, user_id, ranking_version, items,"
            + " why_context) VALUES ($1, $2, $3, $4, $5))"
            + " INSERT INTO matching_profiles (user_id, query) VALUES ($2, $6)"
            + " ON CONFLICT (user_id) DO UPDATE SET query = EXCLUDED.query, updated_at = now()"
            + " WHERE matching_profiles.query IS DISTINCT FROM EXCLUDED.query")
        .execute(Tuple.of(ranking.id(), ranking.userId(), ranking.version(), ranking.items(),
            ranking.why().map(Why.Context::toJson).orElse(null), profileQuery))
        .mapEmpty();
  }

  Future<Optional<JsonObject>> profile(UUID userId) {
    return pool.preparedQuery("SELECT query FROM matching_profiles WHERE user_id = $1")
        .execute(Tuple.of(userId))
        .map(rows -> rows.size() == 0 ? Optional.empty()
            : Optional.of((JsonObject) rows.iterator().next().getJson("query")));
  }

  /** Open jobs first seen after {@code since}: the only ones a digest may name. */
  Future<Set<UUID>> firstSeenAfter(OffsetDateTime since, int limit) {
    return pool.preparedQuery("SELECT id FROM jobs WHERE status = 'open' AND first_seen_at > $1"
            + " ORDER BY first_seen_at DESC LIMIT $2")
        .execute(Tuple.of(since, limit))
        .map(rows -> {
          Set<UUID> ids = new HashSet<>();
          rows.forEach(r -> ids.add(r.getUUID(0)));
          return ids;
        });
  }

  Future<Optional<Ranking>> ranking(UUID id) {
    return pool.preparedQuery("SELECT id, user_id, ranking_version, items, why_context, created_at FROM feed_rankings"
            + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> {
          if (rows.size() == 0) {
            return Optional.empty();
          }
          Row r = rows.iterator().next();
          return Optional.of(new Ranking(r.getUUID("id"), r.getUUID("user_id"), r.getString("ranking_version"),
              (JsonArray) r.getJson("items"),
              Optional.ofNullable((JsonObject) r.getJson("why_context")).map(Why.Context::fromJson),
              r.getOffsetDateTime("created_at")));
        });
  }

  Future<Void> recordImpressions(List<Impression> shown) {
    if (shown.isEmpty()) {
      return Future.succeededFuture();
    }
    List<Tuple> rows = new ArrayList<>(shown.size());
    shown.forEach(i -> rows.add(Tuple.of(i.userId(), i.rankingId(), i.jobId(), i.rank(), (float) i.score(),
        i.version())));
    return pool.preparedQuery("INSERT INTO feed_impressions (user_id, feed_request_id, job_id, rank, score,"
            + " ranking_version) VALUES ($1, $2, $3, $4, $5, $6)")
        .executeBatch(rows).mapEmpty();
  }

  Future<Integer> dropRankingsOlderThan(Duration age) {
    return pool.preparedQuery("DELETE FROM feed_rankings WHERE created_at < now() - $1 * interval '1 second'")
        .execute(Tuple.of(age.toSeconds()))
        .map(RowSet::rowCount);
  }

  private static List<JobRow> jobRows(RowSet<Row> rows) {
    List<JobRow> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(new JobRow(new JobIndex.IndexedJob(doc(r), r.getString("description")),
          r.getString("status").equals("open"), r.getOffsetDateTime("updated_at")));
    }
    return out;
  }

  private static JobDoc doc(Row r) {
    Optional<JobDoc.Salary> salary = Optional.empty();
    String currency = r.getString("salary_currency");
    if (currency != null && (r.getValue("salary_min") != null || r.getValue("salary_max") != null)) {
      salary = Optional.of(new JobDoc.Salary(decimal(r.getBigDecimal("salary_min")),
          decimal(r.getBigDecimal("salary_max")), currency, Optional.ofNullable(r.getString("salary_period"))));
    }
    Float[] embedding = r.getArrayOfFloats("embedding");
    Optional<float[]> vector = Optional.empty();
    if (embedding != null && embedding.length > 0) {
      float[] v = new float[embedding.length];
      for (int i = 0; i < v.length; i++) {
        v[i] = embedding[i];
      }
      vector = Optional.of(Vectors.normalized(v));
    }
    return new JobDoc(r.getUUID("id"), r.getInteger("version"), r.getString("title"), r.getString("company"),
        Optional.ofNullable(r.getString("company_key")).orElse(""), List.of(r.getArrayOfStrings("locations")),
        r.getString("remote"), Optional.ofNullable(r.getString("employment_type")), salary, r.getString("apply_url"),
        Optional.ofNullable(r.getOffsetDateTime("posted_at")).map(OffsetDateTime::toInstant),
        Optional.ofNullable(r.getString("family")), Optional.ofNullable(r.getString("seniority")),
        List.of(r.getArrayOfStrings("skills")), vector, Optional.ofNullable(r.getString("embedding_model")));
  }

  private static OptionalDouble decimal(BigDecimal value) {
    return value == null ? OptionalDouble.empty() : OptionalDouble.of(value.doubleValue());
  }
}
