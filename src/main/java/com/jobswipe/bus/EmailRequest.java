package com.jobswipe.bus;

import io.vertx.core.json.JsonObject;

import java.util.Objects;
import java.util.UUID;

/**
 * "Send this user an email": a template name and its parameters. The notification role renders and
 * delivers it through the email channel, and keeps a copy in the user's inbox.
 */
public record EmailRequest(UUID userId, String to, String template, JsonObject params) implements BusMessage {

  public EmailRequest {
    Objects.requireNonNull(userId);
    Objects.requireNonNull(to);
    Objects.requireNonNull(template);
    params = params == null ? new JsonObject() : params;
  }

  public static EmailRequest fromJson(JsonObject json) {
    return new EmailRequest(UUID.fromString(json.getString("userId")), json.getString("to"),
        json.getString("template"), json.getJsonObject("params"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("userId", userId.toString()).put("to", to).put("template", template)
        .put("params", params);
  }
}
