package com.jobswipe.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

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

  /**
   * Sessions (refresh-token families) ended by sign-out, revocation, refresh-token reuse or a password reset: every
   * api node refuses their access tokens from now on and closes their sockets, without waiting for the tokens to
   * expire.
   */
  public record SessionsEnded(String userId, List<String> sessionIds) implements BusMessage {
    public SessionsEnded {
      sessionIds = List.copyOf(sessionIds);
    }

    public static SessionsEnded fromJson(JsonObject json) {
      JsonArray ids = json.getJsonArray("sessionIds", new JsonArray());
      return new SessionsEnded(json.getString("userId"), ids.stream().map(String::valueOf).toList());
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("userId", userId).put("sessionIds", new JsonArray(sessionIds));
    }
  }
}
