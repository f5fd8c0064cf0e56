package com.jobswipe.automation;

import com.jobswipe.automation.browser.AtsReplicas;
import com.jobswipe.automation.browser.AtsReplicas.Submission;
import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.ServerProcess;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Exactly-once submit against crashes: 20 applications are worked by the packaged jar running only the automation
 * role — on the in-process backlog (the reconciler alone brings a dead worker's tasks back) and on RabbitMQ (the
 * broker hands a dead consumer's messages to the next) — which is killed with SIGKILL mid-fill, around the submit
 * click and after a random number of its steps, and started again until every application has ended. The local
 * Greenhouse replica counts what it receives per applicant: nobody's form may arrive twice, and every application
 * must end SUBMITTED (confirmed) or UNKNOWN (the click may have happened, a person checks) — never clicked a second
 * time. Kills are timed by the task changes themselves, heard over PostgreSQL LISTEN/NOTIFY ({@link TaskWatch}).
 */
class AutomationCrashIT {

  private static final int APPLICATIONS = 20;

  private static Vertx vertx;
  private AtsReplicas replicas;
  private RunningNode api;
  private Api http;

  @BeforeAll
  static void checkBrowser() {
    assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium package (scripts/test installs it)").isExecutable();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stopVertx() {
    vertx.close().await();
  }

  @BeforeEach
  void start() throws Exception {
    replicas = AtsReplicas.start();
    api = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of("JOBSWIPE_EMAIL_VERIFICATION", "off"));
    http = new Api(vertx, api.port());
    try (Connection db = api.database().connect()) {
      // The replica's host: limits generous enough that the test measures crashes, not politeness.
      db.createStatement().executeUpdate("INSERT INTO domains (domain, max_concurrency, per_minute, per_hour, per_day)"
          + " VALUES ('127.0.0.1', 5, 1000, 10000, 100000)");
    }
  }

  @AfterEach
  void stop() {
    api.close();
    replicas.close();
  }

  /** A running automation process and its node id (its runs claim tasks as {@code nodeId/run}). */
  private record Worker(ServerProcess process, String nodeId) {
  }

  private Worker worker(String backlog) throws Exception {
    Map<String, String> env = new HashMap<>(Map.ofEntries(
        Map.entry("DATABASE_URL", api.database().url().toString()),
        Map.entry("PORT", Integer.toString(FreePorts.next())),
        Map.entry("JOBSWIPE_DATA_DIR", Files.createTempDirectory("worker-").toString()),
        Map.entry("JOBSWIPE_DATA_KEYS", TestNodes.DATA_KEYS),
        Map.entry("JOBSWIPE_JWT_KEYS", TestNodes.JWT_KEYS),
        Map.entry("JOBSWIPE_FETCH_ALLOW_PRIVATE", "true"),
        Map.entry("JOBSWIPE_AUTOMATION_LEASE_SECONDS", "10"),
        Map.entry("JOBSWIPE_AUTOMATION_RECONCILE_SECONDS", "1"),
        Map.entry("JOBSWIPE_AUTOMATION_STALE_SECONDS", "5"),
        Map.entry("JOBSWIPE_AUTOMATION_BUSY_RETRY_SECONDS", "1"),
        Map.entry("JOBSWIPE_AUTOMATION_BACKOFF_SECONDS", "1")));
    if (backlog.equals("rabbitmq")) {
      env.put("RABBITMQ_URI", "amqp://guest:guest@127.0.0.1:5672");
    }
    ServerProcess worker = ServerProcess.start(env, "--roles", "automation");
    Matcher ready = Pattern.compile("node (\\S+) ready with roles")
        .matcher(worker.awaitLine(line -> line.contains("ready with roles"), Duration.ofSeconds(60)));
    assertThat(ready.find()).isTrue();
    return new Worker(worker, ready.group(1));
  }

  private Map<String, String> statuses() throws Exception {
    Map<String, String> statuses = new HashMap<>();
    try (Connection db = api.database().connect();
         ResultSet rs = db.createStatement().executeQuery("SELECT id::text, status FROM applications")) {
      while (rs.next()) {
        statuses.put(rs.getString(1), rs.getString(2));
      }
    }
    return statuses;
  }

  private static boolean ended(Map<String, String> statuses) {
    return statuses.values().stream().allMatch(s -> Set.of("SUBMITTED", "UNKNOWN", "FAILED", "CANCELLED",
        "NEEDS_HUMAN").contains(s));
  }

  @ParameterizedTest(name = "backlog: {0}")
  @ValueSource(strings = {"in-process", "rabbitmq"})
  void killingTheWorkerMidFillAndAroundTheClickNeverSubmitsAFormTwice(String backlog) throws Exception {
    Map<String, String> emailOf = new HashMap<>();
    for (int i = 0; i < APPLICATIONS; i++) {
      String email = "jane.crash" + i + "@example.org";
      String token = Applicants.candidate(http, email);
      emailOf.put(Applicants.swipeRight(http, token, Applicants.greenhouseJob(api.database(), replicas)), email);
    }
    // Kills aimed at each moment of a run: while one of the worker's own tasks is FILLING (mid-fill: the form
    // is filled again by the next worker), while one is SUBMITTING (around the click: never clicked again), and
    // after a random number of its steps.
    List<String> targets = List.of("FILLING", "SUBMITTING", "random", "SUBMITTING", "FILLING", "random", "SUBMITTING",
        "FILLING");
    Random random = new Random();
    List<String> hits = new ArrayList<>();
    Instant deadline = Instant.now().plus(Duration.ofMinutes(8));
    try (TaskWatch watch = TaskWatch.on(api.database())) {
      for (String target : targets) {
        if (ended(statuses()) || Instant.now().isAfter(deadline)) {
          break;
        }
        Worker worker = worker(backlog);
        Instant patience = Instant.now().plusSeconds(30);
        Optional<TaskWatch.Change> hit;
        if (target.equals("random")) {
          // After a random number of this worker's own steps (claims, fills, clicks recorded).
          int steps = 1 + random.nextInt(8);
          hit = Optional.empty();
          for (int step = 0; step < steps; step++) {
            hit = watch.await(change -> change.heldBy(worker.nodeId()), patience);
          }
        } else {
          hit = watch.await(change -> change.heldBy(worker.nodeId()) && change.state().equals(target), patience);
        }
        worker.process().kill();
        hits.add(target.equals("random") ? "random" : hit.map(TaskWatch.Change::state).orElse("late"));
      }
      try (ServerProcess last = worker(backlog).process()) {
        // Every change may be the last one: look again at each.
        boolean ended = ended(statuses());
        while (!ended && watch.next(deadline).isPresent()) {
          ended = ended(statuses());
        }
        assertThat(ended).as("every application ended (%s); last worker said:%n%s", statuses(),
            last.output()).isTrue();
      }
    }

    Map<String, Integer> received = new HashMap<>();
    for (Submission form : replicas.submissionsTo(Applicants.GREENHOUSE_POSTING)) {
      received.merge(form.field("job_application[email]"), 1, Integer::sum);
    }
    Map<String, String> statuses = statuses();
    System.out.printf("crash test (%s backlog): kills %s; outcomes %s%n", backlog, hits,
        statuses.values().stream().collect(java.util.stream.Collectors.groupingBy(s -> s,
            java.util.stream.Collectors.counting())));
    assertThat(hits).as("kills that landed mid-fill and around a click").contains("FILLING", "SUBMITTING");
    assertThat(received.values()).as("forms received per applicant").allMatch(count -> count == 1);
    assertThat(statuses).hasSize(APPLICATIONS);
    statuses.forEach((application, status) -> {
      assertThat(status).as(application).isIn("SUBMITTED", "UNKNOWN");
      if (status.equals("SUBMITTED")) {
        assertThat(received).as("the replica received %s's form", emailOf.get(application))
            .containsEntry(emailOf.get(application), 1);
      }
    });
  }
}
