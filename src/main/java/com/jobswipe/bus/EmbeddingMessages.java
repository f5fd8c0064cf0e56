package com.jobswipe.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/** Messages of the embedding role. Vectors travel as base64 of little-endian float32: a third of the JSON-number size. */
public final class EmbeddingMessages {

  private EmbeddingMessages() {
  }

  /** Texts to turn into vectors, in order. */
  public record EmbedRequest(List<String> texts) implements BusMessage {
    public EmbedRequest {
      texts = List.copyOf(texts);
    }

    public static EmbedRequest fromJson(JsonObject json) {
      JsonArray texts = Objects.requireNonNull(json.getJsonArray("texts"), "texts");
      List<String> read = new ArrayList<>(texts.size());
      for (Object text : texts) {
        if (!(text instanceof String s)) {
          throw new IllegalArgumentException("texts must be strings");
        }
        read.add(s);
      }
      return new EmbedRequest(read);
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("texts", new JsonArray(texts));
    }
  }

  /** One vector per requested text, in the same order, and the model that made them (stored with each vector). */
  public record Embeddings(String model, int dimensions, List<float[]> vectors) implements BusMessage {
    public static Embeddings fromJson(JsonObject json) {
      List<float[]> vectors = new ArrayList<>();
      for (Object encoded : json.getJsonArray("vectors")) {
        vectors.add(decode((String) encoded));
      }
      return new Embeddings(json.getString("model"), json.getInteger("dimensions"), vectors);
    }

    @Override
    public JsonObject toJson() {
      JsonArray encoded = new JsonArray();
      vectors.forEach(v -> encoded.add(encode(v)));
      return new JsonObject().put("model", model).put("dimensions", dimensions).put("vectors", encoded);
    }
  }

  /**
   * Which model this embedding role runs: the id stored with every vector it makes (name and version), and the
   * vector width, 0 while a remote model (Ollama) has not answered yet.
   */
  public record ModelInfo(String model, int dimensions) implements BusMessage {
    public static ModelInfo fromJson(JsonObject json) {
      return new ModelInfo(json.getString("model"), json.getInteger("dimensions"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("model", model).put("dimensions", dimensions);
    }
  }

  public static String encode(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  public static float[] decode(String encoded) {
    byte[] bytes = Base64.getDecoder().decode(encoded);
    if (bytes.length % Float.BYTES != 0) {
      throw new IllegalArgumentException("a vector is a whole number of float32 values");
    }
    float[] vector = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
