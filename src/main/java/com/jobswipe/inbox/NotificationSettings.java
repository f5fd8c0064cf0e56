package com.jobswipe.inbox;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.util.Optional;

/**
 * A user's quiet hours (minutes after local midnight in {@code timezone}, an IANA zone) and digest choice. The
 * defaults, for a user who never set them: no quiet hours, urgent kinds allowed through, a digest at 18:00.
 */
record NotificationSettings(String timezone, Optional<Integer> quietStartMinute, Optional<Integer> quietEndMinute,
                            boolean urgentInQuiet, boolean digestEnabled, int digestHour) {

  static NotificationSettings defaults() {
    return new NotificationSettings("UTC", Optional.empty(), Optional.empty(), true, true, 18);
  }

  static NotificationSettings of(Row row) {
    return new NotificationSettings(row.getString("timezone"), Optional.ofNullable(row.getInteger("quiet_start_min")),
        Optional.ofNullable(row.getInteger("quiet_end_min")), row.getBoolean("urgent_in_quiet"),
        row.getBoolean("digest_enabled"), row.getInteger("digest_hour"));
  }

  JsonObject quietHoursJson() {
    JsonObject json = new JsonObject().put("enabled", quietStartMinute.isPresent()).put("timezone", timezone)
        .put("allowUrgent", urgentInQuiet);
    quietStartMinute.ifPresent(m -> json.put("start", clock(m)));
    quietEndMinute.ifPresent(m -> json.put("end", clock(m)));
    return json;
  }

  static String clock(int minute) {
    return String.format("%02d:%02d", minute / 60, minute % 60);
  }

  static int minute(String clock) {
    return Integer.parseInt(clock.substring(0, 2)) * 60 + Integer.parseInt(clock.substring(3, 5));
  }
}
