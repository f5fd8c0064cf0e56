package com.jobswipe.profile.resume;

import java.io.Writer;

/** A writer that keeps the first {@code limit} characters and drops the rest. */
final class BoundedText extends Writer {
  private final StringBuilder text = new StringBuilder();
  private final int limit;

  BoundedText(int limit) {
    this.limit = limit;
  }

  boolean full() {
    return text.length() >= limit;
  }

  @Override
  public void write(char[] chars, int off, int len) {
    int room = limit - text.length();
    if (room > 0) {
      text.append(chars, off, Math.min(room, len));
    }
  }

  @Override
  public void write(String s) {
    int room = limit - text.length();
    if (room > 0) {
      text.append(s, 0, Math.min(room, s.length()));
    }
  }

  @Override
  public void flush() {
  }

  @Override
  public void close() {
  }

  @Override
  public String toString() {
    return text.toString();
  }
}
