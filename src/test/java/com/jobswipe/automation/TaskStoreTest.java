package com.jobswipe.automation;

import com.jobswipe.automation.TaskStore.GuardResult;
import com.jobswipe.automation.TaskTransitions.IllegalTransition;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Claims, leases, compare-and-set transitions, the exactly-once submit record, audit, screenshots, guards. */
class TaskStoreTest {

  private static final Duration LEASE = Duration.ofSeconds(30);

  private static AutomationFixtures db;
  private static Vertx vertx;
  private static TaskStore store;
  private static TaskStore otherNode;

  @BeforeAll
  static void start() {
    db = new AutomationFixtures();
    vertx = Vertx.vertx();
    store = new TaskStore(db.pool(vertx, "a"), db.keys);
    // A second pool: the other node's connections.
    otherNode = new TaskStore(db.pool(vertx, "b"), db.keys);
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
    db.close();
  }

  @Test
  void aClaimTakesAQueuedTaskAndTheApplicationFollows() {
    UUID task = db.task("Acme, Inc.", "boards.greenhouse.io");

    ClaimedTask claimed = store.claim(task, "w1", LEASE).await().orElseThrow();

    assertThat(claimed.state()).isEqualTo(TaskState.RUNNING);
    assertThat(claimed.attempt()).isEqualTo(1);
    assertThat(claimed.verifyOnly()).isFalse();
    assertThat(claimed.resumed()).isFalse();
    assertThat(claimed.domain()).isEqualTo("boards.greenhouse.io");
    assertThat(claimed.company()).isEqualTo("Acme, Inc.");
    assertThat(claimed.leaseUntil()).isAfter(Instant.now());
    assertThat(db.applicationStatus(task)).isEqualTo("RUNNING");
    // A duplicate message finds nothing to do.
    assertThat(store.claim(task, "w2", LEASE).await()).isEmpty();
    assertThat(store.claim(task, "w1", LEASE).await()).isEmpty();
  }

  @Test
  void twoClaimersRacingForEachTaskOneWins() {
    List<UUID> tasks = db.tasks(20, "Race", "race.example");
    List<Future<Optional<ClaimedTask>>> a = new ArrayList<>();
    List<Future<Optional<ClaimedTask>>> b = new ArrayList<>();
    for (UUID task : tasks) {
      a.add(store.claim(task, "node-a", LEASE));
      b.add(otherNode.claim(task, "node-b", LEASE));
    }
    Future.all(a).await();
    Future.all(b).await();

    for (int i = 0; i < tasks.size(); i++) {
      boolean wonA = a.get(i).result().isPresent();
      boolean wonB = b.get(i).result().isPresent();
      assertThat(wonA ^ wonB).as("exactly one claimer wins task %d", i).isTrue();
      String holder = wonA ? "node-a" : "node-b";
      assertThat(db.queryString("SELECT locked_by FROM application_tasks WHERE id = ?", tasks.get(i))).isEqualTo(holder);
      assertThat(db.queryLong("SELECT attempt FROM application_tasks WHERE id = ?", tasks.get(i))).isEqualTo(1);
    }
  }

  @Test
  void anExpiredLeaseIsClaimableAgainAndResumesFromItsStep() {
    UUID task = db.task("Resume Co", "jobs.lever.co");
    store.claim(task, "crashed", LEASE).await().orElseThrow();
    store.transition(task, TaskState.RUNNING, TaskState.FILLING, Optional.of("crashed"),
        Change.none().withStep("fill:page-2")).await().orElseThrow();
    // While the lease lives nobody else gets it.
    assertThat(otherNode.claim(task, "rescuer", LEASE).await()).isEmpty();

    db.expireLease(task);
    ClaimedTask resumed = otherNode.claim(task, "rescuer", LEASE).await().orElseThrow();

    assertThat(resumed.state()).isEqualTo(TaskState.FILLING);
    assertThat(resumed.step()).contains("fill:page-2");
    assertThat(resumed.resumed()).isTrue();
    assertThat(resumed.verifyOnly()).isFalse();
    assertThat(resumed.attempt()).isEqualTo(2);
    // The crashed worker, should it wake up, has lost the task.
    assertThat(store.renew(task, "crashed", LEASE).await()).isFalse();
    assertThat(store.transition(task, TaskState.FILLING, TaskState.FAILED, Optional.of("crashed"), Change.none())
        .await()).isEmpty();
    assertThat(store.renew(task, "rescuer", LEASE).await()).isTrue();
  }

  @Test
  void aTaskFoundInSubmittingAfterACrashComesBackVerifyOnly() {
    UUID task = db.task("Click Once", "jobs.ashbyhq.com");
    store.claim(task, "w1", LEASE).await().orElseThrow();
    store.transition(task, TaskState.RUNNING, TaskState.FILLING, Optional.of("w1"), Change.none()).await().orElseThrow();

    StateChange submitting = store.markSubmitting(task, "w1", Optional.of("submit")).await().orElseThrow();
    assertThat(submitting.to()).isEqualTo(TaskState.SUBMITTING);
    assertThat(db.applicationStatus(task)).isEqualTo("SUBMITTING");
    assertThat(db.queryValue("SELECT submit_started_at FROM application_tasks WHERE id = ?", task)).isNotNull();
    // A second mark (a retried step, a second worker) never gets permission to click again.
    assertThat(store.markSubmitting(task, "w1", Optional.empty()).await()).isEmpty();

    db.expireLease(task); // the worker died somewhere around the click
    ClaimedTask verify = otherNode.claim(task, "w2", LEASE).await().orElseThrow();

    assertThat(verify.verifyOnly()).isTrue();
    assertThat(verify.state()).isEqualTo(TaskState.SUBMITTING);
    assertThat(verify.attempt()).as("verifying is not another run").isEqualTo(1);
    assertThat(otherNode.markSubmitting(task, "w2", Optional.empty()).await()).isEmpty();
    // SUBMITTING cannot go back, nor be cancelled.
    assertThatThrownBy(() -> otherNode.transition(task, TaskState.SUBMITTING, TaskState.FILLING, Optional.of("w2"),
        Change.none()).await()).isInstanceOf(IllegalTransition.class);
    assertThatThrownBy(() -> store.transition(task, TaskState.SUBMITTING, TaskState.CANCELLED, Optional.empty(),
        Change.none()).await()).isInstanceOf(IllegalTransition.class);

    StateChange done = otherNode.transition(task, TaskState.SUBMITTING, TaskState.SUBMITTED, Optional.of("w2"),
        Change.audited(AuditEntry.of("verify", "confirmed"))).await().orElseThrow();
    assertThat(done.to()).isEqualTo(TaskState.SUBMITTED);
    assertThat(db.applicationStatus(task)).isEqualTo("SUBMITTED");
    assertThat(db.queryValue("SELECT ap.submitted_at FROM applications ap JOIN application_tasks t"
        + " ON t.application_id = ap.id WHERE t.id = ?", task)).isNotNull();
    assertThat(db.queryValue("SELECT locked_by FROM application_tasks WHERE id = ?", task)).isNull();
  }

  @Test
  void markSubmittingIsRefusedToADryRunAnExpiredLeaseAndAStranger() {
    UUID dry = db.task(db.user(), db.job("Dry Run Ltd", "dry.example"), true);
    store.claim(dry, "w", LEASE).await().orElseThrow();
    store.transition(dry, TaskState.RUNNING, TaskState.FILLING, Optional.of("w"), Change.none()).await().orElseThrow();
    assertThat(store.markSubmitting(dry, "w", Optional.empty()).await()).isEmpty();

    UUID expired = db.task("Slow Co", "slow.example");
    store.claim(expired, "w", LEASE).await().orElseThrow();
    store.transition(expired, TaskState.RUNNING, TaskState.FILLING, Optional.of("w"), Change.none()).await().orElseThrow();
    assertThat(store.markSubmitting(expired, "stranger", Optional.empty()).await()).isEmpty();
    db.expireLease(expired);
    assertThat(store.markSubmitting(expired, "w", Optional.empty()).await()).isEmpty();
    assertThat(db.taskState(expired)).isEqualTo("FILLING");
  }

  @Test
  void transitionsAreCompareAndSetAndWriteTheirAuditLineInTheSameStatement() {
    UUID task = db.task("Audit GmbH", "audit.example");
    store.claim(task, "w", LEASE).await().orElseThrow();
    // The user cancels while the worker fills: the worker's next move loses.
    StateChange cancelled = store.transition(task, TaskState.RUNNING, TaskState.CANCELLED, Optional.empty(),
        Change.audited(AuditEntry.of("cancel", "by_user"))).await().orElseThrow();
    assertThat(cancelled.from()).isEqualTo(TaskState.RUNNING);
    assertThat(cancelled.to()).isEqualTo(TaskState.CANCELLED);
    assertThat(cancelled.userId()).isNotNull();
    assertThat(store.transition(task, TaskState.RUNNING, TaskState.FILLING, Optional.of("w"), Change.audited(
        AuditEntry.of("fill", "ok"))).await()).isEmpty();
    assertThat(db.applicationStatus(task)).isEqualTo("CANCELLED");
    assertThat(store.auditTrail(db.applicationOf(task)).await()).as("the claim's line and the cancel's; the losing"
        + " move wrote none").extracting(line -> line.getString("step") + "/" + line.getString("outcome"))
        .containsExactly("claim/started", "cancel/by_user");
    assertThat(cancelled.line().orElseThrow().step()).isEqualTo("cancel");
    assertThat(cancelled.line().orElseThrow().detail().getString("status")).isEqualTo("CANCELLED");
    assertThat(store.renew(task, "w", LEASE).await()).isFalse();

    assertThatThrownBy(() -> store.transition(task, TaskState.CANCELLED, TaskState.QUEUED, Optional.empty(),
        Change.none()).await()).isInstanceOf(IllegalTransition.class);
  }

  @Test
  void rateLimitedTasksAreClaimableOnceDueAndFailedOnesRetryWhileAttemptsRemain() {
    UUID task = db.task("Later Inc", "later.example");
    store.claim(task, "w", LEASE).await().orElseThrow();
    Instant due = Instant.now().plus(1, ChronoUnit.HOURS);
    store.transition(task, TaskState.RUNNING, TaskState.RATE_LIMITED, Optional.of("w"),
        Change.none().withNextAttemptAt(due)).await().orElseThrow();
    assertThat(db.queryValue("SELECT locked_by FROM application_tasks WHERE id = ?", task)).isNull();
    assertThat(store.claim(task, "w", LEASE).await()).as("not due yet").isEmpty();
    db.exec("UPDATE application_tasks SET next_attempt_at = now() WHERE id = ?", task);
    ClaimedTask again = store.claim(task, "w", LEASE).await().orElseThrow();
    assertThat(again.attempt()).isEqualTo(2);

    store.transition(task, TaskState.RUNNING, TaskState.FAILED, Optional.of("w"), Change.none().withError("timeout"))
        .await().orElseThrow();
    assertThat(store.retryFailed(task, 3, Change.none()).await()).isPresent();
    assertThat(db.applicationStatus(task)).isEqualTo("QUEUED");
    store.claim(task, "w", LEASE).await().orElseThrow();
    store.transition(task, TaskState.RUNNING, TaskState.FAILED, Optional.of("w"), Change.none()).await().orElseThrow();
    assertThatThrownBy(() -> store.retryFailed(task, 3, Change.none()).await())
        .as("three runs made, none remain").isInstanceOf(IllegalTransition.class);
  }

  @Test
  void auditLinesKeepFieldNamesAndTheScreenshotReference() {
    UUID task = db.task("Trail Co", "trail.example");
    UUID application = db.applicationOf(task);
    byte[] png = "\u0089PNG fake image of Jane Doe, jane@example.com".getBytes(StandardCharsets.ISO_8859_1);

    TaskStore.Screenshot saved = store.saveScreenshot(application, "image/png", png).await();
    TaskStore.Screenshot second = store.saveScreenshot(application, "image/png", png).await();
    store.audit(application, AuditEntry.of("fill", "ok").withFields(List.of("first_name", "email"))
        .withDuration(Duration.ofMillis(1200)).withScreenshot(saved.id().toString())
        .withDetail(new JsonObject().put("page", 1))).await();

    assertThat(saved.seq()).isEqualTo(0);
    assertThat(second.seq()).isEqualTo(1);
    List<JsonObject> trail = store.auditTrail(application).await();
    assertThat(trail).hasSize(1);
    assertThat(trail.get(0).getJsonArray("fields")).containsExactly("first_name", "email");
    assertThat(trail.get(0).getInteger("durationMs")).isEqualTo(1200);
    assertThat(trail.get(0).getString("screenshot")).isEqualTo(saved.id().toString());
    // The image is sealed: the stored bytes do not contain it, and they open only as this row.
    byte[] stored = db.queryBytes("SELECT data_enc FROM application_screenshots WHERE id = ?", saved.id());
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("Jane Doe");
    assertThat(DataKeyRing.keyIdOf(stored)).isEqualTo("k1");
    assertThat(store.screenshot(application, saved.id()).await().orElseThrow().image()).isEqualTo(png);
    assertThat(store.screenshot(UUID.randomUUID(), saved.id()).await()).isEmpty();
    assertThatThrownBy(() -> db.keys.decrypt(stored, EncryptedColumn.SCREENSHOT.context(second.id())))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void aPersonsAnswersAreSealedAndResumeTheTask() {
    UUID task = db.task("Human Loop", "hitl.example");
    store.claim(task, "w", LEASE).await().orElseThrow();
    JsonArray questions = new JsonArray().add(new JsonObject().put("name", "visa").put("label", "Need a visa?")
        .put("type", "select"));
    assertThatThrownBy(() -> store.transition(task, TaskState.RUNNING, TaskState.NEEDS_HUMAN, Optional.of("w"),
        Change.none()).await()).isInstanceOf(IllegalArgumentException.class);
    store.transition(task, TaskState.RUNNING, TaskState.NEEDS_HUMAN, Optional.of("w"),
        Change.none().withPendingQuestions(questions).withStep("fill:visa")).await().orElseThrow();
    assertThat(store.snapshot(task).await().orElseThrow().pendingQuestions()).contains(questions);

    StateChange resumed = store.answer(task, new JsonObject().put("visa", "No, EU citizen")).await().orElseThrow();

    assertThat(resumed.to()).isEqualTo(TaskState.QUEUED);
    assertThat(db.applicationStatus(task)).isEqualTo("QUEUED");
    byte[] sealed = db.queryBytes("SELECT answers_enc FROM application_tasks WHERE id = ?", task);
    assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("EU citizen");
    assertThat(store.answers(task).await().orElseThrow().getString("visa")).isEqualTo("No, EU citizen");
    String trail = store.auditTrail(db.applicationOf(task)).await().toString();
    assertThat(trail).contains("visa").doesNotContain("EU citizen");
    // Answering again is not a second resume.
    assertThat(store.answer(task, new JsonObject().put("visa", "Yes")).await()).isEmpty();
    ClaimedTask next = store.claim(task, "w2", LEASE).await().orElseThrow();
    assertThat(next.step()).contains("fill:visa");
  }

  @Test
  void theDoNotApplyListCancelsWithTheReasonInTheAuditLog() {
    UUID user = db.user();
    db.excludeCompanies(user, "[\"ACME corp\", \"Globex\"]");
    UUID task = db.task(user, db.job("Acme, Inc.", "acme.example"), false);
    ClaimedTask claimed = store.claim(task, "w", LEASE).await().orElseThrow();

    GuardResult result = store.guard(claimed, 5, Duration.ofDays(30)).await();

    assertThat(result.passed()).isFalse();
    assertThat(result.refusal()).contains(UserGuards.DO_NOT_APPLY);
    assertThat(result.cancelled().orElseThrow().to()).isEqualTo(TaskState.CANCELLED);
    assertThat(db.applicationStatus(task)).isEqualTo("CANCELLED");
    List<JsonObject> trail = store.auditTrail(db.applicationOf(task)).await();
    assertThat(trail.get(0).getString("outcome")).isEqualTo("started");
    JsonObject line = trail.get(1);
    assertThat(line.getString("outcome")).isEqualTo("refused");
    assertThat(line.getJsonObject("detail").getString("reason")).isEqualTo("do_not_apply");

    UUID allowed = db.task(user, db.job("Initech", "initech.example"), false);
    assertThat(store.guard(store.claim(allowed, "w", LEASE).await().orElseThrow(), 5, Duration.ofDays(30)).await()
        .passed()).isTrue();
  }

  @Test
  void theCompanyCapHoldsWhenTwoNodesRaceForItsLastPlace() {
    UUID user = db.user();
    int cap = 2;
    UUID first = db.task(user, db.job("Capped Co", "capped.example"), false);
    assertThat(store.guard(store.claim(first, "a", LEASE).await().orElseThrow(), cap, Duration.ofDays(30)).await()
        .passed()).isTrue();
    // Two more for the same company (spelled differently), checked at the same moment on two nodes.
    UUID second = db.task(user, db.job("CAPPED CO LLC", "capped.example"), false);
    UUID third = db.task(user, db.job("Capped Co.", "capped.example"), false);
    ClaimedTask onA = store.claim(second, "a", LEASE).await().orElseThrow();
    ClaimedTask onB = otherNode.claim(third, "b", LEASE).await().orElseThrow();
    Future<GuardResult> a = store.guard(onA, cap, Duration.ofDays(30));
    Future<GuardResult> b = otherNode.guard(onB, cap, Duration.ofDays(30));
    Future.all(a, b).await();

    assertThat(a.result().passed() ^ b.result().passed()).as("exactly one takes the last place").isTrue();
    GuardResult refused = a.result().passed() ? b.result() : a.result();
    assertThat(refused.refusal()).contains(UserGuards.COMPANY_CAP);

    // A cancelled application gives its place back; another user is not affected.
    store.transition(first, TaskState.RUNNING, TaskState.CANCELLED, Optional.empty(), Change.none()).await();
    UUID fourth = db.task(user, db.job("Capped Co", "capped.example"), false);
    assertThat(store.guard(store.claim(fourth, "a", LEASE).await().orElseThrow(), cap, Duration.ofDays(30)).await()
        .passed()).isTrue();
    UUID someoneElse = db.task(db.user(), db.job("Capped Co", "capped.example"), false);
    assertThat(store.guard(store.claim(someoneElse, "a", LEASE).await().orElseThrow(), cap, Duration.ofDays(30))
        .await().passed()).isTrue();
  }
}
