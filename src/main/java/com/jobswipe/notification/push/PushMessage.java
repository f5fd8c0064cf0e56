package com.jobswipe.notification.push;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What a phone shows. collapseId: stable per notification (≤ 64 bytes), so a resend replaces rather than
 * duplicates.
 *
 * @param collapseId APNs {@code apns-collapse-id} and FCM {@code android.collapse_key}; APNs refuses more than
 *                   64 bytes, so the record does too rather than let one provider fail where the other succeeds
 * @param kind the notification kind's stable name; travels in the payload so the app can route it
 * @param deepLink {@code jobswipe://...} opened on tap; may be {@code null}
 * @param urgent APNs priority 10 and FCM priority high; otherwise the providers may batch it to save battery
 * @param data extra string pairs for the app; {@code null} means none
 */
public record PushMessage(String collapseId, String kind, String title, String body, String deepLink, boolean urgent,
    Map<String, String> data) {

  /** APNs' limit on {@code apns-collapse-id}. */
  public static final int MAX_COLLAPSE_ID_BYTES = 64;

  public PushMessage {
    Objects.requireNonNull(collapseId, "collapseId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(body, "body");
    if (collapseId.isBlank() || collapseId.getBytes(StandardCharsets.UTF_8).length > MAX_COLLAPSE_ID_BYTES) {
      throw new IllegalArgumentException("collapseId must be 1 to " + MAX_COLLAPSE_ID_BYTES + " bytes, got '"
          + collapseId + "'");
    }
    data = data == null ? Map.of() : Map.copyOf(data);
  }
}
