package com.jobswipe.matching;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class FeedCursorTest {

  @Test
  void aCursorRoundTrips() {
    FeedCursor cursor = new FeedCursor(UUID.randomUUID(), 40);
    assertThat(FeedCursor.decode(cursor.encode())).contains(cursor);
  }

  @Test
  void anythingElseIsNoCursor() {
    String tampered = Base64.getUrlEncoder().encodeToString("not-a-uuid:1".getBytes(StandardCharsets.US_ASCII));
    String negative = Base64.getUrlEncoder().encodeToString((UUID.randomUUID() + ":-1")
        .getBytes(StandardCharsets.US_ASCII));
    assertThat(FeedCursor.decode(tampered)).isEmpty();
    assertThat(FeedCursor.decode(negative)).isEmpty();
    assertThat(FeedCursor.decode("%%%")).isEmpty();
    assertThat(FeedCursor.decode("")).isEmpty();
    assertThat(FeedCursor.decode("a".repeat(500))).isEmpty();
  }
}
