package com.jobswipe.embedding;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.jobswipe.testing.TestNodes;
import com.jobswipe.bus.Role;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.EmbeddingMessages.EmbedRequest;
import com.jobswipe.bus.EmbeddingMessages.Embeddings;
import com.jobswipe.bus.EmbeddingMessages.ModelInfo;
import com.jobswipe.bus.EmptyRequest;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.config.EmbeddingConfig;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The embedding role with the real in-process model, reached only over the event bus as other roles reach it. */
@ExtendWith(VertxExtension.class)
class EmbeddingVerticleTest {

  private static final String JOB = "Senior Java backend engineer building payment APIs with Spring Boot, "
      + "PostgreSQL and Kafka for a fintech company; on-call rotation, code review and mentoring.";

  private final PrometheusMeterRegistry metrics = TestNodes.metrics();

  private static EmbeddingConfig config(int batchSize, int queueTexts, int maxTexts, int maxChars) {
    return new EmbeddingConfig(Optional.empty(), "all-minilm", batchSize, queueTexts, maxTexts, maxChars,
        Duration.ofSeconds(30));
  }

  private Future<String> deploy(Vertx vertx, EmbeddingConfig config) {
    return vertx.deployVerticle(new EmbeddingVerticle(TestNodes.context("test-node", Role.EMBEDDING, metrics), config),
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
  }

  private static Future<Embeddings> embed(Vertx vertx, List<String> texts) {
    return Bus.EMBED.request(vertx.eventBus(), new EmbedRequest(texts));
  }

  private static double dot(float[] a, float[] b) {
    assertThat(a).hasSameSizeAs(b);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private double counter(String name) {
    return metrics.get(name).counter().count();
  }

  @Test
  void similarJobsLieCloserThanUnrelatedOnesAndVectorsHaveUnitLength(Vertx vertx, VertxTestContext test) {
    List<String> texts = List.of(
        JOB,
        "Backend developer (Java, Spring) for the payments platform of a fintech scale-up",
        "Registered nurse for night shifts on a paediatric hospital ward");
    deploy(vertx, config(32, 256, 64, 2000))
        .compose(deployed -> embed(vertx, texts))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          assertThat(reply.model()).isEqualTo("all-minilm-l6-v2-q@1.19.0-beta29");
          assertThat(reply.dimensions()).isEqualTo(384);
          assertThat(reply.vectors()).hasSize(3).allSatisfy(v -> {
            assertThat(v).hasSize(384);
            assertThat(dot(v, v)).isCloseTo(1.0, within(1e-4));
          });
          double related = dot(reply.vectors().get(0), reply.vectors().get(1));
          double unrelated = dot(reply.vectors().get(0), reply.vectors().get(2));
          assertThat(related).isGreaterThan(unrelated + 0.2);
          test.completeNow();
        })));
  }

  @Test
  void eachVectorAnswersItsOwnTextWhateverTheOrder(Vertx vertx, VertxTestContext test) {
    List<String> texts = List.of(JOB, "Pastry chef for a bakery in Lyon", "Truck driver, class CE licence");
    deploy(vertx, config(32, 256, 64, 2000))
        .compose(deployed -> embed(vertx, texts))
        .compose(together -> embed(vertx, List.of(texts.get(2), texts.get(0), texts.get(1)))
            .map(reversed -> List.of(together, reversed)))
        .onComplete(test.succeeding(replies -> test.verify(() -> {
          List<float[]> together = replies.get(0).vectors();
          List<float[]> shuffled = replies.get(1).vectors();
          assertThat(dot(together.get(0), shuffled.get(1))).isCloseTo(1.0, within(1e-5));
          assertThat(dot(together.get(1), shuffled.get(2))).isCloseTo(1.0, within(1e-5));
          assertThat(dot(together.get(2), shuffled.get(0))).isCloseTo(1.0, within(1e-5));
          assertThat(dot(together.get(0), together.get(1))).isLessThan(0.9);
          test.completeNow();
        })));
  }

  @Test
  void concurrentRequestsAreCoalescedIntoFewerModelBatches(Vertx vertx, VertxTestContext test) {
    int requests = 12;
    deploy(vertx, config(16, 1024, 64, 2000)).compose(deployed -> {
      List<Future<Embeddings>> replies = new ArrayList<>();
      for (int r = 0; r < requests; r++) {
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          texts.add("Posting " + r + "." + t + ": " + JOB);
        }
        replies.add(embed(vertx, texts));
      }
      return Future.all(replies).map(all -> replies.stream().map(Future::result).toList());
    }).compose(replies -> embed(vertx, List.of("Posting 7.2: " + JOB)).map(alone -> {
      // A request coalesced with others still gets exactly its own vectors back.
      assertThat(dot(replies.get(7).vectors().get(2), alone.vectors().get(0))).isCloseTo(1.0, within(1e-5));
      return replies;
    })).onComplete(test.succeeding(replies -> test.verify(() -> {
      assertThat(replies).allSatisfy(reply -> assertThat(reply.vectors()).hasSize(4));
      assertThat(counter("jobswipe.embedding.texts")).isEqualTo(requests * 4 + 1);
      double batches = counter("jobswipe.embedding.batches");
      assertThat(batches).as("model calls for %d requests", requests).isLessThan(requests);
      assertThat(metrics.get("jobswipe.embedding.batch.size").summary().max()).isGreaterThan(4);
      assertThat(metrics.get("jobswipe.embedding.request").timer().count()).isEqualTo(requests + 1);
      test.completeNow();
    })));
  }

  @Test
  void aFullQueueRefusesAtOnceWithUnavailableAndRecovers(Vertx vertx, VertxTestContext test) {
    List<String> backlog = new ArrayList<>();
    // The first text is long, so the model is surely still on it when the next request arrives.
    backlog.add((JOB + " ").repeat(20).substring(0, 2000));
    for (int i = 1; i < 64; i++) {
      backlog.add("Backlog posting " + i + ": " + JOB);
    }
    deploy(vertx, config(1, 64, 64, 2000)).compose(deployed -> {
      // One text goes to the model, 63 wait: the queue (64) has no room for two more.
      Future<Embeddings> first = embed(vertx, backlog);
      Future<Embeddings> refused = embed(vertx, List.of("one more", "and another"));
      return refused.transform(done -> {
        test.verify(() -> {
          assertThat(done.failed()).isTrue();
          assertThat(((BusFailure) done.cause()).code()).isEqualTo(FailureCode.UNAVAILABLE);
          assertThat(done.cause().getMessage()).contains("queue is full");
          assertThat(first.isComplete()).as("refused while the backlog is still being embedded").isFalse();
        });
        return first;
      });
    }).compose(first -> embed(vertx, List.of("one more", "and another")).map(after -> {
      assertThat(first.vectors()).hasSize(64);
      assertThat(after.vectors()).hasSize(2);
      return after;
    })).onComplete(test.succeeding(after -> test.verify(() -> {
      assertThat(metrics.get("jobswipe.embedding.rejected").tag("reason", "queue_full").counter().count())
          .isEqualTo(1);
      assertThat(metrics.get("jobswipe.embedding.queue.texts").gauge().value()).isZero();
      test.completeNow();
    })));
  }

  @Test
  void malformedRequestsAreBadRequests(Vertx vertx, VertxTestContext test) {
    List<String> tooMany = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      tooMany.add("text " + i);
    }
    deploy(vertx, config(4, 64, 8, 2000)).compose(deployed -> {
          List<Future<?>> replies = List.of(
              embed(vertx, List.of()),
              embed(vertx, tooMany),
              embed(vertx, List.of("fine", "   ")),
              vertx.eventBus().request(Bus.EMBED.address(), new JsonObject().put("texts", new JsonArray().add(42))),
              vertx.eventBus().request(Bus.EMBED.address(), new JsonObject()));
          return Future.join(replies).otherwiseEmpty().map(done -> replies);
        })
        .onComplete(test.succeeding(replies -> test.verify(() -> {
          assertThat(replies).allSatisfy(reply -> assertThat(reply.failed()).isTrue());
          for (int i = 0; i < 3; i++) {
            assertThat(((BusFailure) replies.get(i).cause()).code()).isEqualTo(FailureCode.BAD_REQUEST);
          }
          assertThat(replies.get(0).cause()).hasMessage("texts is empty");
          assertThat(replies.get(1).cause()).hasMessage("at most 8 texts per request, got 9");
          assertThat(replies.get(2).cause()).hasMessage("texts[1] is blank");
          for (int i = 3; i < 5; i++) {
            assertThat(((ReplyException) replies.get(i).cause()).failureCode())
                .as("unreadable request %d", i).isEqualTo(FailureCode.BAD_REQUEST.code());
          }
          assertThat(metrics.get("jobswipe.embedding.rejected").tag("reason", "invalid").counter().count())
              .isEqualTo(3);
          test.completeNow();
        })));
  }

  @Test
  void overLongTextsAreCutToTheConfiguredLength(Vertx vertx, VertxTestContext test) {
    String start = "Staff data engineer: Spark, Airflow, dbt and a lakehouse on S3 for a logistics group. ";
    String rest = "Our benefits include a gym membership, a yearly team trip, and free snacks in the office. ";
    String longText = (start + rest.repeat(20));
    deploy(vertx, config(8, 64, 8, 100))
        .compose(deployed -> embed(vertx, List.of(longText, longText.substring(0, 100), start)))
        .onComplete(test.succeeding(reply -> test.verify(() -> {
          // 1,900 characters fit the model's window: without the cut, the long text's vector would differ.
          assertThat(dot(reply.vectors().get(0), reply.vectors().get(1))).isCloseTo(1.0, within(1e-5));
          assertThat(dot(reply.vectors().get(0), reply.vectors().get(2))).isLessThan(0.999);
          test.completeNow();
        })));
  }

  @Test
  void theModelAddressNamesModelVersionAndWidth(Vertx vertx, VertxTestContext test) {
    deploy(vertx, config(32, 256, 64, 2000))
        .compose(deployed -> Bus.EMBEDDING_MODEL.request(vertx.eventBus(), new EmptyRequest()))
        .onComplete(test.succeeding(info -> test.verify(() -> {
          assertThat(info).isEqualTo(new ModelInfo("all-minilm-l6-v2-q@1.19.0-beta29", 384));
          test.completeNow();
        })));
  }
}
