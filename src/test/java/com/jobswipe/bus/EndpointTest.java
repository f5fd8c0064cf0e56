package com.jobswipe.bus;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(VertxExtension.class)
class EndpointTest {

  private static final Endpoint<Ping, Pong> ECHO = new Endpoint<>("test.echo", Ping::fromJson, Pong::fromJson,
      Duration.ofMillis(300));

  @Test
  void repliesArriveAsRecords(Vertx vertx, VertxTestContext test) {
    ECHO.serve(vertx.eventBus(), ping -> Future.succeededFuture(new Pong("echo", ping.from(), null)))
        .completion()
        .compose(registered -> ECHO.request(vertx.eventBus(), new Ping("node-a")))
        .onComplete(test.succeeding(pong -> test.verify(() -> {
          assertThat(pong.role()).isEqualTo("echo");
          assertThat(pong.nodeId()).isEqualTo("node-a");
          test.completeNow();
        })));
  }

  @Test
  void aContractFailureKeepsItsCode(Vertx vertx, VertxTestContext test) {
    ECHO.serve(vertx.eventBus(), ping -> Future.failedFuture(new BusFailure(FailureCode.CONFLICT, "already there")))
        .completion()
        .compose(registered -> ECHO.request(vertx.eventBus(), new Ping("a")))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(failure).isInstanceOf(BusFailure.class);
          assertThat(((BusFailure) failure).code()).isEqualTo(FailureCode.CONFLICT);
          assertThat(failure).hasMessage("already there");
          test.completeNow();
        })));
  }

  @Test
  void anUnexpectedExceptionIsInternalAndHidesItsMessage(Vertx vertx, VertxTestContext test) {
    ECHO.serve(vertx.eventBus(), ping -> {
          throw new IllegalStateException("secret detail");
        })
        .completion()
        .compose(registered -> ECHO.request(vertx.eventBus(), new Ping("a")))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(((BusFailure) failure).code()).isEqualTo(FailureCode.INTERNAL);
          assertThat(failure.getMessage()).doesNotContain("secret detail");
          test.completeNow();
        })));
  }

  @Test
  void anUnreadableRequestIsBadRequest(Vertx vertx, VertxTestContext test) {
    Endpoint<Ping, Pong> strict = new Endpoint<>("test.strict", json -> {
      throw new IllegalArgumentException("from is required");
    }, Pong::fromJson, Duration.ofSeconds(1));
    strict.serve(vertx.eventBus(), ping -> Future.succeededFuture(new Pong("x", "y", null)))
        .completion()
        .compose(registered -> vertx.eventBus().<JsonObject>request("test.strict", new JsonObject()))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(failure.getMessage()).contains("from is required");
          test.completeNow();
        })));
  }

  @Test
  void nobodyListeningIsNoHandler(Vertx vertx, VertxTestContext test) {
    ECHO.request(vertx.eventBus(), new Ping("a")).onComplete(test.failing(failure -> test.verify(() -> {
      assertThat(((BusFailure) failure).code()).isEqualTo(FailureCode.NO_HANDLER);
      test.completeNow();
    })));
  }

  @Test
  void aSilentHandlerTimesOut(Vertx vertx, VertxTestContext test) {
    Promise<Pong> never = Promise.promise();
    ECHO.serve(vertx.eventBus(), ping -> never.future())
        .completion()
        .compose(registered -> ECHO.request(vertx.eventBus(), new Ping("a")))
        .onComplete(test.failing(failure -> test.verify(() -> {
          assertThat(((BusFailure) failure).code()).isEqualTo(FailureCode.TIMEOUT);
          test.completeNow();
        })));
  }
}
