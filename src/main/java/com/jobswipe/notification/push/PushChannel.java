package com.jobswipe.notification.push;

import io.vertx.core.Future;

/**
 * One push provider. {@link #send} answers on the caller's Vert.x context and never fails for what the
 * provider or the network did: that is a {@link PushOutcome}. Safe to call from any number of verticles.
 */
public interface PushChannel {

  Future<PushOutcome> send(String deviceToken, PushMessage message);

  /** Closes connections and threads; sends after this answer {@link PushOutcome.Retry}. */
  Future<Void> close();
}
