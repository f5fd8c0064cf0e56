package com.jobswipe.automation;

import com.jobswipe.automation.browser.AtsReplicas;
import com.jobswipe.automation.browser.AtsReplicas.Submission;
import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three clustered nodes on one database and one RabbitMQ backlog, with real Chromium: node A serves the API and
 * the WebSockets; nodes B and C only run automation, two browsers each. Two users swipe right on 10 Greenhouse
 * postings each, all on one domain limited to 2 sessions. The replica — the employer's side — never sees more
 * than 2 sessions open at once although four browsers could run; both workers take part; every form arrives
 * once; and each user's socket on node A receives every step of each of their applications (run on B or C) and
 * nothing of the other user's.
 */
class AutomationClusterTest {

  private static final int PER_USER = 10;
  private static final int DOMAIN_SESSIONS = 2;

  private static Vertx vertx;
  /** Signalled whenever a socket receives an event. */
  private static final Object ARRIVALS = new Object();
  /** Held for the whole test: Vert.x closes a client, and its sockets, once nothing references it any more. */
  private static WebSocketClient sockets;
  private static AtsReplicas replicas;
  private static TestDatabase database;
  private static RunningNode nodeA;
  private static RunningNode nodeB;
  private static RunningNode nodeC;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium package (scripts/test installs it)").isExecutable();
    vertx = Vertx.vertx();
    sockets = vertx.createWebSocketClient();
    replicas = AtsReplicas.start();
    database = TestDatabase.create();
    List<String> ports = List.of(Integer.toString(FreePorts.next()), Integer.toString(FreePorts.next()),
        Integer.toString(FreePorts.next()));
    String members = String.join(",", ports.stream().map(port -> "127.0.0.1:" + port).toList());
    Map<String, String> common = Map.of(
        "JOBSWIPE_CLUSTER_MEMBERS", members,
        "RABBITMQ_URI", "amqp://guest:guest@127.0.0.1:5672",
        "JOBSWIPE_FETCH_ALLOW_PRIVATE", "true",
        "JOBSWIPE_AUTOMATION_BUSY_RETRY_SECONDS", "1",
        "JOBSWIPE_AUTOMATION_RECONCILE_SECONDS", "2",
        "JOBSWIPE_EMAIL_VERIFICATION", "off");
    nodeA = RunningNode.startOn(database, EnumSet.of(Role.API, Role.NOTIFICATION), with(common,
        "JOBSWIPE_CLUSTER_PORT", ports.get(0)));
    nodeB = RunningNode.startOn(database, EnumSet.of(Role.AUTOMATION), with(common,
        "JOBSWIPE_CLUSTER_PORT", ports.get(1)));
    nodeC = RunningNode.startOn(database, EnumSet.of(Role.AUTOMATION), with(common,
        "JOBSWIPE_CLUSTER_PORT", ports.get(2)));
    api = new Api(vertx, nodeA.port());
    try (Connection db = database.connect()) {
      db.createStatement().executeUpdate("INSERT INTO domains (domain, max_concurrency, per_minute, per_hour, per_day)"
          + " VALUES ('127.0.0.1', " + DOMAIN_SESSIONS + ", 1000, 10000, 100000)");
    }
  }

  private static Map<String, String> with(Map<String, String> common, String key, String value) {
    Map<String, String> env = new HashMap<>(common);
    env.put(key, value);
    return env;
  }

  @AfterAll
  static void stop() {
    nodeC.app().stop();
    nodeB.app().stop();
    nodeA.close();
    replicas.close();
    vertx.close().await();
  }

  private static List<JsonObject> socket(String token) {
    List<JsonObject> events = new CopyOnWriteArrayList<>();
    ClientWebSocket ws = sockets.webSocket();
    ws.textMessageHandler(text -> {
      JsonObject event = new JsonObject(text);
      if ("application".equals(event.getString("type"))) {
        synchronized (ARRIVALS) {
          events.add(event);
          ARRIVALS.notifyAll();
        }
      }
    });
    ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(nodeA.port()).setURI("/v1/ws")
        .addHeader("Authorization", "Bearer " + token)).await();
    return events;
  }

  private static Map<String, String> statuses() throws Exception {
    Map<String, String> statuses = new HashMap<>();
    try (Connection db = database.connect();
         ResultSet rs = db.createStatement().executeQuery("SELECT id::text, status FROM applications")) {
      while (rs.next()) {
        statuses.put(rs.getString(1), rs.getString(2));
      }
    }
    return statuses;
  }

  private static Map<String, List<Long>> trails() throws Exception {
    Map<String, List<Long>> trails = new HashMap<>();
    try (Connection db = database.connect();
         ResultSet rs = db.createStatement().executeQuery("SELECT application_id::text, id"
             + " FROM application_audit_log ORDER BY id")) {
      while (rs.next()) {
        trails.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
      }
    }
    return trails;
  }

  private static Set<Long> eventIds(List<JsonObject> first, List<JsonObject> second) {
    Set<Long> ids = new HashSet<>();
    first.forEach(event -> ids.add(event.getLong("eventId")));
    second.forEach(event -> ids.add(event.getLong("eventId")));
    return ids;
  }

  @Test
  void twoWorkersKeepTheDomainLimitAndEveryStepReachesItsOwnersSocketOnTheApiNode() throws Exception {
    String ann = Applicants.candidate(api, "ann.cluster@example.org");
    String bob = Applicants.candidate(api, "bob.cluster@example.org");
    List<JsonObject> annEvents = socket(ann);
    List<JsonObject> bobEvents = socket(bob);
    Map<String, Set<String>> applicationsOf = Map.of(ann, new HashSet<>(), bob, new HashSet<>());
    Map<String, String> nodeOf = new HashMap<>();
    try (TaskWatch watch = TaskWatch.on(database)) {
      for (int i = 0; i < PER_USER; i++) {
        for (String token : List.of(ann, bob)) {
          applicationsOf.get(token).add(Applicants.swipeRight(api, token,
              Applicants.greenhouseJob(database, replicas)));
        }
      }
      // Each claim names its node (its runs claim as nodeId/run); wait until all 20 are submitted.
      Set<String> submitted = new HashSet<>();
      Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
      while (submitted.size() < 2 * PER_USER) {
        TaskWatch.Change change = watch.next(deadline).orElseThrow(() -> new AssertionError(
            "not all submitted by the deadline: " + submitted.size() + " of " + 2 * PER_USER));
        if (!change.lockedBy().isEmpty()) {
          nodeOf.put(change.applicationId(), change.lockedBy().substring(0, change.lockedBy().indexOf('/')));
        }
        if (change.state().equals("SUBMITTED")) {
          submitted.add(change.applicationId());
        }
      }
    }
    assertThat(statuses()).hasSize(2 * PER_USER).allSatisfy((id, status) -> assertThat(status).isEqualTo("SUBMITTED"));

    // The employer's side: one form per application, never more than the domain's sessions open at once.
    List<Submission> forms = replicas.submissionsTo(Applicants.GREENHOUSE_POSTING);
    assertThat(forms).hasSize(2 * PER_USER);
    assertThat(forms.stream().filter(f -> "ann.cluster@example.org".equals(f.field("job_application[email]"))))
        .hasSize(PER_USER);
    assertThat(replicas.mostSessionsAtOnce()).isBetween(1, DOMAIN_SESSIONS);
    assertThat(Set.copyOf(nodeOf.values())).as("nodes that ran applications")
        .containsExactlyInAnyOrder(nodeB.app().node().nodeId(), nodeC.app().node().nodeId());

    // Every step of every application — each a line of its trail — reached its owner's socket on node A.
    Map<String, List<Long>> trails = trails();
    Set<Long> lines = new HashSet<>();
    trails.values().forEach(lines::addAll);
    Instant settled = Instant.now().plusSeconds(10);
    synchronized (ARRIVALS) {
      while (!eventIds(annEvents, bobEvents).containsAll(lines) && Instant.now().isBefore(settled)) {
        ARRIVALS.wait(Math.max(1, Duration.between(Instant.now(), settled).toMillis()));
      }
    }
    for (var owner : List.of(Map.entry(ann, annEvents), Map.entry(bob, bobEvents))) {
      Set<String> own = applicationsOf.get(owner.getKey());
      assertThat(owner.getValue()).as("events of other users' applications")
          .allSatisfy(event -> assertThat(own).contains(event.getString("applicationId")));
      for (String application : own) {
        List<JsonObject> seen = owner.getValue().stream()
            .filter(event -> application.equals(event.getString("applicationId"))).toList();
        assertThat(seen.stream().map(event -> event.getLong("eventId")).toList()).as("events of %s", application)
            .containsExactlyElementsOf(trails.get(application));
        assertThat(seen.stream().map(event -> event.getString("status")).toList())
            .containsSubsequence("RUNNING", "FILLING", "SUBMITTING", "SUBMITTED");
      }
    }
  }
}
