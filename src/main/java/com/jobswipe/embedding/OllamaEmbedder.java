package com.jobswipe.embedding;

import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.text.Vectors;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * An Ollama server's {@code POST /api/embed}: {@code {"model", "input": [texts], "truncate": true}} answers
 * {@code {"model", "embeddings": [[...], ...]}}, one vector per input in order. Errors come as a non-2xx status with
 * {@code {"error": "..."}} (404 {@code model "x" not found, try pulling it first}, 400 for a model that cannot
 * embed, 503 when its own queue is full, 500 otherwise). Every failure is UNAVAILABLE to our callers: their request
 * was valid, the model server cannot serve it now, and the message says why.
 */
final class OllamaEmbedder implements Embedder {

  private final WebClient client;
  private final URI endpoint;
  private final String modelName;
  private final String id;
  private final Duration timeout;
  /** Learnt from the first answer. */
  private volatile int dimensions;

  OllamaEmbedder(Vertx vertx, URI baseUrl, String modelName, Duration timeout) {
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true).setConnectTimeout(5_000)
        .setUserAgent("jobswipe-embedding"));
    String base = baseUrl.toString();
    this.endpoint = URI.create(base.endsWith("/") ? base + "api/embed" : base + "/api/embed");
    this.modelName = modelName;
    this.id = "ollama:" + tagged(modelName);
    this.timeout = timeout;
  }

  /**
   * Ollama reads a name without a tag as {@code :latest}; the id spells the tag out, so writing either form in the
   * configuration names the same model and does not re-embed every job.
   */
  static String tagged(String name) {
    String last = name.substring(name.lastIndexOf('/') + 1);
    return last.contains(":") ? name : name + ":latest";
  }

  @Override
  public String model() {
    return id;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public Future<List<float[]>> embed(List<String> texts) {
    JsonObject request = new JsonObject().put("model", modelName).put("input", new JsonArray(texts))
        .put("truncate", true);
    return client.postAbs(endpoint.toString())
        .timeout(timeout.toMillis())
        .putHeader("Accept", "application/json")
        .sendJsonObject(request)
        .recover(e -> Future.failedFuture(unavailable(e instanceof TimeoutException
            ? "did not answer within " + timeout.toSeconds() + " s"
            : "unreachable (" + e.getMessage() + ")")))
        .compose(response -> read(response, texts.size()));
  }

  private Future<List<float[]>> read(HttpResponse<Buffer> response, int expected) {
    JsonObject body;
    try {
      body = response.body() == null ? new JsonObject() : response.bodyAsJsonObject();
    } catch (DecodeException | ClassCastException e) {
      body = null;
    }
    if (response.statusCode() != 200) {
      String error = body != null && body.getValue("error") instanceof String message ? message
          : response.statusMessage();
      return Future.failedFuture(unavailable("answered " + response.statusCode() + ": " + error));
    }
    if (body == null || !(body.getValue("embeddings") instanceof JsonArray embeddings)) {
      return Future.failedFuture(unavailable("answered 200 without an embeddings array"));
    }
    if (embeddings.size() != expected) {
      return Future.failedFuture(unavailable("answered " + embeddings.size() + " embeddings for " + expected
          + " texts"));
    }
    List<float[]> vectors = new ArrayList<>(expected);
    for (Object each : embeddings) {
      if (!(each instanceof JsonArray numbers) || numbers.isEmpty()) {
        return Future.failedFuture(unavailable("answered an embedding that is not an array of numbers"));
      }
      float[] vector = new float[numbers.size()];
      for (int i = 0; i < vector.length; i++) {
        if (!(numbers.getValue(i) instanceof Number n)) {
          return Future.failedFuture(unavailable("answered an embedding that is not an array of numbers"));
        }
        vector[i] = n.floatValue();
      }
      vectors.add(Vectors.normalizeInPlace(vector));
    }
    dimensions = vectors.get(0).length;
    return Future.succeededFuture(vectors);
  }

  private BusFailure unavailable(String what) {
    return new BusFailure(FailureCode.UNAVAILABLE, "ollama at " + endpoint + " (model " + modelName + ") " + what);
  }

  @Override
  public Future<Void> close() {
    client.close();
    return Future.succeededFuture();
  }
}
