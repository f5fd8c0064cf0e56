package com.jobswipe.automation;

import com.jobswipe.automation.TaskTransitions.IllegalTransition;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.text.CompanyNames;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every query on application tasks, their audit trail, screenshots and answers. PostgreSQL is the record: a
 * queue message only names a task, and every change here is a compare-and-set on the state the caller expects,
 * so a duplicate message, a second worker or a racing cancel can never apply a change twice.
 * {@code applications.status} is written in the same statement as {@code application_tasks.state}.
 */
public final class TaskStore {

  static final String UNIQUE_VIOLATION = "23505";
  /** Screenshots are PNG/JPEG/WebP of one page; more than this is a bug in the caller. */
  static final int MAX_SCREENSHOT_BYTES = 8 * 1024 * 1024;
  private static final Set<String> SCREENSHOT_TYPES = Set.of("image/png", "image/jpeg", "image/webp");

  /** The ATS host: the ingested ats_domain, else the apply URL's host. */
  private static final String DOMAIN = "lower(COALESCE(NULLIF(j.ats_domain, ''),"
      + " substring(j.apply_url from '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#]*@)?([^:/?#]+)'), 'unknown'))";

  /** The audit line a statement wrote ({@code l}), returned with its change so the event needs no second read. */
  private static final String LINE = "id, step, outcome, started_at, detail";
  private static final String LINE_COLUMNS = "l.id AS line_id, l.step AS line_step, l.outcome AS line_outcome,"
      + " l.started_at AS line_started_at, l.detail AS line_detail";

  /** The states a worker holds under a lease, as an SQL list taken from {@link TaskState} so both agree. */
  private static final String LEASED = Arrays.stream(TaskState.values()).filter(TaskState::leased)
      .map(state -> "'" + state.db() + "'").collect(Collectors.joining(", ", "(", ")"));

  /**
   * One move of a task in the statement shape every move shares, written once in {@link #sql}: {@code t} sets the
   * task ($1) to {@code to}, stamping {@code stamps}, only while it is still in {@code from} and {@code guard} holds
   * (a compare-and-set); {@code a} gives its application the same status (and submitted_at on SUBMITTED);
   * {@code l} writes the move's audit line. Answers the moved row with its line, or no row when the set lost.
   */
  private record Move(String from, String to, String stamps, String guard, Line line) {
    String sql() {
      return "WITH t AS (UPDATE application_tasks t SET state = " + to + ", updated_at = now(), " + stamps
          + " WHERE t.id = $1 AND t.state = " + from + " AND " + guard
          + " RETURNING t.id, t.application_id, t.state),"
          + " a AS (UPDATE applications ap SET status = t.state, updated_at = now(),"
          + " submitted_at = CASE WHEN t.state = 'SUBMITTED' THEN now() ELSE ap.submitted_at END"
          + " FROM t WHERE ap.id = t.application_id RETURNING ap.id, ap.user_id),"
          + " l AS (INSERT INTO application_audit_log (application_id, " + line.columns() + ")"
          + " SELECT t.application_id, " + line.values() + " || jsonb_build_object('status', t.state)"
          + " FROM t" + line.when() + " RETURNING " + LINE + ")"
          + " SELECT t.id, t.application_id, a.user_id, now() AS at, " + LINE_COLUMNS
          + " FROM t JOIN a ON a.id = t.application_id LEFT JOIN l ON true";
    }
  }

  /**
   * The audit line of a {@link Move}: its columns after application_id, their values over {@code t} (the detail
   * last: a jsonb that gets the new status added), and a condition on writing it at all ({@code ""}: always).
   */
  private record Line(String columns, String values, String when) {
    /** A line of fixed step and outcome (code constants, never values from a caller). */
    static Line of(String step, String outcome, String detail) {
      return new Line("step, outcome, detail", "'" + step + "', '" + outcome + "', " + detail, "");
    }
  }

  /** Whether a task may be claimed now: waiting, due again, or held under a lease that has expired. */
  private static final String CLAIMABLE = "(t.state = 'QUEUED'"
      + " OR (t.state = 'RATE_LIMITED' AND t.next_attempt_at <= now())"
      + " OR (t.state IN " + LEASED + " AND t.lease_until < now()))";

  /**
   * A fresh start becomes RUNNING; a task whose holder's lease expired keeps its state (resume from step, or
   * verify only when SUBMITTING). A verify-only claim is not a run, so it does not count as an attempt.
   * Each claim is a line of the trail (started, resumed or verifying), so the run's first step has an event too.
   * {@code c} is the chosen row (id, old_state), locked; {@code worker} and {@code lease} are parameter numbers.
   */
  private static String claimUpdate(String worker, String lease) {
    return " t AS (UPDATE application_tasks t SET"
        + " state = CASE WHEN c.old_state IN ('QUEUED', 'RATE_LIMITED') THEN 'RUNNING' ELSE c.old_state END,"
        + " attempt = CASE WHEN c.old_state = 'SUBMITTING' THEN t.attempt ELSE t.attempt + 1 END,"
        + " locked_by = " + worker + ", lease_until = now() + make_interval(secs => " + lease + "), updated_at = now()"
        + " FROM c WHERE t.id = c.id"
        + " RETURNING t.id, t.application_id, t.state, t.step, t.attempt, t.lease_until, t.guarded_at, c.old_state),"
        + " a AS (UPDATE applications ap SET status = t.state, updated_at = now() FROM t"
        + " WHERE ap.id = t.application_id AND ap.status <> t.state),"
        + " l AS (INSERT INTO application_audit_log (application_id, step, outcome, detail)"
        + " SELECT t.application_id, 'claim', CASE WHEN t.state = 'SUBMITTING' THEN 'verifying'"
        + "   WHEN t.old_state IN ('QUEUED', 'RATE_LIMITED') THEN 'started' ELSE 'resumed' END,"
        + "   jsonb_build_object('attempt', t.attempt, 'status', t.state) FROM t RETURNING " + LINE + ")"
        + " SELECT t.*, " + LINE_COLUMNS + ", ap.user_id, ap.job_id, ap.dry_run, j.company, j.apply_url,"
        + " " + DOMAIN + " AS domain, j.ats_kind"
        + " FROM t JOIN applications ap ON ap.id = t.application_id JOIN jobs j ON j.id = ap.job_id LEFT JOIN l ON true";
  }

  /**
   * $1 task, $2 worker, $3 lease seconds. FOR UPDATE, not SKIP LOCKED: the message names this task, and a row
   * locked for a moment by someone else (the reconciler stamping enqueued_at, a racing claimer) must be waited
   * for and re-checked, not skipped — skipping would acknowledge the message with the task left behind. A racing
   * claimer re-reads the row once the winner commits and finds it no longer claimable.
   */
  private static final String CLAIM = "WITH c AS (SELECT t.id, t.state AS old_state FROM application_tasks t"
      + " WHERE t.id = $1 AND " + CLAIMABLE + " FOR UPDATE)," + claimUpdate("$2", "$3");

  /**
   * $1 worker, $2 lease seconds: the task due longest, for pollers that are not fed by a queue. SKIP LOCKED here:
   * a row someone else is busy with is passed over for the next one.
   */
  private static final String CLAIM_NEXT = "WITH c AS (SELECT t.id, t.state AS old_state FROM application_tasks t"
      + " WHERE " + CLAIMABLE + " ORDER BY t.next_attempt_at, t.created_at LIMIT 1"
      + " FOR UPDATE SKIP LOCKED)," + claimUpdate("$1", "$2");

  /** $1 task, $2 worker, $3 lease seconds. Only a live lease is renewed: an expired one may already be someone else's. */
  private static final String RENEW = "UPDATE application_tasks SET lease_until = now() + make_interval(secs => $3),"
      + " updated_at = now() WHERE id = $1 AND locked_by = $2 AND lease_until > now()"
      + " AND state IN " + LEASED + " RETURNING lease_until";

  /** $1 task, $2 worker: gives the lease up at once (graceful shutdown) so another worker may claim the task. */
  private static final String RELEASE = "UPDATE application_tasks SET lease_until = now(),"
      + " updated_at = now() WHERE id = $1 AND locked_by = $2 AND state IN " + LEASED
      + " RETURNING id";

  /**
   * $1 task, $2 expected state, $3 new state, $4 worker (NULL: not a worker's change, e.g. a user's cancel),
   * $5 step, $6 next attempt, $7 error, $8 pending questions, $9.. audit line (none when $9 is NULL). Leaving the
   * leased states drops the lease; CANCELLED and FAILED give the company-cap place back; QUEUED counts as
   * enqueued now.
   */
  private static final String TRANSITION = new Move("$2", "$3",
      "step = COALESCE($5, t.step),"
          + " next_attempt_at = CASE WHEN $3 = 'RATE_LIMITED' THEN $6 WHEN $3 = 'QUEUED' THEN now()"
          + "   ELSE t.next_attempt_at END,"
          + " last_error = COALESCE($7, t.last_error),"
          + " pending_questions = CASE WHEN $3 = 'NEEDS_HUMAN' THEN $8::jsonb ELSE t.pending_questions END,"
          + " locked_by = CASE WHEN $3 IN " + LEASED + " THEN t.locked_by END,"
          + " lease_until = CASE WHEN $3 IN " + LEASED + " THEN t.lease_until END,"
          + " enqueued_at = CASE WHEN $3 = 'QUEUED' THEN now() ELSE t.enqueued_at END,"
          + " guarded_at = CASE WHEN $3 IN ('CANCELLED', 'FAILED') THEN NULL ELSE t.guarded_at END",
      "($4::text IS NULL OR t.locked_by = $4)",
      new Line("step, outcome, started_at, duration_ms, fields, screenshot_ref, detail",
          "$9, $10, $11, $12, $13, $14, COALESCE($15::jsonb, '{}'::jsonb)", " WHERE $9::text IS NOT NULL")).sql();

  /**
   * $1 task, $2 worker, $3 step. Written BEFORE the submit click, with the time the click may start; only the
   * live lease holder of a FILLING task that is not a dry run gets it.
   */
  private static final String MARK_SUBMITTING = new Move("'FILLING'", "'SUBMITTING'",
      "submit_started_at = now(), step = COALESCE($3, t.step)",
      "t.locked_by = $2 AND t.lease_until > now()"
          + " AND EXISTS (SELECT 1 FROM applications ap WHERE ap.id = t.application_id AND NOT ap.dry_run)",
      Line.of("submit", "started", "'{}'::jsonb")).sql();

  /** $1 task, $2 sealed answers, $3 key id, $4 answered fields: stored, and the task resumes, in one statement. */
  private static final String ANSWER = new Move("'NEEDS_HUMAN'", "'QUEUED'",
      "answers_enc = $2, answers_key_id = $3, next_attempt_at = now(), enqueued_at = now()", "true",
      Line.of("human", "answered", "$4::jsonb")).sql();

  private static final String AUDIT = "INSERT INTO application_audit_log"
      + " (application_id, step, outcome, started_at, duration_ms, fields, screenshot_ref, detail)"
      + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";

  private static final String AUDIT_TRAIL = "SELECT id, step, outcome, started_at, duration_ms, fields,"
      + " screenshot_ref, detail FROM application_audit_log WHERE application_id = $1 ORDER BY id";

  /** seq is the next one of the application; two writers racing for it meet the unique key and retry. */
  private static final String SAVE_SCREENSHOT = "INSERT INTO application_screenshots"
      + " (id, application_id, seq, content_type, data_enc, key_id)"
      + " SELECT $1, $2, COALESCE(MAX(seq) + 1, 0), $3, $4, $5 FROM application_screenshots WHERE application_id = $2"
      + " RETURNING seq, created_at";

  private static final String SCREENSHOT = "SELECT seq, content_type, data_enc, created_at"
      + " FROM application_screenshots WHERE id = $1 AND application_id = $2";

  private static final String ANSWERS = "SELECT answers_enc FROM application_tasks WHERE id = $1";

  private static final String SNAPSHOT = "SELECT t.id, t.application_id, t.state, t.step, t.attempt, t.locked_by,"
      + " t.lease_until, t.next_attempt_at, t.last_error, t.pending_questions, t.submit_started_at, t.enqueued_at,"
      + " t.guarded_at FROM application_tasks t";

  /** $1 user, $2 company key, $3 company name: serialises guard checks of one user and company across nodes. */
  private static final String GUARD_LOCK = "SELECT pg_advisory_xact_lock(hashtext('jobswipe.company-cap'),"
      + " hashtext($1::text || ':' || $2::text))";
  private static final String EXCLUDED = "SELECT COALESCE(preferences -> 'excludedCompanies', '[]'::jsonb) AS excluded"
      + " FROM candidate_profiles WHERE user_id = $1";
  /**
   * Other applications of the user to the same company that hold a cap place: passed the guards within the
   * window and not since CANCELLED or FAILED (those give their place back). $1 user, $2 application, $3 key,
   * $4 company, $5 window seconds.
   */
  private static final String CAP_COUNT = "SELECT count(*) AS n FROM applications ap"
      + " JOIN application_tasks t ON t.application_id = ap.id JOIN jobs j ON j.id = ap.job_id"
      + " WHERE ap.user_id = $1 AND ap.id <> $2 AND t.guarded_at > now() - make_interval(secs => $5)"
      + " AND (j.company_key = $3 OR (j.company_key IS NULL AND lower(j.company) = lower($4::text)))";
  private static final String GUARD_PASS = "UPDATE application_tasks SET guarded_at = now(), updated_at = now()"
      + " WHERE id = $1 AND locked_by = $2 AND state IN ('RUNNING', 'FILLING') RETURNING guarded_at";

  /** One reconciler per tick across the cluster: the others find the lock taken and skip. */
  private static final String RECONCILE_LOCK =
      "SELECT pg_try_advisory_xact_lock(hashtext('jobswipe.automation.reconciler'), 0) AS mine";
  /**
   * Tasks whose message may be lost ($1 stale seconds, $2 batch): QUEUED and not handed to the backlog for a while;
   * RATE_LIMITED and due, or leased under an expired lease, and not enqueued since — or enqueued since, but longer
   * ago than the stale time (that message was lost too, e.g. with a worker killed before it claimed the task).
   */
  private static final String DUE_FOR_ENQUEUE = "SELECT id FROM application_tasks t WHERE"
      + " (t.state = 'QUEUED' AND t.enqueued_at < now() - make_interval(secs => $1))"
      + " OR (t.state = 'RATE_LIMITED' AND t.next_attempt_at <= now()"
      + "     AND (t.enqueued_at < t.next_attempt_at OR t.enqueued_at < now() - make_interval(secs => $1)))"
      + " OR (t.state IN " + LEASED + " AND t.lease_until < now()"
      + "     AND (t.enqueued_at < t.lease_until OR t.enqueued_at < now() - make_interval(secs => $1)))"
      + " ORDER BY t.next_attempt_at LIMIT $2";
  private static final String MARK_ENQUEUED = "UPDATE application_tasks SET enqueued_at = now() WHERE id = ANY($1)";

  private final Pool pool;
  private final DataKeyRing keys;

  public TaskStore(Pool pool, DataKeyRing keys) {
    this.pool = pool;
    this.keys = keys;
  }

  /**
   * Takes the task for {@code workerId} for {@code lease}, if it is claimable now (a compare-and-set on its row):
   * QUEUED, RATE_LIMITED and due,
   * or held under an expired lease. Empty when someone else holds it, it is not due, or it has ended; a
   * duplicate message therefore finds nothing to do. Two racing claimers: exactly one gets it.
   */
  public Future<Optional<ClaimedTask>> claim(UUID taskId, String workerId, Duration lease) {
    return pool.preparedQuery(CLAIM).execute(Tuple.of(taskId, workerId, seconds(lease)))
        .map(rows -> first(rows).map(row -> claimed(row, workerId)));
  }

  /** Claims whichever claimable task is due longest (for a poller; queue consumers use {@link #claim}). */
  public Future<Optional<ClaimedTask>> claimNext(String workerId, Duration lease) {
    return pool.preparedQuery(CLAIM_NEXT).execute(Tuple.of(workerId, seconds(lease)))
        .map(rows -> first(rows).map(row -> claimed(row, workerId)));
  }

  /**
   * Extends a live lease. False when the lease is no longer this worker's (it expired, was cancelled away, or
   * another worker claimed the task): the worker must stop touching the form at once.
   */
  public Future<Boolean> renew(UUID taskId, String workerId, Duration lease) {
    return pool.preparedQuery(RENEW).execute(Tuple.of(taskId, workerId, seconds(lease)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** Hands a held task back at once (node shutting down): the next claim resumes it (or verifies, if SUBMITTING). */
  public Future<Boolean> release(UUID taskId, String workerId) {
    return pool.preparedQuery(RELEASE).execute(Tuple.of(taskId, workerId)).map(rows -> rows.rowCount() == 1);
  }

  /**
   * Moves the task {@code from → to} if it is still in {@code from} (and, for a worker's change, still held by
   * {@code workerId}). Answers the change to publish, or empty when the compare-and-set lost (someone else moved
   * the task first: a cancel, another worker). A move the state machine forbids fails with
   * {@link IllegalTransition} without touching the database. RUNNING is reached only through a claim and
   * SUBMITTING only through {@link #markSubmitting}.
   */
  public Future<Optional<StateChange>> transition(UUID taskId, TaskState from, TaskState to,
                                                  Optional<String> workerId, Change change) {
    if (!TaskTransitions.next(from).contains(to) || to == TaskState.SUBMITTING || to == TaskState.RUNNING) {
      // RUNNING only by a claim (it takes the lease), SUBMITTING only by markSubmitting (it records the click).
      return Future.failedFuture(new IllegalTransition(from, to));
    }
    if (to.leased() && workerId.isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException(to + " is a lease holder's state; name the worker"));
    }
    if (to == TaskState.RATE_LIMITED && change.nextAttemptAt().isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("RATE_LIMITED needs the time the task is due again"));
    }
    if (to == TaskState.NEEDS_HUMAN && change.pendingQuestions().isEmpty()) {
      return Future.failedFuture(new IllegalArgumentException("NEEDS_HUMAN needs the questions a person must answer"));
    }
    Tuple params = Tuple.of(taskId, from.db(), to.db(), workerId.orElse(null), change.step().orElse(null),
        change.nextAttemptAt().map(TaskStore::odt).orElse(null), change.error().orElse(null),
        change.pendingQuestions().orElse(null));
    addAudit(params, change.audit());
    return pool.preparedQuery(TRANSITION).execute(params).map(rows -> first(rows).map(row -> change(row, from, to)));
  }

  /**
   * A retry of a FAILED task, allowed only while {@code attempt < maxAttempts}: the state machine's guard on
   * {@code FAILED → QUEUED}, checked against the attempt count in the database.
   */
  public Future<Optional<StateChange>> retryFailed(UUID taskId, int maxAttempts, Change change) {
    return snapshot(taskId).compose(found -> {
      if (found.isEmpty() || found.get().state() != TaskState.FAILED) {
        return Future.succeededFuture(Optional.empty());
      }
      if (!TaskTransitions.allows(TaskState.FAILED, TaskState.QUEUED, found.get().attempt(), maxAttempts)) {
        return Future.failedFuture(new IllegalTransition(TaskState.FAILED, TaskState.QUEUED));
      }
      return transition(taskId, TaskState.FAILED, TaskState.QUEUED, Optional.empty(), change);
    });
  }

  /**
   * Records SUBMITTING (with {@code submit_started_at}) BEFORE the submit click. The caller clicks only when this
   * answers a change; empty means the task is not this worker's FILLING task under a live lease any more (or is
   * a dry run), and the click must not happen. A task found in SUBMITTING later is claimed verify-only.
   */
  public Future<Optional<StateChange>> markSubmitting(UUID taskId, String workerId, Optional<String> step) {
    return pool.preparedQuery(MARK_SUBMITTING).execute(Tuple.of(taskId, workerId, step.orElse(null)))
        .map(rows -> first(rows).map(row -> change(row, TaskState.FILLING, TaskState.SUBMITTING)));
  }

  /** Appends one line to the application's audit trail; answers its id. */
  public Future<Long> audit(UUID applicationId, AuditEntry entry) {
    Tuple params = Tuple.of(applicationId);
    addAudit(params, Optional.of(entry));
    return pool.preparedQuery(AUDIT).execute(params).map(rows -> rows.iterator().next().getLong("id"));
  }

  /** The application's trail, oldest first, as the API shows it. */
  public Future<List<JsonObject>> auditTrail(UUID applicationId) {
    return pool.preparedQuery(AUDIT_TRAIL).execute(Tuple.of(applicationId)).map(rows -> {
      List<JsonObject> out = new ArrayList<>();
      for (Row row : rows) {
        JsonObject step = new JsonObject().put("id", row.getLong("id")).put("step", row.getString("step"))
            .put("outcome", row.getString("outcome"))
            .put("startedAt", row.getOffsetDateTime("started_at").toInstant().toString())
            .put("durationMs", row.getInteger("duration_ms"))
            .put("fields", new JsonArray(List.of(row.getArrayOfStrings("fields"))))
            .put("screenshot", row.getString("screenshot_ref"))
            .put("detail", row.getJsonObject("detail"));
        out.add(step);
      }
      return out;
    });
  }

  /**
   * Stores a screenshot sealed under the current data key (a filled form shows the candidate's details), bound to
   * its row. Answers its id, to reference from an audit line.
   */
  public Future<Screenshot> saveScreenshot(UUID applicationId, String contentType, byte[] image) {
    if (!SCREENSHOT_TYPES.contains(contentType)) {
      return Future.failedFuture(new IllegalArgumentException("screenshots are PNG, JPEG or WebP"));
    }
    if (image.length == 0 || image.length > MAX_SCREENSHOT_BYTES) {
      return Future.failedFuture(new IllegalArgumentException("a screenshot is 1 byte to 8 MiB"));
    }
    UUID id = UUID.randomUUID();
    byte[] sealed = keys.encrypt(image, EncryptedColumn.SCREENSHOT.context(id));
    return saveScreenshot(id, applicationId, contentType, sealed, 3);
  }

  private Future<Screenshot> saveScreenshot(UUID id, UUID applicationId, String contentType, byte[] sealed, int tries) {
    return pool.preparedQuery(SAVE_SCREENSHOT)
        .execute(Tuple.of(id, applicationId, contentType, Buffer.buffer(sealed), keys.currentKeyId()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Screenshot(id, applicationId, row.getInteger("seq"), contentType, new byte[0],
              row.getOffsetDateTime("created_at").toInstant());
        })
        .recover(e -> tries > 1 && isUniqueViolation(e)
            ? saveScreenshot(id, applicationId, contentType, sealed, tries - 1)
            : Future.failedFuture(e));
  }

  /** A screenshot of the application, opened. Empty when it is not this application's. */
  public Future<Optional<Screenshot>> screenshot(UUID applicationId, UUID screenshotId) {
    return pool.preparedQuery(SCREENSHOT).execute(Tuple.of(screenshotId, applicationId))
        .map(rows -> first(rows).map(row -> new Screenshot(screenshotId, applicationId, row.getInteger("seq"),
            row.getString("content_type"),
            keys.decrypt(row.getBuffer("data_enc").getBytes(), EncryptedColumn.SCREENSHOT.context(screenshotId)),
            row.getOffsetDateTime("created_at").toInstant())));
  }

  /**
   * A person's answers to the pending questions: stored sealed (they may be personal) and the task resumes
   * ({@code NEEDS_HUMAN → QUEUED}) in the same statement. Empty when the task is not waiting for a person. The
   * audit line names the answered fields, never their values.
   */
  public Future<Optional<StateChange>> answer(UUID taskId, JsonObject answers) {
    byte[] sealed = keys.encryptString(answers.encode(), EncryptedColumn.TASK_ANSWERS.context(taskId));
    JsonObject detail = new JsonObject().put("fields", new JsonArray(List.copyOf(answers.fieldNames())));
    return pool.preparedQuery(ANSWER).execute(Tuple.of(taskId, Buffer.buffer(sealed), keys.currentKeyId(), detail))
        .map(rows -> first(rows).map(row -> change(row, TaskState.NEEDS_HUMAN, TaskState.QUEUED)));
  }

  /** The stored answers, opened, for the worker resuming the task. */
  public Future<Optional<JsonObject>> answers(UUID taskId) {
    return pool.preparedQuery(ANSWERS).execute(Tuple.of(taskId))
        .map(rows -> first(rows).flatMap(row -> Optional.ofNullable(row.getBuffer("answers_enc")))
            .map(sealed -> new JsonObject(keys.decryptString(sealed.getBytes(),
                EncryptedColumn.TASK_ANSWERS.context(taskId)))));
  }

  public Future<Optional<TaskSnapshot>> snapshot(UUID taskId) {
    return pool.preparedQuery(SNAPSHOT + " WHERE t.id = $1").execute(Tuple.of(taskId))
        .map(rows -> first(rows).map(TaskStore::snapshotOf));
  }

  /** The task of {@code applicationId} if {@code userId} owns that application. */
  public Future<Optional<UUID>> ownedTask(UUID applicationId, UUID userId) {
    return pool.preparedQuery("SELECT t.id FROM applications a JOIN application_tasks t ON t.application_id = a.id"
            + " WHERE a.id = $1 AND a.user_id = $2")
        .execute(Tuple.of(applicationId, userId))
        .map(rows -> first(rows).map(row -> row.getUUID(0)));
  }

  public Future<Optional<TaskSnapshot>> snapshotOfApplication(UUID applicationId) {
    return pool.preparedQuery(SNAPSHOT + " WHERE t.application_id = $1").execute(Tuple.of(applicationId))
        .map(rows -> first(rows).map(TaskStore::snapshotOf));
  }

  /**
   * The per-user guards for a claimed task, checked under a lock on (user, company) so two nodes cannot both take
   * the company cap's last place. Passing holds a place (until the task ends CANCELLED or FAILED); a task that
   * passed on an earlier run is not checked again. A refusal cancels the task with the reason in the audit log
   * (see {@link UserGuards} for why CANCELLED).
   */
  public Future<GuardResult> guard(ClaimedTask task, int cap, Duration window) {
    if (task.guarded()) {
      return Future.succeededFuture(GuardResult.pass());
    }
    String key = CompanyNames.key(task.company());
    return pool.withTransaction(tx -> tx.preparedQuery(GUARD_LOCK).execute(Tuple.of(task.userId().toString(), key))
        .compose(locked -> tx.preparedQuery(EXCLUDED).execute(Tuple.of(task.userId())))
        .compose(prefs -> {
          List<String> excluded = first(prefs).map(row -> strings(row.getJson("excluded"))).orElse(List.of());
          return tx.preparedQuery(CAP_COUNT)
              .execute(Tuple.of(task.userId(), task.applicationId(), key, task.company(), seconds(window)))
              .map(rows -> UserGuards.verdict(task.company(), excluded,
                  rows.iterator().next().getLong("n").intValue(), cap));
        })
        .compose(refusal -> {
          if (refusal.isEmpty()) {
            return tx.preparedQuery(GUARD_PASS).execute(Tuple.of(task.taskId(), task.workerId()))
                .map(rows -> rows.rowCount() == 1 ? GuardResult.pass() : GuardResult.leaseLost());
          }
          return Future.succeededFuture(GuardResult.refuse(refusal.get()));
        }))
        .compose(result -> {
          if (result.refusal().isEmpty()) {
            return Future.succeededFuture(result);
          }
          JsonObject detail = new JsonObject().put("reason", result.refusal().get()).put("company", task.company());
          if (result.refusal().get().equals(UserGuards.COMPANY_CAP)) {
            detail.put("cap", cap).put("windowDays", window.toDays());
          }
          AuditEntry line = AuditEntry.of("guards", "refused").withDetail(detail);
          return transition(task.taskId(), task.state(), TaskState.CANCELLED, Optional.of(task.workerId()),
              Change.audited(line).withError("refused: " + result.refusal().get()))
              .map(change -> new GuardResult(false, result.refusal(), change));
        });
  }

  /**
   * Hands every task whose message may have been lost to {@code queue} again and stamps {@code enqueued_at} once
   * the broker confirmed them (a failed publish leaves them due for the next pass). Runs on one node at a time.
   * Answers how many were sent. Idempotent: a duplicate message finds its task claimed or done.
   */
  public Future<Integer> reenqueueDue(TaskQueue queue, Duration staleAfter, int batch) {
    return pool.withTransaction(tx -> tx.query(RECONCILE_LOCK).execute().compose(lock -> {
      if (!lock.iterator().next().getBoolean("mine")) {
        return Future.succeededFuture(0);
      }
      return tx.preparedQuery(DUE_FOR_ENQUEUE).execute(Tuple.of(seconds(staleAfter), batch)).compose(rows -> {
        List<UUID> ids = new ArrayList<>();
        rows.forEach(row -> ids.add(row.getUUID("id")));
        if (ids.isEmpty()) {
          return Future.succeededFuture(0);
        }
        return queue.publishAll(ids)
            .compose(v -> tx.preparedQuery(MARK_ENQUEUED).execute(Tuple.of(ids.toArray(UUID[]::new))))
            .map(v -> ids.size());
      });
    }));
  }

  /** Marks tasks as handed to the backlog now (callers that publish themselves, e.g. on a resume). */
  public Future<Void> markEnqueued(List<UUID> taskIds) {
    return pool.preparedQuery(MARK_ENQUEUED).execute(Tuple.of(taskIds.toArray(UUID[]::new))).mapEmpty();
  }

  private static void addAudit(Tuple params, Optional<AuditEntry> audit) {
    AuditEntry a = audit.orElse(null);
    params.addValue(a == null ? null : a.step())
        .addValue(a == null ? null : a.outcome())
        .addValue(a == null ? null : odt(a.startedAt()))
        .addValue(a == null ? null : a.duration().map(d -> (int) Math.min(Integer.MAX_VALUE, d.toMillis())).orElse(null))
        .addValue(a == null ? null : a.fields().toArray(String[]::new))
        .addValue(a == null ? null : a.screenshot().orElse(null))
        .addValue(a == null ? null : a.detail());
  }

  private static ClaimedTask claimed(Row row, String workerId) {
    TaskState old = TaskState.fromDb(row.getString("old_state"));
    TaskState now = TaskState.fromDb(row.getString("state"));
    return new ClaimedTask(row.getUUID("id"), row.getUUID("application_id"), row.getUUID("user_id"),
        row.getUUID("job_id"), old, now, Optional.ofNullable(row.getString("step")), row.getInteger("attempt"),
        row.getOffsetDateTime("guarded_at") != null,
        row.getBoolean("dry_run"), row.getString("domain"), row.getString("ats_kind"), row.getString("company"),
        row.getString("apply_url"), workerId, row.getOffsetDateTime("lease_until").toInstant(), line(row));
  }

  private static StateChange change(Row row, TaskState from, TaskState to) {
    return new StateChange(row.getUUID("id"), row.getUUID("application_id"), row.getUUID("user_id"), from, to,
        row.getOffsetDateTime("at").toInstant(), line(row));
  }

  private static Optional<TrailLine> line(Row row) {
    Long id = row.getLong("line_id");
    if (id == null) {
      return Optional.empty();
    }
    return Optional.of(new TrailLine(id, row.getString("line_step"), row.getString("line_outcome"),
        row.getOffsetDateTime("line_started_at").toInstant(),
        Optional.ofNullable((JsonObject) row.getJson("line_detail")).orElseGet(JsonObject::new)));
  }

  private static TaskSnapshot snapshotOf(Row row) {
    return new TaskSnapshot(row.getUUID("id"), row.getUUID("application_id"), TaskState.fromDb(row.getString("state")),
        Optional.ofNullable(row.getString("step")), row.getInteger("attempt"),
        Optional.ofNullable(row.getString("locked_by")), instant(row, "lease_until"),
        row.getOffsetDateTime("next_attempt_at").toInstant(), Optional.ofNullable(row.getString("last_error")),
        Optional.ofNullable((JsonArray) row.getJson("pending_questions")), instant(row, "submit_started_at"),
        row.getOffsetDateTime("enqueued_at").toInstant(), instant(row, "guarded_at"));
  }

  private static Optional<Instant> instant(Row row, String column) {
    return Optional.ofNullable(row.getOffsetDateTime(column)).map(OffsetDateTime::toInstant);
  }

  private static Optional<Row> first(RowSet<Row> rows) {
    var it = rows.iterator();
    return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
  }

  private static List<String> strings(Object json) {
    List<String> out = new ArrayList<>();
    if (json instanceof JsonArray array) {
      array.forEach(value -> {
        if (value instanceof String s) {
          out.add(s);
        }
      });
    }
    return out;
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  static OffsetDateTime odt(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static boolean isUniqueViolation(Throwable e) {
    return e instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState());
  }

  /** An application's screenshot; {@code image} is empty when only stored (see {@link #screenshot}). */
  public record Screenshot(UUID id, UUID applicationId, int seq, String contentType, byte[] image, Instant createdAt) {
  }

  /** The outcome of {@link #guard}: passed, refused (with the cancellation to publish), or the lease was lost. */
  public record GuardResult(boolean passed, Optional<String> refusal, Optional<StateChange> cancelled) {
    static GuardResult pass() {
      return new GuardResult(true, Optional.empty(), Optional.empty());
    }

    static GuardResult refuse(String reason) {
      return new GuardResult(false, Optional.of(reason), Optional.empty());
    }

    static GuardResult leaseLost() {
      return new GuardResult(false, Optional.empty(), Optional.empty());
    }
  }
}
