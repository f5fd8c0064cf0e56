package com.jobswipe.edge;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class PageCursorTest {

  private static final UUID USER = UUID.randomUUID();
  private static final PageCursor CURSOR = new PageCursor(
      OffsetDateTime.of(2026, 11, 26, 9, 30, 15, 123_456_000, ZoneOffset.UTC), UUID.randomUUID());

  @Test
  void roundTripsToTheMicrosecond() {
    String text = CURSOR.encode("saved", USER);
    assertThat(text).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(PageCursor.MAX_LENGTH);
    assertThat(PageCursor.decode("saved", USER, text)).contains(CURSOR);
  }

  @Test
  void anotherUsersCursorIsRefused() {
    assertThat(PageCursor.decode("saved", UUID.randomUUID(), CURSOR.encode("saved", USER))).isEmpty();
  }

  @Test
  void everyChangedCharacterIsRefused() {
    String text = CURSOR.encode("saved", USER);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < text.length(); i++) {
      for (char c : alphabet.toCharArray()) {
        if (c != text.charAt(i)) {
          String edited = text.substring(0, i) + c + text.substring(i + 1);
          assertThat(PageCursor.decode("saved", USER, edited)).as(edited).isEmpty();
        }
      }
    }
  }

  @Test
  void malformedTextIsRefused() {
    String text = CURSOR.encode("saved", USER);
    for (String bad : new String[] {"", "x", "!!!!", text + "=", text + "A", text.substring(1), "%00",
        "+" + text.substring(1), "/" + text.substring(1), "A".repeat(10_000), Base64.getUrlEncoder().encodeToString(new byte[33])}) {
      assertThat(PageCursor.decode("saved", USER, bad)).as(bad).isEmpty();
    }
  }
}
