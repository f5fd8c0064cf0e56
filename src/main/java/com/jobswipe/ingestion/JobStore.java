package com.jobswipe.ingestion;

import com.jobswipe.bus.SourceMessages.SyncReport;
import com.jobswipe.ingestion.catalog.Dedup;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Every query of ingestion: sources and their state, jobs and where they were seen. */
final class JobStore {

  private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);

  static final String SOURCE_COLUMNS = "id, kind, name, url, schedule, config, enabled, etag, last_modified,"
      + " last_run_at, last_success_at, next_run_at, error_count, backoff_until, last_error, jobs_seen, created_at";

  private final Pool pool;

  JobStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  // ---------------------------------------------------------------- what is known already

  /** For each external id of this source already stored: its job and the job's content hash. */
  record Known(UUID jobId, String contentHash) {
  }

  Future<Map<String, Known>> knownBySource(UUID sourceId, List<String> externalIds) {
    // Driven by the wanted ids (one index probe each), never by the source's rows: a generic plan that scanned
    // every row of the source per batch made large boards quadratic.
    return pool.preparedQuery("SELECT s.external_id, s.job_id AS id, (SELECT encode(j.content_hash, 'hex')"
            + " FROM jobs j WHERE j.id = s.job_id) AS hash FROM unnest($2::text[]) AS wanted(external_id)"
            + " JOIN job_sources s ON s.source_id = $1 AND s.external_id = wanted.external_id")
        .execute(Tuple.tuple().addUUID(sourceId).addArrayOfString(externalIds.toArray(String[]::new)))
        .map(rows -> {
          Map<String, Known> known = new HashMap<>();
          rows.forEach(r -> known.put(r.getString("external_id"), new Known(r.getUUID("id"), r.getString("hash"))));
          return known;
        });
  }

  /**
   * Open jobs that could be the same as new postings: same canonical URL, or a company and a title key among
   * theirs (a superset of the exact pairs, which {@link Dedup#sameJob} sorts out). Two {@code = ANY} arrays keep
   * the plan an index scan whatever their sizes; a row-constructor {@code IN} fell back to scanning.
   */
  Future<List<Dedup.Candidate>> candidates(List<String> canonicalUrls, List<String> companyKeys,
                                           List<String> titleKeys) {
    return pool.preparedQuery("SELECT j.id, j.company, j.title, j.simhash, j.canonical_url,"
            + " length(j.description_text) AS chars FROM unnest($1::text[]) AS u(url)"
            + " JOIN jobs j ON j.canonical_url = u.url UNION SELECT j.id, j.company, j.title, j.simhash, j.canonical_url,"
            + " length(j.description_text) FROM unnest($3::text[]) AS t(title_key)"
            + " JOIN jobs j ON j.title_key = t.title_key AND j.status = 'open' AND j.company_key = ANY($2)")
        .execute(Tuple.tuple().addArrayOfString(canonicalUrls.toArray(String[]::new))
            .addArrayOfString(companyKeys.stream().distinct().toArray(String[]::new))
            .addArrayOfString(titleKeys.stream().distinct().toArray(String[]::new)))
        .map(rows -> {
          List<Dedup.Candidate> candidates = new ArrayList<>();
          rows.forEach(r -> candidates.add(new Dedup.Candidate(r.getUUID("id"), r.getString("company"),
              r.getString("title"), r.getLong("simhash") == null ? 0 : r.getLong("simhash"),
              r.getString("canonical_url"), r.getInteger("chars") == null ? 0 : r.getInteger("chars"))));
          return candidates;
        });
  }

  // ---------------------------------------------------------------- writes, batched

  /**
   * Inserts new jobs; answers the id each row ended up with. A job another source inserted a moment ago (same
   * canonical URL) keeps its id, so the caller links to whichever row won.
   */
  Future<List<UUID>> insertJobs(SqlClient client, List<Tuple> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return client.preparedQuery("""
            INSERT INTO jobs (id, title, company, company_key, title_key, locations, remote, employment_type, salary_min,
                              salary_max, salary_currency, salary_period, description_text, description_html,
                              apply_url, canonical_url, ats_kind, ats_domain, posted_at, family, seniority, skills,
                              simhash, content_hash)
            VALUES ($1, $2, $3, $4, $24, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                    $21, $22, decode($23, 'hex'))
            ON CONFLICT (canonical_url) DO UPDATE SET last_seen_at = now()
            RETURNING id""")
        .executeBatch(rows)
        .map(result -> {
          List<UUID> ids = new ArrayList<>();
          for (RowSet<Row> batch = result; batch != null; batch = batch.next()) {
            batch.forEach(r -> ids.add(r.getUUID(0)));
          }
          return ids;
        });
  }

  /** Rewrites a job whose text changed; its version goes up so embeddings and indexes know to refresh. */
  Future<Void> updateJobs(SqlClient client, List<Tuple> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return client.preparedQuery("""
            UPDATE jobs SET title = $2, company = $3, company_key = $4, title_key = $24, locations = $5, remote = $6,
                   employment_type = $7, salary_min = $8, salary_max = $9, salary_currency = $10, salary_period = $11,
                   description_text = $12, description_html = $13, apply_url = $14,
                   canonical_url = COALESCE(canonical_url, $15), ats_kind = $16,
                   ats_domain = $17, posted_at = COALESCE($18, posted_at), family = $19, seniority = $20,
                   skills = $21, simhash = $22, content_hash = decode($23, 'hex'), version = version + 1,
                   status = 'open', closed_at = NULL, last_seen_at = now(), updated_at = now()
            WHERE id = $1""")
        .executeBatch(rows).mapEmpty();
  }

  /**
   * Marks jobs seen by this poll. Answers those that were closed and open again: they changed for the feed
   * (updated_at moves, so index reconciliation sees them too).
   */
  Future<List<UUID>> touchJobs(SqlClient client, List<UUID> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Tuple touched = Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new));
    return client.preparedQuery("UPDATE jobs SET status = 'open', closed_at = NULL, last_seen_at = now(),"
            + " updated_at = now() WHERE id = ANY($1) AND status = 'closed' RETURNING id")
        .execute(touched)
        .compose(reopened -> client.preparedQuery("UPDATE jobs SET last_seen_at = now() WHERE id = ANY($1)"
                + " AND status = 'open'")
            .execute(touched)
            .map(done -> {
              List<UUID> reopenedIds = new ArrayList<>();
              reopened.forEach(r -> reopenedIds.add(r.getUUID(0)));
              return reopenedIds;
            }));
  }

  Future<Void> linkSources(SqlClient client, List<Tuple> rows) {
    if (rows.isEmpty()) {
      return Future.succeededFuture();
    }
    return client.preparedQuery("INSERT INTO job_sources (source_id, external_id, job_id, url) VALUES ($1, $2, $3, $4)"
            + " ON CONFLICT (source_id, external_id) DO UPDATE SET job_id = EXCLUDED.job_id, url = EXCLUDED.url,"
            + " last_seen_at = now(), removed_at = NULL")
        .executeBatch(rows).mapEmpty();
  }

  /** The database's clock: polls compare "seen since" against it, never against an app server's clock. */
  Future<java.time.OffsetDateTime> now() {
    return pool.query("SELECT now()").execute().map(rows -> rows.iterator().next().getOffsetDateTime(0));
  }

  /**
   * Postings of this source not seen since {@code pollStarted} are removed from it; a job none of whose
   * sources lists it any more is closed. Answers the closed job ids. (Comparing timestamps, not a list of
   * every id seen, keeps this linear on a board of 100,000.)
   */
  Future<List<String>> closeMissing(UUID sourceId, java.time.OffsetDateTime pollStarted) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE job_sources SET removed_at = now() WHERE source_id = $1"
                + " AND removed_at IS NULL AND last_seen_at < $2 RETURNING job_id")
            .execute(Tuple.of(sourceId, pollStarted))
            .compose(removed -> {
              List<UUID> jobs = new ArrayList<>();
              removed.forEach(r -> jobs.add(r.getUUID(0)));
              return closeOrphans(tx, jobs);
            }));
  }

  /** Closes these jobs where no source lists them any more (also used after a 404/410 verify). */
  Future<List<String>> closeOrphans(SqlClient client, List<UUID> jobIds) {
    if (jobIds.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    return client.preparedQuery("UPDATE jobs SET status = 'closed', closed_at = now(), updated_at = now()"
            + " WHERE id = ANY($1) AND status = 'open' AND NOT EXISTS (SELECT 1 FROM job_sources s"
            + " WHERE s.job_id = jobs.id AND s.removed_at IS NULL) RETURNING id")
        .execute(Tuple.tuple().addArrayOfUUID(jobIds.toArray(UUID[]::new)))
        .map(rows -> {
          List<String> closed = new ArrayList<>();
          rows.forEach(r -> closed.add(r.getUUID(0).toString()));
          return closed;
        });
  }

  /** An open job to re-check, claimed so two nodes never check it at once. */
  record ToVerify(UUID id, String applyUrl) {
  }

  Future<List<ToVerify>> claimVerify(int limit, Duration every) {
    return pool.preparedQuery("UPDATE jobs SET verified_at = now() WHERE id IN (SELECT id FROM jobs"
            + " WHERE status = 'open' AND (verified_at IS NULL OR verified_at < now() - $2 * interval '1 second')"
            + " ORDER BY verified_at NULLS FIRST LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING id, apply_url")
        .execute(Tuple.of(limit, every.toSeconds()))
        .map(rows -> {
          List<ToVerify> due = new ArrayList<>();
          rows.forEach(r -> due.add(new ToVerify(r.getUUID("id"), r.getString("apply_url"))));
          return due;
        });
  }

  /** The apply page is gone: the job closes whatever its sources say, and they stop listing it. */
  Future<Boolean> closeGone(UUID jobId) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE job_sources SET removed_at = now()"
            + " WHERE job_id = $1 AND removed_at IS NULL").execute(Tuple.of(jobId))
        .compose(done -> tx.preparedQuery("UPDATE jobs SET status = 'closed', closed_at = now(), updated_at = now()"
            + " WHERE id = $1 AND status = 'open'").execute(Tuple.of(jobId)))
        .map(rows -> rows.rowCount() == 1));
  }

  // ---------------------------------------------------------------- vectors

  /** Any number works as long as nothing else takes it: it names the job-vectors pass among advisory locks. */
  private static final long VECTORS_LOCK = 0x4A4F425645435453L;

  /** Takes the cluster-wide job-vectors lock on this session; false when another node's pass holds it. */
  Future<Boolean> tryVectorsLock(SqlConnection session) {
    return session.preparedQuery("SELECT pg_try_advisory_lock($1)").execute(Tuple.of(VECTORS_LOCK))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  Future<Void> releaseVectorsLock(SqlConnection session) {
    return session.preparedQuery("SELECT pg_advisory_unlock($1)").execute(Tuple.of(VECTORS_LOCK)).mapEmpty();
  }

  /**
   * Puts open jobs whose vector another model made back on the embedding backlog. In steady state this finds
   * nothing by two probes of {@code jobs_embedding_model_idx}.
   */
  Future<Integer> requeueOtherModels(SqlClient client, String model) {
    return client.preparedQuery("UPDATE jobs SET embedded_version = NULL WHERE status = 'open'"
            + " AND embedding_model IS NOT NULL AND (embedding_model < $1 OR embedding_model > $1)"
            + " AND embedded_version IS NOT NULL")
        .execute(Tuple.of(model)).map(rows -> rows.rowCount());
  }

  /** An open job whose vector is missing or stale, with what its text is made of. */
  record VectorDue(UUID id, int version, String title, String company, List<String> skills, String description) {
  }

  /** The next {@code limit} jobs of the backlog after {@code after}, in id order (the walk of one pass). */
  Future<List<VectorDue>> vectorsDue(SqlClient client, UUID after, int limit) {
    return client.preparedQuery("SELECT id, version, title, company, skills, left(description_text, $3) AS description"
            + " FROM jobs WHERE status = 'open' AND (embedding IS NULL OR embedded_version IS DISTINCT FROM version)"
            + " AND id > $1 ORDER BY id LIMIT $2")
        .execute(Tuple.of(after, limit, JobText.DESCRIPTION_CHARS))
        .map(rows -> {
          List<VectorDue> due = new ArrayList<>();
          rows.forEach(r -> due.add(new VectorDue(r.getUUID("id"), r.getInteger("version"), r.getString("title"),
              r.getString("company"), Arrays.asList(r.getArrayOfStrings("skills")),
              r.getString("description"))));
          return due;
        });
  }

  /** A vector for one job, made from the text of {@code version}. */
  record JobVector(UUID id, int version, float[] vector) {
  }

  /**
   * Stores vectors, each only if its job is still at the version its text was read from (a poll that changed the
   * text meanwhile wins; the job stays on the backlog). Answers the ids written.
   */
  Future<List<String>> writeVectors(SqlClient client, List<JobVector> vectors, String model) {
    if (vectors.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    List<Tuple> rows = new ArrayList<>(vectors.size());
    for (JobVector v : vectors) {
      Float[] boxed = new Float[v.vector().length];
      for (int i = 0; i < boxed.length; i++) {
        boxed[i] = v.vector()[i];
      }
      rows.add(Tuple.of(v.id(), v.version(), boxed, model));
    }
    return client.preparedQuery("UPDATE jobs SET embedding = $3, embedding_model = $4, embedded_version = $2,"
            + " updated_at = now() WHERE id = $1 AND version = $2 RETURNING id")
        .executeBatch(rows)
        .map(result -> {
          List<String> written = new ArrayList<>();
          for (RowSet<Row> batch = result; batch != null; batch = batch.next()) {
            batch.forEach(r -> written.add(r.getUUID(0).toString()));
          }
          return written;
        });
  }

  // ---------------------------------------------------------------- sources

  Future<Row> insertSource(String kind, String name, String url, String schedule, JsonObject config) {
    return pool.preparedQuery("INSERT INTO sources (kind, name, url, schedule, config, next_run_at)"
            + " VALUES ($1, $2, $3, $4, $5, now()) RETURNING " + SOURCE_COLUMNS)
        .execute(Tuple.of(kind, name, url, schedule, config))
        .map(rows -> rows.iterator().next());
  }

  Future<List<Row>> sources() {
    return pool.query("SELECT " + SOURCE_COLUMNS + " FROM sources ORDER BY created_at LIMIT 1000").execute()
        .map(rows -> {
          List<Row> list = new ArrayList<>();
          rows.forEach(list::add);
          return list;
        });
  }

  Future<Row> source(UUID id) {
    return pool.preparedQuery("SELECT " + SOURCE_COLUMNS + " FROM sources WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  Future<Boolean> deleteSource(UUID id) {
    return pool.preparedQuery("DELETE FROM sources WHERE id = $1").execute(Tuple.of(id)).map(r -> r.rowCount() == 1);
  }

  /**
   * Claims up to {@code limit} due sources by pushing their next run forward, in one statement: two ingestion
   * nodes never poll the same source at once.
   */
  Future<List<UUID>> claimDue(int limit) {
    return pool.preparedQuery("UPDATE sources SET next_run_at = now() + interval '15 minutes', last_run_at = now()"
            + " WHERE id IN (SELECT id FROM sources WHERE enabled AND next_run_at <= now()"
            + " AND (backoff_until IS NULL OR backoff_until <= now()) ORDER BY next_run_at"
            + " LIMIT $1 FOR UPDATE SKIP LOCKED) RETURNING id")
        .execute(Tuple.of(limit))
        .map(rows -> {
          List<UUID> ids = new ArrayList<>();
          rows.forEach(r -> ids.add(r.getUUID(0)));
          return ids;
        });
  }

  Future<Void> recordSuccess(UUID id, String etag, String lastModified, int seen, long scheduleSeconds) {
    return pool.preparedQuery("UPDATE sources SET etag = COALESCE($2, etag), last_modified = COALESCE($3, last_modified),"
            + " last_run_at = now(), last_success_at = now(), error_count = 0, backoff_until = NULL, last_error = NULL,"
            + " jobs_seen = CASE WHEN $4 >= 0 THEN $4 ELSE jobs_seen END,"
            + " next_run_at = now() + $5 * interval '1 second', updated_at = now() WHERE id = $1")
        .execute(Tuple.of(id, etag, lastModified, seen, scheduleSeconds)).mapEmpty();
  }

  /**
   * One line of the poll log the analytics reports read ({@code error} null for a success). A poll whose log line is
   * lost is still a poll: a failure here is logged, not passed on.
   */
  Future<Void> recordPoll(UUID id, SyncReport report, String error) {
    return pool.preparedQuery("INSERT INTO source_polls (source_id, started_at, duration_ms, ok, fetched, created,"
            + " merged, closed, error) VALUES ($1, now() - make_interval(secs => $2::int / 1000.0), $2::int, $3, $4, $5, $6, $7, $8)")
        .execute(Tuple.of(id, (int) Math.min(Integer.MAX_VALUE, report.durationMs()), error == null, report.fetched(),
            report.created(), report.merged(), report.closed(),
            error == null || error.length() <= 500 ? error : error.substring(0, 500)))
        .<Void>mapEmpty()
        .recover(e -> {
          LOG.warn("the poll log line of source {} was not written: {}", id, e.toString());
          return Future.succeededFuture();
        });
  }

  /** Exponential backoff: 1, 2, 4 … minutes after consecutive failures, at most six hours. */
  Future<Void> recordFailure(UUID id, String error) {
    return pool.preparedQuery("UPDATE sources SET error_count = error_count + 1, last_run_at = now(), last_error = $2,"
            + " backoff_until = now() + least(interval '6 hours', interval '1 minute' * power(2, error_count)),"
            + " next_run_at = now() + least(interval '6 hours', interval '1 minute' * power(2, error_count)),"
            + " updated_at = now() WHERE id = $1")
        .execute(Tuple.of(id, error.length() > 500 ? error.substring(0, 500) : error)).mapEmpty();
  }

  Future<JsonObject> categoryCounts() {
    return pool.query("SELECT 'family' AS axis, coalesce(family, 'unknown') AS label, count(*) AS n FROM jobs"
            + " WHERE status = 'open' GROUP BY 2 UNION ALL SELECT 'seniority', coalesce(seniority, 'unknown'), count(*)"
            + " FROM jobs WHERE status = 'open' GROUP BY 2 UNION ALL SELECT 'workplace', remote, count(*) FROM jobs"
            + " WHERE status = 'open' GROUP BY 2").execute()
        .map(rows -> {
          JsonObject counts = new JsonObject().put("family", new JsonObject()).put("seniority", new JsonObject())
              .put("workplace", new JsonObject());
          rows.forEach(r -> counts.getJsonObject(r.getString("axis")).put(r.getString("label"), r.getLong("n")));
          return counts;
        });
  }

  static Object utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Buffer bytes(byte[] value) {
    return Buffer.buffer(value);
  }
}
