package com.jobswipe.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * One request/reply address of the contract: what goes in, what comes back, how long the caller waits and
 * which failures it must be ready for. Callers and handlers go through here, so a message never meets a
 * decoder it was not written for.
 */
public record Endpoint<Q extends BusMessage, R extends BusMessage>(
    String address,
    Function<JsonObject, Q> readRequest,
    Function<JsonObject, R> readReply,
    Duration timeout,
    Set<FailureCode> failures) {

  /** Sends to any node that serves the address. */
  public Future<R> request(EventBus bus, Q request) {
    return send(bus, request, new DeliveryOptions().setSendTimeout(timeout.toMillis()));
  }

  /** Sends only to a handler in this process (readiness asks about this node, not the cluster). */
  public Future<R> requestLocal(EventBus bus, Q request) {
    return send(bus, request, new DeliveryOptions().setSendTimeout(timeout.toMillis()).setLocalOnly(true));
  }

  private Future<R> send(EventBus bus, Q request, DeliveryOptions options) {
    return bus.<JsonObject>request(address, request.toJson(), options)
        .recover(failure -> Future.failedFuture(asBusFailure(failure)))
        .map(message -> readReply.apply(message.body()));
  }

  /** Answers requests with {@code handler}; decode errors and unexpected exceptions become failure codes. */
  public MessageConsumer<JsonObject> serve(EventBus bus, Function<Q, Future<R>> handler) {
    return bus.consumer(address, message -> {
      Q request;
      try {
        request = readRequest.apply(message.body());
      } catch (RuntimeException e) {
        message.fail(FailureCode.BAD_REQUEST.code(), "unreadable " + address + " request: " + e.getMessage());
        return;
      }
      Future<R> reply;
      try {
        reply = handler.apply(request);
      } catch (RuntimeException e) {
        reply = Future.failedFuture(e);
      }
      reply.onSuccess(r -> message.reply(r.toJson())).onFailure(e -> {
        if (e instanceof BusFailure known) {
          message.fail(known.code().code(), known.getMessage());
        } else {
          message.fail(FailureCode.INTERNAL.code(), address + " failed: " + e.getClass().getSimpleName());
        }
      });
    });
  }

  private static BusFailure asBusFailure(Throwable failure) {
    if (failure instanceof ReplyException reply) {
      return switch (reply.failureType()) {
        case TIMEOUT -> new BusFailure(FailureCode.TIMEOUT, reply.getMessage());
        case NO_HANDLERS -> new BusFailure(FailureCode.NO_HANDLER, reply.getMessage());
        default -> new BusFailure(FailureCode.of(reply.failureCode()), reply.getMessage());
      };
    }
    return new BusFailure(FailureCode.INTERNAL, String.valueOf(failure.getMessage()));
  }
}
