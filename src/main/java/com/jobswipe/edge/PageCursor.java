package com.jobswipe.edge;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of a newest-first list ended (see {@link KeysetPage}): the last item's time (microseconds,
 * PostgreSQL's precision) and id, the keyset the next page continues after. New items sort before it and removed
 * ones drop out, so pages neither repeat nor skip.
 *
 * <p>Opaque to clients: base64url of version, time, id and a check value bound to the user. The check is not a
 * secret (the query is scoped to the caller, so a forged cursor could only page through the caller's own
 * items); it makes an edited, truncated or another user's cursor a clear 400 instead of a silently wrong page.
 */
public record PageCursor(OffsetDateTime at, UUID id) {

  private static final byte VERSION = 1;
  private static final int BODY = 1 + 8 + 16;
  private static final int CHECK = 8;
  /** Base64url of {@code BODY + CHECK} bytes is 44 characters; anything longer is not ours. */
  static final int MAX_LENGTH = 64;
  /** Saves happen now; a time outside these bounds was never written by us (and could overflow the driver). */
  private static final long EARLIEST_MICROS = 0;
  private static final long LATEST_MICROS = Instant.parse("3000-01-01T00:00:00Z").toEpochMilli() * 1000;

  /** @param list which list the cursor belongs to ("saved", "applications"): another list refuses it */
  public String encode(String list, UUID userId) {
    ByteBuffer body = ByteBuffer.allocate(BODY);
    body.put(VERSION)
        .putLong(ChronoUnit.MICROS.between(Instant.EPOCH, at.toInstant()))
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits());
    byte[] token = Arrays.copyOf(body.array(), BODY + CHECK);
    System.arraycopy(check(list, userId, body.array()), 0, token, BODY, CHECK);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  /** The cursor, or empty when {@code text} is not one this user was given for this list. */
  public static Optional<PageCursor> decode(String list, UUID userId, String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    byte[] token;
    try {
      token = Base64.getUrlDecoder().decode(text);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    // Only the exact spelling we hand out: no padding, no spare bits, nothing appended.
    if (token.length != BODY + CHECK || !Base64.getUrlEncoder().withoutPadding().encodeToString(token).equals(text)) {
      return Optional.empty();
    }
    byte[] body = Arrays.copyOf(token, BODY);
    if (!MessageDigest.isEqual(check(list, userId, body), Arrays.copyOfRange(token, BODY, BODY + CHECK))) {
      return Optional.empty();
    }
    ByteBuffer read = ByteBuffer.wrap(body);
    if (read.get() != VERSION) {
      return Optional.empty();
    }
    long micros = read.getLong();
    if (micros < EARLIEST_MICROS || micros >= LATEST_MICROS) {
      return Optional.empty();
    }
    OffsetDateTime at = Instant.EPOCH.plus(micros, ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    return Optional.of(new PageCursor(at, new UUID(read.getLong(), read.getLong())));
  }

  private static byte[] check(String list, UUID userId, byte[] body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(("jobswipe " + list + " cursor\0").getBytes(StandardCharsets.UTF_8));
      sha.update(userId.toString().getBytes(StandardCharsets.US_ASCII));
      sha.update(body);
      return Arrays.copyOf(sha.digest(), CHECK);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
