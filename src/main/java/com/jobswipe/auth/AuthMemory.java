package com.jobswipe.auth;

import com.jobswipe.bus.Bus;
import io.vertx.core.Future;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.UUID;

/**
 * What one node remembers for authentication: the access tokens it verified and the accounts behind them. One
 * instance per node, shared by every api verticle instance, with one subscriber to {@code accounts.user-changed}:
 * when that subscriber has forgotten an account, no instance of this node can still serve it — there is no second
 * copy that might hear the news later. Having forgotten, it says so on this node's bus ({@link #FORGOTTEN}), which
 * is what anything that needs "forgotten everywhere on this node" waits for.
 */
public final class AuthMemory {

  /** Local-only: the user id whose account this node has just forgotten. */
  public static final String FORGOTTEN = "accounts.user-forgotten.local";

  /** Accounts remembered, and for how long at most (see {@link KnownUsers}). */
  private static final int KNOWN_USERS = 20_000;
  private static final Duration KNOWN_USERS_MAX_AGE = Duration.ofSeconds(10);
  /** Verified tokens remembered (about 10 MB at most) and for how long at most (see {@link VerifiedTokens}). */
  private static final int VERIFIED_TOKENS = 10_000;
  private static final Duration VERIFIED_MAX_AGE = Duration.ofMinutes(5);

  private final KnownUsers users = new KnownUsers(KNOWN_USERS, KNOWN_USERS_MAX_AGE);
  private final VerifiedTokens tokens = new VerifiedTokens(VERIFIED_TOKENS, VERIFIED_MAX_AGE,
      Duration.ofSeconds(TokenService.LEEWAY_SECONDS));

  /** Starts listening for account changes; completes once the subscription has reached the cluster. */
  public Future<Void> listen(EventBus bus) {
    MessageConsumer<JsonObject> changes = Bus.USER_CHANGED.subscribe(bus, changed -> {
      users.forget(UUID.fromString(changed.userId()));
      bus.publish(FORGOTTEN, changed.userId(), new DeliveryOptions().setLocalOnly(true));
    });
    return changes.completion();
  }

  KnownUsers users() {
    return users;
  }

  VerifiedTokens tokens() {
    return tokens;
  }
}
