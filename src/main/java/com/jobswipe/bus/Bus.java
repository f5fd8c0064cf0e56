package com.jobswipe.bus;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The event bus contract: every address any verticle serves or publishes, with its message records,
 * timeout and failure codes. Verticles of different roles know each other only through this class.
 *
 * <table>
 *   <caption>Addresses</caption>
 *   <tr><th>address</th><th>request</th><th>reply</th><th>failures</th></tr>
 *   <tr><td>{@code <role>.ping}</td><td>{@link Ping}</td><td>{@link Pong}</td><td>TIMEOUT, NO_HANDLER</td></tr>
 *   <tr><td>{@code notification.email}</td><td>{@link EmailRequest}</td><td>{@link Accepted}</td>
 *       <td>BAD_REQUEST, NOT_FOUND, UNAVAILABLE, TIMEOUT, NO_HANDLER</td></tr>
 * </table>
 */
public final class Bus {

  private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

  private static final Map<Role, Endpoint<Ping, Pong>> PINGS = new EnumMap<>(Role.class);

  static {
    for (Role role : Role.values()) {
      PINGS.put(role, new Endpoint<>(role.id() + ".ping", Ping::fromJson, Pong::fromJson, PING_TIMEOUT,
          Set.of(FailureCode.TIMEOUT, FailureCode.NO_HANDLER)));
    }
  }

  /** Served by the notification role: stores the message in the inbox and sends it by email when configured. */
  public static final Endpoint<EmailRequest, Accepted> EMAIL = new Endpoint<>("notification.email",
      EmailRequest::fromJson, Accepted::fromJson, Duration.ofSeconds(5),
      Set.of(FailureCode.BAD_REQUEST, FailureCode.NOT_FOUND, FailureCode.UNAVAILABLE, FailureCode.TIMEOUT,
          FailureCode.NO_HANDLER));

  private Bus() {
  }

  /** Each role answers here; the reply names the node, so callers can tell who answered. */
  public static Endpoint<Ping, Pong> ping(Role role) {
    return PINGS.get(role);
  }

  /** Registers {@code role}'s ping handler; {@code details} is asked afresh for every ping. */
  public static MessageConsumer<JsonObject> answerPings(EventBus bus, Role role, String nodeId,
                                                        Supplier<JsonObject> details) {
    return ping(role).serve(bus, ping -> Future.succeededFuture(new Pong(role.id(), nodeId, details.get())));
  }
}
