package com.jobswipe.automation;

import com.jobswipe.automation.browser.BrowserPool;
import com.jobswipe.bus.Accepted;
import com.jobswipe.bus.AutomationStatus;
import com.jobswipe.bus.ApplicationMessages.ApplicationQueued;
import com.jobswipe.bus.ApplicationMessages.ApplicationState;
import com.jobswipe.bus.ApplicationMessages.CancelApplication;
import com.jobswipe.bus.ApplicationMessages.DomainList;
import com.jobswipe.bus.ApplicationMessages.DomainSettings;
import com.jobswipe.bus.ApplicationMessages.ResumeApplication;
import com.jobswipe.bus.ApplicationMessages.SettleApplication;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.bus.Role;
import com.jobswipe.config.AppConfig;
import com.jobswipe.config.AutomationConfig;
import com.jobswipe.config.AutomationQueueConfig;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.db.Pools;
import com.jobswipe.config.NodeContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Submits applications through a headless browser. Tasks come from the durable backlog ({@link TaskQueue}: RabbitMQ,
 * or in-process on the embedded default), their state lives in PostgreSQL ({@link TaskStore}), the reconciler
 * re-sends tasks whose message was lost, and each run holds a cluster-wide permit of its ATS domain
 * ({@link DomainPermits}). Every state change is published on {@code applications.events}. Deployed as a worker:
 * Playwright blocks. Without a Chromium binary the role still answers commands and says so in its status (so
 * {@code /health/ready} shows it) but takes no task off the backlog.
 */
public final class AutomationVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(AutomationVerticle.class);

  private final NodeContext node;
  private final AutomationConfig config;
  private final DataKeyRing keys;
  private Pool pool;
  private TaskStore store;
  private DomainAdmin domains;
  private TaskQueue queue;
  private Reconciler reconciler;
  private BrowserPool browsers;
  private WorkerExecutor browserThreads;
  private WorkerExecutor acquireThreads;
  private ApplicationRunner runner;
  private AutomationMetrics metrics;
  private long gauges = -1;

  public AutomationVerticle(NodeContext node, AutomationConfig config) {
    this.node = node;
    this.config = config;
    this.keys = node.dataKeys();
  }

  @Override
  public Future<?> start() {
    AppConfig app = node.config();
    AutomationQueueConfig queueConfig = app.automationQueue();
    pool = Pools.shared(vertx, node.database(), "automation", app.database().pools().automation());
    store = new TaskStore(pool, keys);
    domains = new DomainAdmin(pool);
    DomainPermits permits = new DomainPermits(vertx, node.database().pgConnectOptions(),
        Pools.shared(vertx, node.database(), "automation-permits", 4), queueConfig);
    int threads = Math.max(1, config.browserPoolSize());
    browserThreads = vertx.createSharedWorkerExecutor("automation-browsers", threads, 10, TimeUnit.MINUTES);
    // One per message this node may hold at once: each may wait for a browser without holding anything else.
    acquireThreads = vertx.createSharedWorkerExecutor("automation-browser-waits", queueConfig.prefetch(), 10,
        TimeUnit.MINUTES);
    EventBus bus = vertx.eventBus();
    metrics = new AutomationMetrics(node.metrics());
    BrowserPool.Options browserOptions = BrowserPool.Options.from(config, app.fetch());
    return BrowserPool.start(vertx, browserOptions, node.metrics()).compose(pooled -> {
      browsers = pooled;
      metrics.browsers(browsers);
      runner = new ApplicationRunner(vertx, store, permits, new ApplicantSource(vertx, pool, keys,
          app.dataDir().resolve("automation")), browsers, browserThreads, acquireThreads, queueConfig, node.nodeId(),
          bus, metrics);
      return TaskQueues.start(vertx, app.rabbit(), queueConfig);
    }).compose(started -> {
      queue = started;
      reconciler = new Reconciler(vertx, store, queue, permits, queueConfig);
      Future<Void> consuming = browsers.available()
          ? queue.consume(runner::handle, (delivery, last) -> giveUp(delivery.taskId(), last))
          : Future.succeededFuture();
      if (!browsers.available()) {
        LOG.warn("no Chromium at {}: this node takes no application off the backlog", config.chromium());
      }
      Future<Void> answeringAsWorker = browsers.available()
          ? Bus.AUTOMATION_WORKER_STATUS.serve(bus, asked -> Future.succeededFuture(automationStatus())).completion()
          : Future.succeededFuture();
      return Future.join(java.util.List.of(
          consuming,
          answeringAsWorker,
          Bus.AUTOMATION_STATUS.serve(bus, asked -> Future.succeededFuture(automationStatus())).completion(),
          Bus.answerPings(bus, Role.AUTOMATION, node.nodeId(), this::status).completion(),
          Bus.APPLICATION_QUEUED.serve(bus, this::queued).completion(),
          Bus.APPLICATION_RESUME.serve(bus, this::resume).completion(),
          Bus.APPLICATION_CANCEL.serve(bus, this::cancel).completion(),
          Bus.APPLICATION_SETTLE.serve(bus, this::settle).completion(),
          Bus.DOMAINS_LIST.serve(bus, all -> domains.list().map(DomainList::new)).completion(),
          // An operator's change to a circuit shows on /metrics at once, not at the next refresh.
          Bus.DOMAINS_PUT.serve(bus, put -> domains.put(put.domain()).map(DomainSettings::new)
              .onSuccess(saved -> metrics.refresh(pool))).completion()));
    }).onSuccess(ready -> {
      reconciler.start();
      gauges = metrics.schedule(vertx, pool);
    });
  }

  private JsonObject status() {
    return new JsonObject()
        .put("browser", config.chromium().toString())
        .put("browserAvailable", browsers.available())
        .put("browserLaunchFailure", browsers.launchFailure().orElse(null))
        .put("backlogConnected", queue != null && queue.connected());
  }

  /** Whether this node submits applications now, or the first reason it cannot (for clients, through the api role). */
  private AutomationStatus automationStatus() {
    String code;
    if (!browsers.available()) {
      code = AutomationStatus.BROWSER_MISSING;
    } else if (browsers.launchFailure().isPresent()) {
      code = AutomationStatus.BROWSER_FAILED;
    } else if (queue == null || !queue.connected()) {
      code = AutomationStatus.BACKLOG_DISCONNECTED;
    } else {
      code = AutomationStatus.READY;
    }
    return new AutomationStatus(code, node.nodeId());
  }

  /** A right swipe committed this application: its task goes on the backlog now rather than at reconciliation. */
  private Future<Accepted> queued(ApplicationQueued queued) {
    return store.snapshotOfApplication(UUID.fromString(queued.applicationId())).compose(task -> task.isEmpty()
        ? Future.failedFuture(new BusFailure(FailureCode.NOT_FOUND, "no task for this application"))
        : queue.publish(task.get().taskId()).map(new Accepted(queued.applicationId())));
  }

  /** The user answered the pending questions (sealed by the api role for this task): back to the queue. */
  private Future<ApplicationState> resume(ResumeApplication command) {
    return ownedTask(command.applicationId(), command.userId()).compose(taskId -> {
      JsonObject answers = new JsonObject();
      command.answersSealed().ifPresent(sealed -> new JsonArray(keys.decryptString(Base64.getDecoder().decode(sealed),
              EncryptedColumn.TASK_ANSWERS.context(taskId)))
          .forEach(item -> answers.put(((JsonObject) item).getString("question"), ((JsonObject) item).getString("answer"))));
      return store.answer(taskId, answers).compose(moved -> {
        if (moved.isEmpty()) {
          return Future.failedFuture(new BusFailure(FailureCode.CONFLICT, "the application is not waiting for a person"));
        }
        runner.announce(moved.get());
        return queue.publish(taskId).map(new ApplicationState(command.applicationId(), moved.get().to().name()));
      });
    });
  }

  private Future<ApplicationState> cancel(CancelApplication command) {
    return ownedTask(command.applicationId(), command.userId())
        .compose(taskId -> store.snapshot(taskId).compose(snapshot -> {
          TaskState state = snapshot.orElseThrow().state();
          if (!TaskTransitions.next(state).contains(TaskState.CANCELLED)) {
            return Future.failedFuture(new BusFailure(FailureCode.CONFLICT, "the application is " + state
                + " and can no longer be cancelled"));
          }
          return store.transition(taskId, state, TaskState.CANCELLED, Optional.empty(),
                  Change.audited(AuditEntry.of("cancel", "by_user")))
              .compose(moved -> {
                if (moved.isEmpty()) {
                  return Future.failedFuture(new BusFailure(FailureCode.CONFLICT,
                      "the application changed meanwhile; look again"));
                }
                runner.announce(moved.get());
                return Future.succeededFuture(new ApplicationState(command.applicationId(), TaskState.CANCELLED.name()));
              });
        }));
  }

  /**
   * The owner's verdict on an UNKNOWN application: only a person who checked the employer's side can move it on
   * (see {@link TaskTransitions}). FAILED gives the company-cap place back, as any FAILED does.
   */
  private Future<ApplicationState> settle(SettleApplication command) {
    TaskState to;
    try {
      to = TaskState.valueOf(String.valueOf(command.status()));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST, "settle to SUBMITTED or FAILED"));
    }
    if (!TaskTransitions.next(TaskState.UNKNOWN).contains(to)) {
      return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST, "settle to SUBMITTED or FAILED"));
    }
    Change change = Change.audited(AuditEntry.of("human", "settled")
        .withDetail(new JsonObject().put("settledBy", "owner")));
    Change verdict = to == TaskState.FAILED ? change.withError("settled by the user: it did not go through") : change;
    return ownedTask(command.applicationId(), command.userId())
        .compose(taskId -> store.transition(taskId, TaskState.UNKNOWN, to, Optional.empty(), verdict)
            .compose(moved -> moved.isPresent() ? Future.succeededFuture(moved.get())
                : store.snapshot(taskId).compose(now -> Future.failedFuture(new BusFailure(FailureCode.CONFLICT,
                    "Only an application whose submission is UNKNOWN can be settled; this one is "
                        + now.map(s -> s.state().name()).orElse("gone"))))))
        .map(moved -> {
          runner.announce(moved);
          return new ApplicationState(command.applicationId(), to.name());
        });
  }

  private Future<UUID> ownedTask(String applicationId, String userId) {
    UUID application;
    UUID user;
    try {
      application = UUID.fromString(applicationId);
      user = UUID.fromString(userId);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Future.failedFuture(new BusFailure(FailureCode.NOT_FOUND, "no such application"));
    }
    return store.ownedTask(application, user).compose(task -> task.map(Future::succeededFuture)
        .orElseGet(() -> Future.failedFuture(new BusFailure(FailureCode.NOT_FOUND, "no such application"))));
  }

  /** The message's retries are spent: the task fails with the last reason, if it may still move. */
  private Future<?> giveUp(UUID taskId, Throwable last) {
    return store.snapshot(taskId).compose(snapshot -> {
      if (snapshot.isEmpty() || !TaskTransitions.next(snapshot.get().state()).contains(TaskState.FAILED)) {
        return Future.succeededFuture();
      }
      return store.transition(taskId, snapshot.get().state(), TaskState.FAILED, Optional.empty(),
              Change.audited(AuditEntry.of("retries", "exhausted")).withError(String.valueOf(last.getMessage())))
          .onSuccess(moved -> moved.ifPresent(change -> {
            // Retries spent: the job's ATS is not at hand here.
            metrics.ended(change.to(), null);
            runner.announce(change);
          }));
    });
  }

  @Override
  public Future<?> stop() {
    if (reconciler != null) {
      reconciler.stop();
    }
    if (gauges >= 0) {
      vertx.cancelTimer(gauges);
    }
    return (queue == null ? Future.succeededFuture() : queue.close())
        .eventually(() -> browsers == null ? Future.succeededFuture() : browserThreads.executeBlocking(() -> {
          browsers.close();
          return null;
        }, false))
        .eventually(() -> Future.join(browserThreads.close(), acquireThreads.close()));
  }
}
