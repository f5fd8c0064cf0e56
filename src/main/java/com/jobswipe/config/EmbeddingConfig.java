package com.jobswipe.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** Embeddings: the in-process model by default, or an Ollama server when {@code OLLAMA_URL} is set. */
public record EmbeddingConfig(Optional<URI> ollamaUrl, String ollamaModel) {

  static EmbeddingConfig from(Settings s) {
    return new EmbeddingConfig(
        s.optionalUri("OLLAMA_URL", "embedding.ollamaUrl", Set.of("http", "https")),
        s.string("JOBSWIPE_OLLAMA_MODEL", "embedding.ollamaModel"));
  }

  public String mode() {
    return ollamaUrl.isPresent() ? "ollama" : "in-process";
  }
}
