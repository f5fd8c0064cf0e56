package com.jobswipe.automation;

import com.jobswipe.automation.browser.BrowserPool;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code jobswipe_automation_*}: what an operator pages on for the apply side.
 * <ul>
 *   <li>Counted on the node that did it: applications the automation brought to an ending, by status and ATS kind;
 *   permits a domain refused, by reason.</li>
 *   <li>This node's browsers: in use and in the pool.</li>
 *   <li>Read from PostgreSQL every {@link #REFRESH} (a scrape never waits for the database; every automation node
 *   reports the same cluster-wide view, so dashboards take {@code max}, not {@code sum}): the backlog by state, how
 *   long the oldest runnable task has waited, domains by circuit state, and the circuit of each domain whose circuit
 *   is not closed, at most {@link #MAX_DOMAINS} of them.</li>
 * </ul>
 * Labels are fixed words, ATS kinds (a closed list; anything else is {@code other}) and, only for circuits that are
 * open or half-open, the domain: domains come from job postings, so a label per known domain would grow without
 * bound, while domains with a tripped breaker are few, and capped here.
 */
final class AutomationMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(AutomationMetrics.class);

  static final Duration REFRESH = Duration.ofSeconds(15);
  static final int MAX_DOMAINS = 50;
  /** Where the automation stops working on an application (a person may move it on later). */
  static final List<TaskState> ENDINGS = List.of(TaskState.SUBMITTED, TaskState.FAILED, TaskState.UNKNOWN,
      TaskState.NEEDS_HUMAN, TaskState.CANCELLED);
  static final Set<String> ATS = Set.of("greenhouse", "lever", "ashby", "workable", "smartrecruiters", "generic");
  static final List<String> DENIALS = List.of("busy", "rate", "paused", "circuit_open", "circuit_half_open");
  /** Tasks that are the automation's to run: waiting for a worker or a permit, or being worked on. */
  static final List<TaskState> BACKLOG = List.of(TaskState.QUEUED, TaskState.RATE_LIMITED, TaskState.RUNNING,
      TaskState.FILLING, TaskState.SUBMITTING);
  static final List<String> CIRCUITS = List.of("closed", "half_open", "open");

  private static final String BACKLOG_SQL = "SELECT state, count(*) AS n FROM application_tasks"
      + " WHERE state IN ('QUEUED', 'RATE_LIMITED', 'RUNNING', 'FILLING', 'SUBMITTING') GROUP BY state";
  /** Runnable now: QUEUED since enqueued_at, or RATE_LIMITED and due since next_attempt_at. */
  private static final String OLDEST_SQL = "SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(waiting_since)), 0)"
      + " AS age FROM (SELECT min(enqueued_at) AS waiting_since FROM application_tasks WHERE state = 'QUEUED'"
      + " UNION ALL SELECT min(next_attempt_at) FROM application_tasks"
      + " WHERE state = 'RATE_LIMITED' AND next_attempt_at <= now()) w";
  private static final String CIRCUIT_COUNTS_SQL = "SELECT circuit_state, count(*) AS n FROM domains"
      + " GROUP BY circuit_state";
  private static final String TRIPPED_SQL = "SELECT domain, circuit_state FROM domains WHERE circuit_state <> 'closed'"
      + " ORDER BY circuit_opened_at DESC NULLS LAST, domain LIMIT " + MAX_DOMAINS;

  private final MeterRegistry registry;
  private final Map<String, Double> backlog = new ConcurrentHashMap<>();
  private final Map<String, Double> circuits = new ConcurrentHashMap<>();
  private volatile double oldestSeconds;
  private final MultiGauge tripped;

  AutomationMetrics(MeterRegistry registry) {
    this.registry = registry;
    ENDINGS.forEach(status -> {
      ATS.forEach(ats -> counter(status, ats));
      counter(status, null);
    });
    DENIALS.forEach(this::denials);
    BACKLOG.forEach(state -> {
      backlog.put(state.name(), 0.0);
      Gauge.builder("jobswipe_automation_backlog", backlog, b -> b.getOrDefault(state.name(), 0.0))
          .description("Application tasks for the automation to run, by state (RATE_LIMITED: waiting for a domain"
              + " permit)").tag("state", state.name()).register(registry);
    });
    Gauge.builder("jobswipe_automation_backlog_oldest_seconds", this, m -> m.oldestSeconds)
        .description("How long the oldest runnable task (QUEUED, or RATE_LIMITED and due) has waited; 0 when none")
        .baseUnit("seconds").register(registry);
    CIRCUITS.forEach(state -> {
      circuits.put(state, 0.0);
      Gauge.builder("jobswipe_automation_circuits", circuits, c -> c.getOrDefault(state, 0.0))
          .description("ATS domains by circuit-breaker state").tag("state", state).register(registry);
    });
    tripped = MultiGauge.builder("jobswipe_automation_circuit_state")
        .description("Circuit of each domain whose breaker is not closed: 1 half-open, 2 open (at most "
            + MAX_DOMAINS + " domains)").register(registry);
  }

  /** The automation moved an application to one of {@link #ENDINGS}; {@code ats} from the job (null: unknown). */
  void ended(TaskState status, String ats) {
    if (ENDINGS.contains(status)) {
      counter(status, ats).increment();
    }
  }

  /** A domain refused a run a permit ({@link DomainPermits.Decision.Denied#reason()}). */
  void denied(String reason) {
    denials(reason).increment();
  }

  private Counter denials(String reason) {
    return Counter.builder("jobswipe_automation_permit_denials")
        .description("Runs a domain refused a permit, by reason (the task waits as RATE_LIMITED)")
        .tag("reason", DENIALS.contains(reason) ? reason : "other").register(registry);
  }

  private Counter counter(TaskState status, String ats) {
    String kind = ats == null ? "unknown" : ATS.contains(ats) ? ats : "other";
    return Counter.builder("jobswipe_automation_applications")
        .description("Applications the automation brought to an ending, by status and ATS kind")
        .tags("status", status.name(), "ats", kind).register(registry);
  }

  /** This node's browsers; the pool may be replaced by a redeploy, so the gauges follow the latest. */
  void browsers(BrowserPool pool) {
    registry.find("jobswipe_automation_browsers_in_use").meters().forEach(registry::remove);
    registry.find("jobswipe_automation_browsers").meters().forEach(registry::remove);
    Gauge.builder("jobswipe_automation_browsers_in_use", pool, p -> p.options().size() - p.idle())
        .description("Browsers of this node busy with an application").strongReference(true).register(registry);
    Gauge.builder("jobswipe_automation_browsers", pool, p -> p.options().size())
        .description("Browsers in this node's pool").strongReference(true).register(registry);
  }

  /** Refreshes the database gauges now and every {@link #REFRESH}; answers the timer id. */
  long schedule(Vertx vertx, Pool pool) {
    refresh(pool);
    return vertx.setPeriodic(REFRESH.toMillis(), id -> refresh(pool));
  }

  Future<Void> refresh(Pool pool) {
    Future<Void> states = pool.query(BACKLOG_SQL).execute().map(rows -> {
      Map<String, Double> now = new ConcurrentHashMap<>();
      BACKLOG.forEach(state -> now.put(state.name(), 0.0));
      rows.forEach(row -> now.put(row.getString("state"), row.getLong("n").doubleValue()));
      backlog.putAll(now);
      return null;
    });
    Future<Void> oldest = pool.query(OLDEST_SQL).execute().map(rows -> {
      oldestSeconds = rows.iterator().next().getNumeric("age").doubleValue();
      return null;
    });
    Future<Void> counts = pool.query(CIRCUIT_COUNTS_SQL).execute().map(rows -> {
      Map<String, Double> now = new ConcurrentHashMap<>();
      CIRCUITS.forEach(state -> now.put(state, 0.0));
      rows.forEach(row -> now.put(row.getString("circuit_state"), row.getLong("n").doubleValue()));
      circuits.putAll(now);
      return null;
    });
    Future<Void> domains = pool.query(TRIPPED_SQL).execute().map(rows -> {
      List<MultiGauge.Row<?>> series = new ArrayList<>();
      for (Row row : rows) {
        series.add(MultiGauge.Row.of(Tags.of("domain", row.getString("domain")),
            "open".equals(row.getString("circuit_state")) ? 2 : 1));
      }
      tripped.register(series, true);
      return null;
    });
    return Future.all(states, oldest, counts, domains).<Void>mapEmpty()
        .onFailure(e -> LOG.warn("refreshing automation gauges failed: {}", e.toString()));
  }
}
