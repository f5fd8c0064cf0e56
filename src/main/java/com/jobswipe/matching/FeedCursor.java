package com.jobswipe.matching;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where a client is in one ranking: opaque to clients (base64url of {@code <ranking id>:<offset>}). */
record FeedCursor(UUID rankingId, int offset) {

  private static final Pattern SHAPE = Pattern.compile(
      "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([0-9]{1,5})");

  String encode() {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString((rankingId + ":" + offset).getBytes(StandardCharsets.US_ASCII));
  }

  /** Empty for anything that is not a cursor this class made. */
  static Optional<FeedCursor> decode(String cursor) {
    if (cursor.length() > 80) {
      return Optional.empty();
    }
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      Matcher m = SHAPE.matcher(text);
      if (!m.matches()) {
        return Optional.empty();
      }
      return Optional.of(new FeedCursor(UUID.fromString(m.group(1)), Integer.parseInt(m.group(2))));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
