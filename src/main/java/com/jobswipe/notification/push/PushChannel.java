package com.jobswipe.notification.push;
// PushChannel.java
public interface PushChannel {
  io.vertx.core.Future<PushOutcome> send(String deviceToken, PushMessage message);
  io.vertx.core.Future<Void> close();
}
