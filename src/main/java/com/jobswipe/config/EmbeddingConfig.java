package com.jobswipe.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Embeddings: the in-process model by default, or an Ollama server when {@code OLLAMA_URL} is set.
 *
 * @param batchSize the most texts the model is given at once; requests from many callers are coalesced up to it
 * @param queueTexts the most texts waiting for the model; a request that does not fit is refused at once
 *     (UNAVAILABLE), so a flood turns into quick refusals instead of a growing backlog of timed-out work
 * @param maxTextsPerRequest the most texts one request may carry (BAD_REQUEST above); at most {@code queueTexts},
 *     or such a request could never be queued
 * @param maxTextChars longer texts are cut to this many characters before embedding (not refused): the model
 *     reads a few hundred tokens at best, and the start of a text carries its meaning
 * @param ollamaTimeout how long one batch may take on the Ollama server (its first call also loads the model)
 */
public record EmbeddingConfig(Optional<URI> ollamaUrl, String ollamaModel, int batchSize, int queueTexts,
                              int maxTextsPerRequest, int maxTextChars, Duration ollamaTimeout) {

  static EmbeddingConfig from(Settings s) {
    int queueTexts = s.integer("JOBSWIPE_EMBEDDING_QUEUE_TEXTS", "embedding.queueTexts", 1, 1_000_000);
    int maxTexts = s.integer("JOBSWIPE_EMBEDDING_MAX_TEXTS", "embedding.maxTextsPerRequest", 1, 100_000);
    if (maxTexts > queueTexts) {
      throw new ConfigException("JOBSWIPE_EMBEDDING_MAX_TEXTS", "must not exceed JOBSWIPE_EMBEDDING_QUEUE_TEXTS ("
          + queueTexts + "), got " + maxTexts);
    }
    return new EmbeddingConfig(
        s.optionalUri("OLLAMA_URL", "embedding.ollamaUrl", Set.of("http", "https")),
        s.string("JOBSWIPE_OLLAMA_MODEL", "embedding.ollamaModel"),
        s.integer("JOBSWIPE_EMBEDDING_BATCH_SIZE", "embedding.batchSize", 1, 1024),
        queueTexts,
        maxTexts,
        s.integer("JOBSWIPE_EMBEDDING_MAX_CHARS", "embedding.maxTextChars", 100, 100_000),
        s.seconds("JOBSWIPE_OLLAMA_TIMEOUT_SECONDS", "embedding.ollamaTimeoutSeconds", 1, 600));
  }

  public String mode() {
    return ollamaUrl.isPresent() ? "ollama" : "in-process";
  }
}
