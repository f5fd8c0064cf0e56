package com.jobswipe.bus;

import io.vertx.core.json.JsonObject;

/** Messages about accounts that every api instance must hear. */
public final class AccountMessages {

  private AccountMessages() {
  }

  /**
   * An account was erased or its role changed: api instances drop what they remember of it, so the next request
   * reads the account again.
   */
  public record UserChanged(String userId) implements BusMessage {
    public static UserChanged fromJson(JsonObject json) {
      return new UserChanged(json.getString("userId"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("userId", userId);
    }
  }
}
