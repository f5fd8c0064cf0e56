package com.jobswipe.api;

import com.jobswipe.bus.AutomationStatus;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.EmptyRequest;
import com.jobswipe.bus.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Whether applications get automated, and if not why, in words a user can read and a stable code a client can
 * test. The automation role is asked over the bus: first the nodes that take applications, and only when there is
 * none, any automation node (which then says what it lacks). Each answer is kept a few seconds, and concurrent
 * callers share one question, so clients asking often cost the bus at most one round trip per period.
 *
 * <p>Not thread-safe: one instance per api verticle, used on its event loop.
 */
final class AutomationAvailability {

  /** No automation node answered the bus (api-side code). */
  static final String NO_WORKER = "no-automation-worker";
  /** An automation node exists but did not answer within the bus timeout (api-side code). */
  static final String NOT_ANSWERING = "automation-not-answering";
  /** A code this node does not know, from a newer automation node. */
  static final String UNAVAILABLE = "automation-unavailable";
  static final Duration FRESH = Duration.ofSeconds(5);

  /** What a client is told. */
  record Answer(boolean available, String code, String message) {

    JsonObject toJson() {
      return new JsonObject().put("available", available).put("code", code).put("message", message);
    }
  }

  private final EventBus bus;
  private final LongSupplier nanoTime;
  private Future<Answer> last;
  private long askedAt;

  AutomationAvailability(EventBus bus, LongSupplier nanoTime) {
    this.bus = bus;
    this.nanoTime = nanoTime;
  }

  /** The answer of the last few seconds, or a fresh one (at most two bus timeouts away). */
  Future<Answer> current() {
    long now = nanoTime.getAsLong();
    if (last != null && (!last.isComplete() || now - askedAt < FRESH.toNanos())) {
      return last;
    }
    askedAt = now;
    last = ask();
    return last;
  }

  private Future<Answer> ask() {
    return Bus.AUTOMATION_WORKER_STATUS.request(bus, new EmptyRequest())
        .recover(failure -> noHandler(failure)
            ? Bus.AUTOMATION_STATUS.request(bus, new EmptyRequest())
            : Future.failedFuture(failure))
        .map(status -> answer(status.code()))
        .otherwise(failure -> answer(noHandler(failure) ? NO_WORKER : NOT_ANSWERING));
  }

  private static boolean noHandler(Throwable failure) {
    return failure instanceof BusFailure known && known.code() == FailureCode.NO_HANDLER;
  }

  /** The user-facing words for each code; the code itself is what clients may branch on. */
  static Answer answer(String code) {
    return switch (code) {
      case AutomationStatus.READY -> new Answer(true, code,
          "Applications are filled in and submitted automatically.");
      case NO_WORKER -> new Answer(false, code,
          "No automation worker is running on this server, so applications wait in the queue until an operator "
              + "starts one.");
      case AutomationStatus.BROWSER_MISSING -> new Answer(false, code,
          "The automation worker has no web browser (Chromium was not found), so applications wait in the queue "
              + "until an operator installs one.");
      case AutomationStatus.BROWSER_FAILED -> new Answer(false, code,
          "The automation worker's web browser (Chromium) could not be started, so applications wait until an "
              + "operator fixes it.");
      case AutomationStatus.BACKLOG_DISCONNECTED -> new Answer(false, code,
          "The automation worker has lost its work queue; applications wait and continue once it is back.");
      case NOT_ANSWERING -> new Answer(false, code,
          "The automation worker is not answering right now; applications may be delayed.");
      default -> new Answer(false, UNAVAILABLE, "Automation is unavailable right now; applications wait in the queue.");
    };
  }
}
