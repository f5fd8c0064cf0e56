package com.jobswipe.embedding;

import io.vertx.core.Future;

import java.util.List;

/**
 * A text embedding model seen from the embedding role: what it is called, how wide its vectors are, and one call
 * that turns a batch of texts into vectors. The id is stored with every vector, so it names the exact model and
 * version: vectors of two different ids are not comparable, and a changed id makes ingestion re-embed.
 */
interface Embedder {

  /** For example {@code all-minilm-l6-v2-q@1.19.0-beta29} or {@code ollama:all-minilm:latest}. */
  String model();

  /** Vector width; 0 while not known yet (a remote model tells with its first answer). */
  int dimensions();

  /**
   * One unit-length vector per text, in order. Runs off the caller's thread; fails with a {@code BusFailure}
   * UNAVAILABLE when the model cannot answer.
   */
  Future<List<float[]>> embed(List<String> texts);

  Future<Void> close();
}
