package com.jobswipe.auth;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.EmailRequest;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/** Asks the notification role, over the bus, to email a user. */
final class Mailer {

  private static final Logger log = LoggerFactory.getLogger(Mailer.class);

  private final EventBus bus;

  Mailer(EventBus bus) {
    this.bus = bus;
  }

  /**
   * Sends and reports failure to the caller; used where the email is the point of the request (reset links).
   */
  Future<Void> send(UUID userId, String to, String template, JsonObject params) {
    // The id makes the notification role's work idempotent should this request reach it twice.
    JsonObject withId = params.copy().put("messageId", UUID.randomUUID().toString());
    return Bus.EMAIL.request(bus, new EmailRequest(userId, to, template, withId)).mapEmpty();
  }

  /** Sends without failing the caller: a courtesy email must not undo what already happened. */
  Future<Void> sendQuietly(UUID userId, String to, String template, JsonObject params) {
    return send(userId, to, template, params).recover(e -> {
      log.warn("email '{}' for user {} not accepted: {}", template, userId, e.getMessage());
      return Future.succeededFuture();
    });
  }
}
