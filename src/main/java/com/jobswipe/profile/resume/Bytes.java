package com.jobswipe.profile.resume;

import java.util.Arrays;

/** Searching raw file bytes, for magic numbers and PDF keywords. */
final class Bytes {

  private Bytes() {
  }

  static boolean startsWith(byte[] file, byte[] magic) {
    return file.length >= magic.length && Arrays.equals(file, 0, magic.length, magic, 0, magic.length);
  }

  /** The first index of {@code needle} starting in {@code [from, to - needle.length]}, or -1. */
  static int indexOf(byte[] haystack, byte[] needle, int from, int to) {
    int last = to - needle.length;
    outer:
    for (int i = Math.max(0, from); i <= last; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
