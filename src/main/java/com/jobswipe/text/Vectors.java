package com.jobswipe.text;

/**
 * Arithmetic on embedding vectors. Shared because two roles must agree on it: the embedding role stores unit
 * vectors, and matching compares them by dot product and averages them into taste and family means.
 */
public final class Vectors {

  private Vectors() {
  }

  public static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** A unit-length copy; the zero vector stays zero (it has no direction to keep). */
  public static float[] normalized(float[] v) {
    return normalizeInPlace(v.clone());
  }

  /**
   * Scales {@code v} to length 1 in place and returns it, so cosine similarity is a plain dot product for every
   * consumer. Vectors already of unit length are left as they are; the zero vector stays zero.
   */
  public static float[] normalizeInPlace(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    if (sum == 0 || Math.abs(sum - 1.0) < 1e-6) {
      return v;
    }
    double scale = 1.0 / Math.sqrt(sum);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] * scale);
    }
    return v;
  }

  /** {@code into += weight * v}. */
  public static void addScaled(double[] into, float[] v, double weight) {
    for (int i = 0; i < into.length; i++) {
      into[i] += weight * v[i];
    }
  }

  public static float[] toFloats(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
