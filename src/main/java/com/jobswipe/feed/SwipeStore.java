package com.jobswipe.feed;

import com.jobswipe.edge.PageCursor;
import com.jobswipe.feed.SwipeRules.JobState;
import com.jobswipe.feed.SwipeRules.Swipe;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query of swipes, saved jobs and job pages. Writes take the transaction's connection. */
final class SwipeStore {

  private static final String INTERACTION = "SELECT " + Interaction.COLUMNS + " FROM user_job_interactions";

  /** The user's latest impression of the job: what the feed showed when they swiped ($1 user, $2 job). */
  private static final String LATEST_IMPRESSION = "SELECT ranking_version, rank, score FROM feed_impressions"
      + " WHERE user_id = $1 AND job_id = $2 ORDER BY created_at DESC, id DESC LIMIT 1";

  private static final String INSERT = "INSERT INTO user_job_interactions"
      + " (user_id, job_id, direction, client_id, ranking_version, feed_rank, score)"
      + " SELECT $1::uuid, $2::uuid, $3, $4, shown.ranking_version, shown.rank, shown.score"
      + " FROM (VALUES (1)) AS one LEFT JOIN LATERAL (" + LATEST_IMPRESSION + ") AS shown ON true"
      + " RETURNING " + Interaction.COLUMNS;

  /** A save becomes a right or left swipe: same row, so (user, job) keeps one decision. */
  private static final String REPLACE_SAVE = "UPDATE user_job_interactions"
      + " SET direction = $3, client_id = $4, updated_at = now(),"
      + " (ranking_version, feed_rank, score) = (" + LATEST_IMPRESSION + ")"
      + " WHERE id = $5 AND user_id = $1 AND job_id = $2 AND direction = 'save'"
      + " RETURNING " + Interaction.COLUMNS;

  /**
   * The application and its task in one statement. A dry run when the swipe asked for one ($4) or the profile says
   * so for every application; the primary resume, if any, is the one automation uploads.
   */
  private static final String QUEUE_APPLICATION = "WITH application AS ("
      + " INSERT INTO applications (user_id, job_id, interaction_id, status, dry_run, resume_id)"
      + " VALUES ($1, $2, $3, 'QUEUED',"
      + " $4 OR COALESCE((SELECT dry_run FROM candidate_profiles WHERE user_id = $1), false),"
      + " (SELECT id FROM resumes WHERE user_id = $1 AND is_primary))"
      + " RETURNING id),"
      + " task AS (INSERT INTO application_tasks (application_id, state) SELECT id, 'QUEUED' FROM application)"
      + " SELECT id FROM application";

  private static final String SAVED = "SELECT i.id AS interaction_id, i.updated_at AS saved_at, j.status AS job_status, "
      + JobCards.columns("j")
      + " FROM user_job_interactions i JOIN jobs j ON j.id = i.job_id"
      + " WHERE i.user_id = $1 AND i.direction = 'save'";
  // The order follows user_job_interactions_saved_idx (user_id, updated_at DESC, id), so a page is one index range.
  private static final String SAVED_FIRST = SAVED + " ORDER BY i.updated_at DESC, i.id LIMIT $2";
  private static final String SAVED_AFTER = SAVED
      + " AND i.updated_at <= $2 AND (i.updated_at < $2 OR i.id > $3)"
      + " ORDER BY i.updated_at DESC, i.id LIMIT $4";

  private static final String JOB_PAGE = "SELECT " + JobCards.detailColumns("j") + ","
      + " i.direction AS swipe_direction, i.created_at AS swipe_created_at, i.updated_at AS swipe_updated_at"
      + " FROM jobs j LEFT JOIN user_job_interactions i ON i.job_id = j.id AND i.user_id = $2"
      + " WHERE j.id = $1";

  private final Pool pool;

  SwipeStore(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<Optional<Interaction>> byClientId(SqlClient db, UUID userId, String clientId) {
    return db.preparedQuery(INTERACTION + " WHERE user_id = $1 AND client_id = $2")
        .execute(Tuple.of(userId, clientId))
        .map(SwipeStore::interaction);
  }

  /** The user's interaction with the job, locked until the transaction ends so a concurrent swipe waits. */
  Future<Optional<Interaction>> byJobForUpdate(SqlClient db, UUID userId, UUID jobId) {
    return db.preparedQuery(INTERACTION + " WHERE user_id = $1 AND job_id = $2 FOR UPDATE")
        .execute(Tuple.of(userId, jobId))
        .map(SwipeStore::interaction);
  }

  Future<JobState> jobState(SqlClient db, UUID jobId) {
    return db.preparedQuery("SELECT status FROM jobs WHERE id = $1").execute(Tuple.of(jobId)).map(rows -> {
      if (rows.size() == 0) {
        return JobState.MISSING;
      }
      return "open".equals(rows.iterator().next().getString("status")) ? JobState.OPEN : JobState.CLOSED;
    });
  }

  Future<Interaction> insert(SqlClient db, UUID userId, Swipe swipe) {
    return db.preparedQuery(INSERT)
        .execute(Tuple.of(userId, swipe.jobId(), swipe.direction().wire(), swipe.clientId()))
        .map(rows -> Interaction.of(rows.iterator().next()));
  }

  Future<Interaction> replaceSave(SqlClient db, UUID userId, UUID interactionId, Swipe swipe) {
    return db.preparedQuery(REPLACE_SAVE)
        .execute(Tuple.of(userId, swipe.jobId(), swipe.direction().wire(), swipe.clientId(), interactionId))
        .map(rows -> {
          if (rows.size() == 0) {
            // The row was read under FOR UPDATE in this transaction, so it cannot have changed.
            throw new IllegalStateException("locked save " + interactionId + " was not found");
          }
          return Interaction.of(rows.iterator().next());
        });
  }

  /** Queues the application of a right swipe (status and task state QUEUED); answers its id. */
  /** What decides whether a right swipe may send a real application. */
  record Applicant(boolean emailVerified, boolean dryRunsOnly) {
  }

  Future<Applicant> applicant(SqlClient db, UUID userId) {
    return db.preparedQuery("SELECT u.email_verified_at IS NOT NULL AS verified, COALESCE(p.dry_run, false) AS dry"
            + " FROM users u LEFT JOIN candidate_profiles p ON p.user_id = u.id WHERE u.id = $1")
        .execute(Tuple.of(userId))
        .map(rows -> {
          var row = rows.iterator().hasNext() ? rows.iterator().next() : null;
          return row == null ? new Applicant(false, false)
              : new Applicant(row.getBoolean("verified"), row.getBoolean("dry"));
        });
  }

  Future<UUID> queueApplication(SqlClient db, UUID userId, UUID jobId, UUID interactionId, boolean dryRun) {
    return db.preparedQuery(QUEUE_APPLICATION)
        .execute(Tuple.of(userId, jobId, interactionId, dryRun))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  Future<Optional<UUID>> applicationFor(SqlClient db, UUID userId, UUID jobId) {
    return db.preparedQuery("SELECT id FROM applications WHERE user_id = $1 AND job_id = $2")
        .execute(Tuple.of(userId, jobId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("id")));
  }

  /** Up to {@code limit} saves, newest first, after {@code cursor} when given. */
  Future<List<Row>> saved(UUID userId, Optional<PageCursor> cursor, int limit) {
    Future<RowSet<Row>> rows = cursor.isEmpty()
        ? pool.preparedQuery(SAVED_FIRST).execute(Tuple.of(userId, limit))
        : pool.preparedQuery(SAVED_AFTER).execute(Tuple.of(userId, cursor.get().at(),
            cursor.get().id(), limit));
    return rows.map(set -> {
      List<Row> list = new ArrayList<>(set.size());
      set.forEach(list::add);
      return list;
    });
  }

  /** The job with this user's swipe on it ({@code swipe_*} columns null when there is none). */
  Future<Optional<Row>> jobPage(UUID jobId, UUID userId) {
    return pool.preparedQuery(JOB_PAGE).execute(Tuple.of(jobId, userId))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  private static Optional<Interaction> interaction(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Interaction.of(rows.iterator().next()));
  }
}
