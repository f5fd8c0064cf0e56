package com.jobswipe.automation;

import com.jobswipe.automation.DomainPermits.Decision;
import com.jobswipe.automation.TaskQueue.TaskDelivery;
import com.jobswipe.automation.browser.BrowserPool;
import com.jobswipe.automation.browser.CaptchaReport;
import com.jobswipe.automation.browser.ConfirmationReport;
import com.jobswipe.automation.browser.FillReport;
import com.jobswipe.automation.browser.FormRun;
import com.jobswipe.automation.browser.PendingQuestion;
import com.jobswipe.automation.browser.StepFailure;
import com.jobswipe.automation.browser.StepOutcome;
import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.Bus;
import com.jobswipe.config.AutomationQueueConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Works one task message: claim the task, check the user's guards and the domain's permit, then drive the form
 * in steps, recording each state in PostgreSQL before acting on it. The browser steps run on the browser threads
 * (Playwright blocks); everything else is asynchronous.
 *
 * <p>Exactly-once submit: {@link TaskStore#markSubmitting} writes SUBMITTING before the click, and the click
 * happens only if that write succeeded. A task found in SUBMITTING (its worker died after recording it) is never
 * clicked again: with no confirmation page to look at any more, it goes UNKNOWN for a person to check.
 */
final class ApplicationRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ApplicationRunner.class);

  /** What the browser part of a run came to before any submit. */
  private sealed interface Prepared {
    record Paused(String step, String reason, JsonArray questions, byte[] screenshot) implements Prepared {
    }

    record Filled(FillReport report) implements Prepared {
    }

    record Failed(StepFailure failure, byte[] screenshot) implements Prepared {
    }
  }

  /** What the click came to: confirmed by the ATS, or what went wrong; and the page after it. */
  private record Clicked(boolean confirmed, String problem, byte[] screenshot) {
  }

  private final Vertx vertx;
  private final TaskStore store;
  private final DomainPermits permits;
  private final ApplicantSource applicants;
  private final BrowserPool browsers;
  private final WorkerExecutor browserThreads;
  private final WorkerExecutor acquireThreads;
  private final AutomationQueueConfig config;
  private final String workerId;
  private final EventBus bus;
  private final AutomationMetrics metrics;

  ApplicationRunner(Vertx vertx, TaskStore store, DomainPermits permits, ApplicantSource applicants, BrowserPool browsers,
                    WorkerExecutor browserThreads, WorkerExecutor acquireThreads, AutomationQueueConfig config,
                    String workerId, EventBus bus, AutomationMetrics metrics) {
    this.vertx = vertx;
    this.metrics = metrics;
    this.store = store;
    this.permits = permits;
    this.applicants = applicants;
    this.browsers = browsers;
    this.browserThreads = browserThreads;
    this.acquireThreads = acquireThreads;
    this.config = config;
    this.workerId = workerId;
    this.bus = bus;
  }

  /** Succeeds when the message is settled (whatever the task's outcome); fails to have it retried later. */
  Future<Void> handle(TaskDelivery delivery) {
    // Each run claims under a name of its own: two deliveries of one task on one node never pass for each other.
    String runId = workerId + "/" + UUID.randomUUID();
    return store.claim(delivery.taskId(), runId, config.lease())
        .compose(claimed -> {
          if (claimed.isEmpty()) {
            return Future.succeededFuture();
          }
          announce(claimed.get().asChange());
          return run(claimed.get());
        });
  }

  private Future<Void> run(ClaimedTask task) {
    // Renewed while the run lasts: a live worker keeps its task, a dead one's lease runs out.
    long every = Math.max(1_000, config.lease().toMillis() / 3);
    long timer = vertx.setPeriodic(every, id -> store.renew(task.taskId(), task.workerId(), config.lease()));
    return work(task).eventually(() -> {
      vertx.cancelTimer(timer);
      return Future.succeededFuture();
    });
  }

  private Future<Void> work(ClaimedTask task) {
    if (task.verifyOnly()) {
      return move(task, TaskState.SUBMITTING, TaskState.UNKNOWN, Change.audited(AuditEntry.of("verify", "unverifiable")
          .withDetail(new JsonObject().put("reason", "the worker stopped after the submit was recorded; "
              + "check with the employer before applying again")))
          .withError("submit may have happened; not verifiable after the worker stopped"));
    }
    return store.guard(task, config.companyCap(), config.companyCapWindow()).compose(guard -> {
      if (!guard.passed()) {
        guard.cancelled().ifPresent(cancelled -> {
          metrics.ended(cancelled.to(), task.ats());
          announce(cancelled);
        });
        return Future.succeededFuture();
      }
      return permits.acquire(task.domain(), task.taskId()).compose(decision -> {
        if (decision instanceof Decision.Denied denied) {
          metrics.denied(denied.reason());
          return move(task, task.state(), TaskState.RATE_LIMITED, Change.audited(AuditEntry.of("permit", denied.reason())
              .withDetail(new JsonObject().put("domain", denied.domain()).put("retryAt", denied.retryAt().toString())))
              .withNextAttemptAt(denied.retryAt()));
        }
        DomainPermits.Permit permit = ((Decision.Granted) decision).permit();
        return browse(task).compose(
            siteOk -> permit.release(siteOk ? DomainPermits.Outcome.SITE_OK : DomainPermits.Outcome.SITE_FAILED),
            failure -> permit.release(DomainPermits.Outcome.SITE_FAILED).eventually(() -> Future.failedFuture(failure)));
      });
    });
  }

  /** The browser part; answers whether the site behaved (for the domain's circuit breaker). */
  private Future<Boolean> browse(ClaimedTask task) {
    return store.answers(task.taskId())
        .map(answers -> {
          Map<String, String> byLabel = new HashMap<>();
          answers.ifPresent(json -> json.forEach(e -> byLabel.put(e.getKey(), String.valueOf(e.getValue()))));
          return byLabel;
        })
        .compose(answers -> applicants.load(task.applicationId(), task.userId(), answers))
        .compose(loaded -> openAndFill(task, loaded).eventually(() -> {
          loaded.close();
          return Future.succeededFuture();
        }), failure -> {
          if (failure instanceof ApplicantSource.IncompleteProfile incomplete) {
            return move(task, task.state(), TaskState.NEEDS_HUMAN, Change.audited(AuditEntry.of("profile", "incomplete")
                    .withDetail(new JsonObject().put("reason", incomplete.getMessage())))
                .withPendingQuestions(new JsonArray().add(new JsonObject().put("label", "Complete your profile")
                    .put("reason", incomplete.getMessage()))))
                .map(true);
          }
          return Future.failedFuture(failure);
        });
  }

  private Future<Boolean> openAndFill(ClaimedTask task, ApplicantSource.Loaded loaded) {
    // Waiting for a free browser blocks: on threads of its own, so neither the verticle's context nor the browser
    // threads (which the runs holding the browsers need, to finish and give them back) ever wait for it.
    return acquireThreads.executeBlocking(browsers::newRun, false).compose(started -> {
      if (!started.isOk()) {
        return Future.failedFuture("no browser: " + started.failure().orElseThrow());
      }
      return fillWith(task, loaded, started.value());
    });
  }

  private Future<Boolean> fillWith(ClaimedTask task, ApplicantSource.Loaded loaded, FormRun form) {
    Instant began = Instant.now();
    return browserThreads.executeBlocking(() -> prepare(form, URI.create(task.applyUrl()), loaded), false)
        .compose(prepared -> settle(task, form, prepared, began))
        .eventually(() -> browserThreads.executeBlocking(() -> {
          form.close();
          return null;
        }, false));
  }

  /** Open, look for a captcha, fill: all before anything could be sent. Runs on a browser thread. */
  private static Prepared prepare(FormRun form, URI url, ApplicantSource.Loaded loaded) {
    var opened = form.open(url);
    if (!opened.isOk()) {
      return failed(form, opened.failure().orElseThrow());
    }
    StepOutcome<CaptchaReport> captcha = form.detectCaptcha();
    if (captcha.isOk() && captcha.value().blocking()) {
      var found = captcha.value().captcha().orElseThrow();
      return new Prepared.Paused("captcha", "captcha", new JsonArray().add(new JsonObject()
          .put("label", "Solve the " + found.kind().name().toLowerCase() + " captcha on the employer's page")
          .put("type", "captcha").put("kind", found.kind().name())), captcha.value().screenshot());
    }
    if (!opened.value().formFound()) {
      return failed(form, new StepFailure(StepFailure.Kind.NO_FORM, "no application form on the page", false));
    }
    StepOutcome<FillReport> filled = form.fill(loaded.applicant());
    if (!filled.isOk()) {
      return failed(form, filled.failure().orElseThrow());
    }
    FillReport report = filled.value();
    if (!report.readyToSubmit()) {
      JsonArray questions = new JsonArray();
      for (PendingQuestion q : report.pending()) {
        questions.add(new JsonObject().put("field", q.field()).put("label", q.label()).put("question", q.question())
            .put("type", q.type()).put("options", new JsonArray(q.options())).put("reason", q.reason().name()));
      }
      return new Prepared.Paused("fill", "needs_answers", questions, report.screenshot());
    }
    return new Prepared.Filled(report);
  }

  /** A failure with the page as it stands photographed, for the person who looks into it. */
  private static Prepared.Failed failed(FormRun form, StepFailure failure) {
    return new Prepared.Failed(failure, form.screenshot().result().orElse(null));
  }

  private Future<Boolean> settle(ClaimedTask task, FormRun form, Prepared prepared, Instant began) {
    Duration took = Duration.between(began, Instant.now());
    if (prepared instanceof Prepared.Failed failed) {
      StepFailure failure = failed.failure();
      boolean siteFault = failure.kind() != StepFailure.Kind.GONE && failure.kind() != StepFailure.Kind.URL_NOT_ALLOWED;
      return screenshot(task, failed.screenshot()).compose(shot -> move(task, task.state(), TaskState.FAILED,
          Change.audited(withShot(AuditEntry.of("open", failure.kind().name().toLowerCase()).withDuration(took)
                  .withDetail(new JsonObject().put("reason", failure.detail())), shot))
              .withError(failure.kind() + ": " + failure.detail()))).map(!siteFault);
    }
    if (prepared instanceof Prepared.Paused paused) {
      return screenshot(task, paused.screenshot()).compose(shot -> move(task, task.state(), TaskState.NEEDS_HUMAN,
          Change.audited(withShot(AuditEntry.of(paused.step(), paused.reason()).withDuration(took), shot))
              .withStep(paused.step()).withPendingQuestions(paused.questions()))).map(true);
    }
    FillReport report = ((Prepared.Filled) prepared).report();
    return screenshot(task, report.screenshot())
        .compose(shot -> {
          AuditEntry line = withShot(AuditEntry.of("fill", "ok").withDuration(took).withFields(report.filledNames()), shot);
          // A task whose worker died mid-fill is claimed again in FILLING: the form was filled afresh, nothing sent.
          return task.state() == TaskState.FILLING
              ? store.audit(task.applicationId(), line).<Void>mapEmpty()
              : move(task, task.state(), TaskState.FILLING, Change.audited(line).withStep("fill"));
        })
        .compose(filled -> {
          if (task.dryRun()) {
            return move(task, TaskState.FILLING, TaskState.CANCELLED, Change.audited(AuditEntry.of("dry_run",
                "not_submitted").withDetail(new JsonObject().put("reason", "dry run: filled, not submitted"))))
                .map(true);
          }
          return store.markSubmitting(task.taskId(), task.workerId(), Optional.of("submit")).compose(marked -> {
            if (marked.isEmpty()) {
              // The lease is gone (another worker may hold the task): touch nothing more, click nothing.
              return Future.succeededFuture(true);
            }
            announce(marked.get());
            return submit(task, form);
          });
        });
  }

  private Future<Boolean> submit(ClaimedTask task, FormRun form) {
    Instant clicked = Instant.now();
    return browserThreads.executeBlocking(() -> click(form), false).compose(result -> {
      Duration took = Duration.between(clicked, Instant.now());
      return screenshot(task, result.screenshot()).compose(shot -> result.confirmed()
              ? move(task, TaskState.SUBMITTING, TaskState.SUBMITTED,
                  Change.audited(withShot(AuditEntry.of("submit", "confirmed").withDuration(took), shot)))
              : move(task, TaskState.SUBMITTING, TaskState.UNKNOWN, Change.audited(withShot(AuditEntry.of("submit",
                  "unconfirmed").withDuration(took).withDetail(new JsonObject().put("reason", result.problem())), shot))
                  .withError(result.problem())))
          .map(result.confirmed());
    });
  }

  /** The one click and what the page showed after it. Runs on a browser thread. */
  private static Clicked click(FormRun form) {
    var submitted = form.submit();
    if (!submitted.isOk()) {
      StepFailure failure = submitted.failure().orElseThrow();
      return new Clicked(false, failure.kind() + ": " + failure.detail(), form.screenshot().result().orElse(null));
    }
    var watched = form.confirmation();
    if (!watched.isOk()) {
      return new Clicked(false, "no confirmation: " + watched.failure().orElseThrow(),
          form.screenshot().result().orElse(null));
    }
    ConfirmationReport report = watched.value();
    byte[] png = report.screenshot() != null ? report.screenshot() : form.screenshot().result().orElse(null);
    return new Clicked(report.status() == ConfirmationReport.Status.CONFIRMED,
        "no confirmation: " + report.status(), png);
  }

  private static AuditEntry withShot(AuditEntry entry, Optional<TaskStore.Screenshot> shot) {
    return shot.map(s -> entry.withScreenshot(s.id().toString())).orElse(entry);
  }

  private Future<Optional<TaskStore.Screenshot>> screenshot(ClaimedTask task, byte[] png) {
    if (png == null || png.length == 0) {
      return Future.succeededFuture(Optional.empty());
    }
    return store.saveScreenshot(task.applicationId(), "image/png", png).map(Optional::of)
        .recover(e -> {
          LOG.warn("screenshot of application {} not stored: {}", task.applicationId(), e.toString());
          return Future.succeededFuture(Optional.empty());
        });
  }

  private Future<Void> move(ClaimedTask task, TaskState from, TaskState to, Change change) {
    return store.transition(task.taskId(), from, to, Optional.of(task.workerId()), change).map(moved -> {
      moved.ifPresent(done -> {
        metrics.ended(done.to(), task.ats());
        announce(done);
      });
      if (moved.isEmpty()) {
        LOG.info("task {} was no longer {} (cancelled or taken over); not moved to {}", task.taskId(), from, to);
      }
      return null;
    });
  }

  /**
   * Publishes a committed change with the trail line written with it, for every api node's WebSockets. Published
   * as soon as the statement answered, so one run's events leave in the order they were committed.
   */
  void announce(StateChange change) {
    change.line().ifPresentOrElse(line -> Bus.APPLICATION_EVENTS.publish(bus, new ApplicationEvent(line.id(),
            change.applicationId().toString(), change.userId().toString(), change.to().name(), line.step(),
            line.outcome(), line.startedAt().toString(), line.detail().copy().put("status", change.to().name()))),
        () -> LOG.debug("application {} moved to {} without a trail line; no event", change.applicationId(),
            change.to()));
  }
}
