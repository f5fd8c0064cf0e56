package com.jobswipe.matching;

/** Arithmetic on embedding vectors. */
final class Vectors {

  private Vectors() {
  }

  static float dot(float[] a, float[] b) {
    float sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** A unit-length copy; the zero vector stays zero. */
  static float[] normalized(float[] v) {
    double norm = Math.sqrt(dot(v, v));
    float[] out = new float[v.length];
    if (norm == 0) {
      return out;
    }
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }

  /** {@code into += weight * v}. */
  static void addScaled(double[] into, float[] v, double weight) {
    for (int i = 0; i < into.length; i++) {
      into[i] += weight * v[i];
    }
  }

  static float[] toFloats(double[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) v[i];
    }
    return out;
  }
}
