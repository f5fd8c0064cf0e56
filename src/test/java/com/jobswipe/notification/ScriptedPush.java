package com.jobswipe.notification;

import com.jobswipe.notification.push.PushChannel;
import com.jobswipe.notification.push.PushMessage;
import com.jobswipe.notification.push.PushOutcome;
import io.vertx.core.Future;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A push provider for tests, speaking the push contract: it records what each device token was sent and answers
 * what the test scripted for that token (then {@code Sent}). The real APNs and FCM channels have their own tests
 * against protocol replicas; this one lets the outbox's handling of each outcome be tested on its own.
 */
final class ScriptedPush implements PushChannel {

  record Sent(String token, PushMessage message) {
  }

  private final String name;
  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<PushOutcome>> script = new ConcurrentHashMap<>();

  ScriptedPush(String name) {
    this.name = name;
  }

  /** The next answers for {@code token}, in order. */
  void answer(String token, PushOutcome... outcomes) {
    script.computeIfAbsent(token, t -> new ArrayDeque<>()).addAll(List.of(outcomes));
  }

  List<Sent> sentTo(String token) {
    return sent.stream().filter(s -> s.token().equals(token)).toList();
  }

  @Override
  public synchronized Future<PushOutcome> send(String deviceToken, PushMessage message) {
    sent.add(new Sent(deviceToken, message));
    Deque<PushOutcome> next = script.get(deviceToken);
    PushOutcome outcome = next == null || next.isEmpty() ? new PushOutcome.Sent(name + "-" + sent.size()) : next.poll();
    return Future.succeededFuture(outcome);
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
