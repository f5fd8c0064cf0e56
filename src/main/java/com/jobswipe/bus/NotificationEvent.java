package com.jobswipe.bus;

import io.vertx.core.json.JsonObject;

/**
 * A notification was created (published on {@code notifications.created}): every api instance writes it to its
 * sockets of that user. {@code seq} increases with every notification, so a client that reconnects with the last
 * one it saw ({@code lastNotificationId}) is sent exactly what it missed.
 */
public record NotificationEvent(long seq, String id, String userId, String kind, String priority, String title,
                                String body, JsonObject data, String at) implements BusMessage {

  public static NotificationEvent fromJson(JsonObject json) {
    return new NotificationEvent(json.getLong("seq"), json.getString("id"), json.getString("userId"),
        json.getString("kind"), json.getString("priority"), json.getString("title"), json.getString("body"),
        json.getJsonObject("data", new JsonObject()), json.getString("at"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("seq", seq).put("id", id).put("userId", userId).put("kind", kind)
        .put("priority", priority).put("title", title).put("body", body).put("data", data).put("at", at);
  }

  /** What the owner's socket receives: {@code type: notification}; the user is implied by the socket. */
  public JsonObject forClient() {
    JsonObject json = toJson().put("type", "notification");
    json.remove("userId");
    return json;
  }
}
