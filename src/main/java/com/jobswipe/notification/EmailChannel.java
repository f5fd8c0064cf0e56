package com.jobswipe.notification;

import io.vertx.core.Future;

import java.util.UUID;

/** Where email goes: an SMTP relay, or files in the outbox directory when none is configured. */
interface EmailChannel {

  /** Answers the Message-ID once the relay (or the file system) has taken the message. */
  Future<String> send(UUID deliveryId, OutgoingEmail email);

  /** Whether a failure is worth retrying (a relay's 4xx, a dropped connection) or final (a 5xx refusal). */
  boolean retryable(Throwable failure);

  Future<Void> close();
}
