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
import com.jobswipe.text.Vectors;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Ollama adapter against a local server that speaks Ollama's {@code POST /api/embed}: the request and reply
 * shapes, batching into one HTTP call per batch, and its error replies.
 */
@ExtendWith(VertxExtension.class)
class OllamaEmbeddingTest {

  /** Models this server "has pulled", as Ollama names them. */
  private static final List<String> PULLED = List.of("all-minilm", "all-minilm:latest");
  /** A model this server accepts requests for and never answers. */
  private static final String HUNG = "stuck-model";

  private static final long INFERENCE_MS = 20;

  private final PrometheusMeterRegistry metrics = TestNodes.metrics();
  private final List<JsonObject> received = new CopyOnWriteArrayList<>();
  private HttpServer ollama;
  private Vertx vertx;

  @BeforeEach
  void startOllama(Vertx vertx) {
    this.vertx = vertx;
    ollama = vertx.createHttpServer().requestHandler(this::ollamaApi).listen(0, "127.0.0.1").await();
  }

  /** Ollama's embed endpoint: its JSON shapes, status codes and error bodies; vectors are made up (8 wide). */
  private void ollamaApi(HttpServerRequest request) {
    if (!request.path().equals("/api/embed")) {
      request.response().setStatusCode(404).putHeader("Content-Type", "text/plain").end("404 page not found");
      return;
    }
    if (request.method() != io.vertx.core.http.HttpMethod.POST) {
      request.response().setStatusCode(405).end("405 method not allowed");
      return;
    }
    request.body().onSuccess(body -> {
      JsonObject json = body.toJsonObject();
      received.add(json);
      String model = json.getString("model");
      if (model.equals(HUNG)) {
        return; // loading forever: never answers
      }
      if (!PULLED.contains(model)) {
        reply(request, 404, new JsonObject().put("error", "model \"" + model + "\" not found, try pulling it first"));
        return;
      }
      JsonArray embeddings = new JsonArray();
      json.getJsonArray("input").forEach(text -> embeddings.add(madeUpVector((String) text)));
      // A real server takes a while to embed: requests arriving meanwhile wait for the next batch.
      vertx.setTimer(INFERENCE_MS, t -> reply(request, 200, new JsonObject().put("model", model)
          .put("embeddings", embeddings).put("total_duration", 14_143_917).put("load_duration", 1_019_500)
          .put("prompt_eval_count", json.getJsonArray("input").size() * 8)));
    });
  }

  private static void reply(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
        .end(body.encode());
  }

  /** Not unit length on purpose: the adapter normalises whatever the server sends. */
  private static JsonArray madeUpVector(String text) {
    JsonArray vector = new JsonArray();
    for (int i = 0; i < 8; i++) {
      vector.add((double) (text.hashCode() >> (i * 4) & 0xF) + i + 1);
    }
    return vector;
  }

  private static float[] expected(String text) {
    JsonArray raw = madeUpVector(text);
    float[] vector = new float[raw.size()];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = raw.getDouble(i).floatValue();
    }
    return Vectors.normalizeInPlace(vector);
  }

  private Future<String> deploy(Vertx vertx, String url, String model, int batchSize) {
    return deploy(vertx, url, model, batchSize, Duration.ofSeconds(5));
  }

  private Future<String> deploy(Vertx vertx, String url, String model, int batchSize, Duration timeout) {
    EmbeddingConfig config = new EmbeddingConfig(Optional.of(URI.create(url)), model, batchSize, 256, 64, 2000,
        timeout);
    return vertx.deployVerticle(new EmbeddingVerticle(TestNodes.context("test-node", Role.EMBEDDING, metrics), config),
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER));
  }

  private String url() {
    return "http://127.0.0.1:" + ollama.actualPort();
  }

  @Test
  void batchesGoToApiEmbedAndVectorsComeBackInOrderNormalised(Vertx vertx, VertxTestContext test) {
    int requests = 6;
    deploy(vertx, url(), "all-minilm", 8).compose(deployed -> {
      List<Future<Embeddings>> replies = new ArrayList<>();
      for (int r = 0; r < requests; r++) {
        replies.add(Bus.EMBED.request(vertx.eventBus(), new EmbedRequest(List.of("job " + r + "a", "job " + r + "b",
            "job " + r + "c"))));
      }
      return Future.all(replies).map(all -> replies.stream().map(Future::result).toList());
    }).compose(replies -> Bus.EMBEDDING_MODEL.request(vertx.eventBus(), new EmptyRequest())
        .map(info -> {
          assertThat(info).isEqualTo(new ModelInfo("ollama:all-minilm:latest", 8));
          return replies;
        }))
        .onComplete(test.succeeding(replies -> test.verify(() -> {
          for (int r = 0; r < requests; r++) {
            Embeddings reply = replies.get(r);
            assertThat(reply.model()).isEqualTo("ollama:all-minilm:latest");
            assertThat(reply.dimensions()).isEqualTo(8);
            List<String> texts = List.of("job " + r + "a", "job " + r + "b", "job " + r + "c");
            for (int t = 0; t < 3; t++) {
              assertThat(reply.vectors().get(t)).containsExactly(expected(texts.get(t)), within(1e-6f));
            }
          }
          List<JsonObject> batches = received.stream()
              .filter(body -> !body.getJsonArray("input").contains("ready?")).toList();
          assertThat(batches).allSatisfy(body -> {
            assertThat(body.fieldNames()).containsExactlyInAnyOrder("model", "input", "truncate");
            assertThat(body.getString("model")).isEqualTo("all-minilm");
            assertThat(body.getBoolean("truncate")).isTrue();
            assertThat(body.getJsonArray("input").size()).isBetween(1, 8);
          });
          assertThat(batches.size()).as("one HTTP call per batch, fewer than requests").isLessThan(requests);
          assertThat(metrics.get("jobswipe.embedding.batches").counter().count()).isEqualTo(batches.size());
          test.completeNow();
        })));
  }

  @Test
  void aModelOllamaDoesNotHaveIsUnavailableWithItsReason(Vertx vertx, VertxTestContext test) {
    deploy(vertx, url(), "nomic-embed-text", 8)
        .compose(deployed -> Bus.EMBED.request(vertx.eventBus(), new EmbedRequest(List.of("a job"))))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(((BusFailure) failure).code()).isEqualTo(FailureCode.UNAVAILABLE);
          assertThat(failure.getMessage())
              .contains("/api/embed")
              .contains("answered 404: model \"nomic-embed-text\" not found, try pulling it first");
          assertThat(metrics.get("jobswipe.embedding.batch.failures").counter().count()).isEqualTo(1);
          test.completeNow();
        })));
  }

  @Test
  void anUnreachableServerIsUnavailable(Vertx vertx, VertxTestContext test) {
    int closedPort = ollama.actualPort();
    ollama.close().compose(closed -> deploy(vertx, "http://127.0.0.1:" + closedPort, "all-minilm", 8))
        .compose(deployed -> Bus.EMBED.request(vertx.eventBus(), new EmbedRequest(List.of("a job"))))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(((BusFailure) failure).code()).isEqualTo(FailureCode.UNAVAILABLE);
          assertThat(failure.getMessage()).contains("unreachable");
          test.completeNow();
        })));
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsUnavailable(Vertx vertx, VertxTestContext test) {
    deploy(vertx, url(), HUNG, 8, Duration.ofSeconds(1))
        .compose(deployed -> Bus.EMBED.request(vertx.eventBus(), new EmbedRequest(List.of("a job"))))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(((BusFailure) failure).code()).isEqualTo(FailureCode.UNAVAILABLE);
          assertThat(failure.getMessage()).endsWith("did not answer within 1 s");
          test.completeNow();
        })));
  }

  @Test
  void aTaglessModelNameMeansLatest() {
    assertThat(OllamaEmbedder.tagged("all-minilm")).isEqualTo("all-minilm:latest");
    assertThat(OllamaEmbedder.tagged("all-minilm:33m")).isEqualTo("all-minilm:33m");
    assertThat(OllamaEmbedder.tagged("registry.local:5000/team/embedder")).isEqualTo(
        "registry.local:5000/team/embedder:latest");
  }
}
