package com.jobswipe.bus;

import io.vertx.core.json.JsonObject;

/** A request that carries nothing: the address alone says what is asked (list everything, report status). */
public record EmptyRequest() implements BusMessage {

  public static EmptyRequest fromJson(JsonObject json) {
    return new EmptyRequest();
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject();
  }
}
