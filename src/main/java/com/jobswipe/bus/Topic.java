package com.jobswipe.bus;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.function.Consumer;
import java.util.function.Function;

/** A publish/subscribe address of the contract: every subscriber on every node gets each event. */
public record Topic<E extends BusMessage>(String address, Function<JsonObject, E> read) {

  public void publish(EventBus bus, E event) {
    bus.publish(address, event.toJson());
  }

  public MessageConsumer<JsonObject> subscribe(EventBus bus, Consumer<E> handler) {
    return bus.consumer(address, message -> handler.accept(read.apply(message.body())));
  }
}
