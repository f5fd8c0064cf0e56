package com.jobswipe.bus;

import io.vertx.core.json.JsonObject;

/** A record that crosses the bus as JSON, so every node of the cluster can read it whatever its version. */
public interface BusMessage {

  JsonObject toJson();
}
