package com.jobswipe.embedding;

/** Vector arithmetic the role relies on. */
final class Vectors {

  private Vectors() {
  }

  /**
   * Scales {@code vector} to length 1 in place, so cosine similarity is a plain dot product for every consumer.
   * Models usually do this already; doing it here makes it true whatever the model server does. A zero vector
   * stays zero (it has no direction to keep).
   */
  static float[] normalize(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += (double) v * v;
    }
    if (sum == 0 || Math.abs(sum - 1.0) < 1e-6) {
      return vector;
    }
    float scale = (float) (1.0 / Math.sqrt(sum));
    for (int i = 0; i < vector.length; i++) {
      vector[i] *= scale;
    }
    return vector;
  }
}
