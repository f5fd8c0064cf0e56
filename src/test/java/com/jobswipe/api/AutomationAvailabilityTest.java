package com.jobswipe.api;

import com.jobswipe.bus.AutomationStatus;
import com.jobswipe.bus.Bus;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which automation node's word counts, and how long an answer is kept: the bus's automation side is played by tiny
 * consumers on the real contract addresses; the clock is the test's.
 */
class AutomationAvailabilityTest {

  private Vertx vertx;
  private final AtomicLong clock = new AtomicLong();
  private final AtomicInteger asked = new AtomicInteger();
  private AutomationAvailability availability;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    availability = new AutomationAvailability(vertx.eventBus(), clock::get);
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private MessageConsumer<JsonObject> answering(com.jobswipe.bus.Endpoint<?, AutomationStatus> endpoint, String code) {
    MessageConsumer<JsonObject> consumer = vertx.eventBus().consumer(endpoint.address(), message -> {
      asked.incrementAndGet();
      message.reply(new AutomationStatus(code, "node-1").toJson());
    });
    consumer.completion().await();
    return consumer;
  }

  /** Asked from an event loop, as the api verticle asks. */
  private AutomationAvailability.Answer current() {
    Promise<AutomationAvailability.Answer> answer = Promise.promise();
    vertx.runOnContext(v -> availability.current().onComplete(answer));
    return answer.future().await();
  }

  @Test
  void nobodyOnTheBusMeansNoAutomationWorker() {
    assertThat(current()).isEqualTo(AutomationAvailability.answer(AutomationAvailability.NO_WORKER));
    assertThat(current().available()).isFalse();
  }

  @Test
  void anAbleNodeAnswersBeforeAnyNodeWithoutABrowserIsAsked() {
    answering(Bus.AUTOMATION_STATUS, AutomationStatus.BROWSER_MISSING);
    answering(Bus.AUTOMATION_WORKER_STATUS, AutomationStatus.READY);
    AutomationAvailability.Answer answer = current();
    assertThat(answer.available()).isTrue();
    assertThat(answer.code()).isEqualTo("ready");
    assertThat(asked).hasValue(1);
  }

  @Test
  void withoutAnAbleNodeTheOtherNodesReasonIsGiven() {
    answering(Bus.AUTOMATION_STATUS, AutomationStatus.BROWSER_MISSING);
    assertThat(current().code()).isEqualTo("browser-missing");
  }

  @Test
  void aCodeFromANewerNodeIsAGenericUnavailability() {
    answering(Bus.AUTOMATION_WORKER_STATUS, "tea-kettle-empty");
    assertThat(current()).isEqualTo(new AutomationAvailability.Answer(false, "automation-unavailable",
        "Automation is unavailable right now; applications wait in the queue."));
  }

  @Test
  void anAnswerIsKeptForFiveSecondsThenAskedAgain() {
    answering(Bus.AUTOMATION_WORKER_STATUS, AutomationStatus.READY);
    current();
    clock.addAndGet(AutomationAvailability.FRESH.toNanos() - 1);
    current();
    assertThat(asked).hasValue(1);
    clock.addAndGet(1);
    current();
    assertThat(asked).hasValue(2);
  }
}
