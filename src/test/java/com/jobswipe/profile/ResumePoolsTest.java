package com.jobswipe.profile;

import com.jobswipe.bus.Role;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.profile.resume.ResumeFixtures;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real api node whose parse pool has one thread, no queue and a 3 s deadline (set here; the slow resume holds a
 * billion operators, so no machine reads it within the deadline): while a
 * slow resume is parsed, its owner's next upload and anyone else's are refused with 429 and Retry-After; once the
 * deadline abandons the slow parse, the thread is free again for both.
 */
class ResumePoolsTest {

  private static final String BUSY_GAUGE = "jobswipe_workers_admitted{pool=\"resume-parsers\"} 1.0";

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static WebClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API), Map.of(
        "JOBSWIPE_RESUME_PARSE_THREADS", "1",
        "JOBSWIPE_RESUME_PARSE_QUEUE", "0",
        "JOBSWIPE_RESUME_PARSE_TIMEOUT_MS", "3000"));
    api = new Api(vertx, node.port());
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  @Test
  void aBusyPoolRefusesWithRetryAfterAndATimedOutParseFreesItsThread() {
    String owner = signUp();
    String other = signUp();
    byte[] good = ResumeFixtures.twoColumnPdf();

    Future<HttpResponse<Buffer>> slow = upload(owner, ResumeFixtures.slowPdf());
    awaitMetric(BUSY_GAUGE);

    HttpResponse<Buffer> ownersSecond = upload(owner, good).await();
    assertTooMany(ownersSecond);
    assertThat(ownersSecond.bodyAsJsonObject().getString("detail")).contains("still being read");
    HttpResponse<Buffer> othersFirst = upload(other, good).await();
    assertTooMany(othersFirst);
    assertThat(othersFirst.bodyAsJsonObject().getString("detail")).contains("Too many resumes");

    HttpResponse<Buffer> timedOut = slow.await();
    assertThat(timedOut.statusCode()).as(timedOut.bodyAsString()).isEqualTo(422);
    assertThat(timedOut.bodyAsJsonObject().getString("reason")).isEqualTo("TIMEOUT");

    assertThat(upload(other, good).await().statusCode()).as("the thread is free again").isEqualTo(201);
    assertThat(upload(owner, good).await().statusCode()).as("the owner may upload again").isEqualTo(201);
  }

  private static void assertTooMany(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(429);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).isEqualTo(ProblemType.BASE + "rate-limited");
    assertThat(response.getHeader("Retry-After")).isEqualTo("3");
  }

  /** Reads the node's metrics until {@code line} appears: the slow parse holds the thread. */
  private static void awaitMetric(String line) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String metrics = "";
    while (Instant.now().isBefore(deadline)) {
      metrics = api.get("/metrics", TestNodes.OPS_TOKEN).bodyAsString();
      if (metrics.contains(line)) {
        return;
      }
      Promise<Void> later = Promise.promise();
      vertx.setTimer(20, id -> later.complete());
      later.future().await();
    }
    throw new AssertionError("never saw " + line + " in:\n" + metrics);
  }

  private static String signUp() {
    return api.post("/v1/auth/register", new JsonObject()
            .put("email", "pool." + UUID.randomUUID().toString().substring(0, 8) + "@example.com")
            .put("password", "correct battery horse staple 7"))
        .bodyAsJsonObject().getString("accessToken");
  }

  private static Future<HttpResponse<Buffer>> upload(String access, byte[] file) {
    return client.post(node.port(), "127.0.0.1", "/v1/profile/resumes")
        .putHeader("Authorization", "Bearer " + access)
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "resume.pdf", Buffer.buffer(file),
            ResumeFixtures.PDF));
  }
}
