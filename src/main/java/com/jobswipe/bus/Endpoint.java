package com.jobswipe.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * One request/reply address of the contract: what goes in, what comes back and how long the caller waits. Callers and
 * handlers go through here, so a message never meets a decoder it was not written for. The failures a caller must be
 * ready for are the {@link FailureCode}s each address lists in {@link Bus}'s table: TIMEOUT and NO_HANDLER always,
 * INTERNAL for a handler's bug, and the ones its handler chooses.
 */
public record Endpoint<Q extends BusMessage, R extends BusMessage>(
    String address,
    Function<JsonObject, Q> readRequest,
    Function<JsonObject, R> readReply,
    Duration timeout) {

  /** One line per served request that carries a request id, on the serving node: where the api's trail continues. */
  private static final Logger BUS_LOG = LoggerFactory.getLogger("bus");

  /**
   * Sends to any node that serves the address. Sent while serving an HTTP request, the message carries its request
   * id ({@link RequestTrace}), so the serving role's lines can be found by it.
   */
  public Future<R> request(EventBus bus, Q request) {
    DeliveryOptions options = new DeliveryOptions().setSendTimeout(timeout.toMillis());
    RequestTrace.id().ifPresent(id -> options.addHeader(RequestTrace.HEADER, id));
    return send(bus, request, options);
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

  /**
   * Answers requests with {@code handler}; decode errors and unexpected exceptions become failure codes. A request
   * id in the message's headers becomes the serving context's ({@link RequestTrace#current()}) and the request gets
   * one line on the {@code bus} logger when it is answered.
   */
  public MessageConsumer<JsonObject> serve(EventBus bus, Function<Q, Future<R>> handler) {
    return bus.consumer(address, message -> {
      Optional<String> requestId = RequestTrace.accept(message.headers().get(RequestTrace.HEADER));
      requestId.ifPresent(RequestTrace::set);
      long started = System.nanoTime();
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
      Future<R> answered = reply;
      requestId.ifPresent(id -> answered.onComplete(done -> BUS_LOG.info("[{}] {} served in {} ms: {}", id, address,
          (System.nanoTime() - started) / 1_000_000, done.succeeded() ? "ok" : outcome(done.cause()))));
    });
  }

  private static String outcome(Throwable failure) {
    return failure instanceof BusFailure known ? known.code().name() + " " + known.getMessage()
        : FailureCode.INTERNAL.name() + " " + failure;
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
