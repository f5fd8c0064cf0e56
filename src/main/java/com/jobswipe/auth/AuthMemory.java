package com.jobswipe.auth;

import com.jobswipe.bus.AccountMessages.SessionsEnded;
import com.jobswipe.bus.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Pool;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one node knows for authentication: the access tokens it verified, the accounts behind them, and the
 * sessions that have ended while their access tokens may still be within their lifetime. One instance per node,
 * shared by every api verticle instance, with one subscriber per topic ({@code accounts.user-changed},
 * {@code accounts.sessions-ended}): once that subscriber has taken a change in, no instance of this node can
 * still serve what changed — there is no second copy that might hear the news later. Having taken it in, it says
 * so on this node's bus ({@link #FORGOTTEN}, {@link #SESSIONS_ENDED}): open sockets close on those, and tests wait
 * for them.
 */
public final class AuthMemory {

  /** Local-only: the user id (a string) whose account this node has just forgotten (erased or changed). */
  public static final String FORGOTTEN = "accounts.user-forgotten.local";
  /** Local-only: a {@link SessionsEnded} this node now refuses. */
  public static final String SESSIONS_ENDED = "accounts.sessions-ended.local";

  /** Accounts remembered, and for how long at most (see {@link KnownUsers}). */
  private static final int KNOWN_USERS = 20_000;
  private static final Duration KNOWN_USERS_MAX_AGE = Duration.ofSeconds(10);
  /** Verified tokens remembered (about 10 MB at most) and for how long at most (see {@link VerifiedTokens}). */
  private static final int VERIFIED_TOKENS = 10_000;
  private static final Duration VERIFIED_MAX_AGE = Duration.ofMinutes(5);
  private static final Duration LEEWAY = Duration.ofSeconds(TokenService.LEEWAY_SECONDS);
  private static final long PURGE_EVERY_MS = 60_000;

  private final KnownUsers users = new KnownUsers(KNOWN_USERS, KNOWN_USERS_MAX_AGE);
  private final VerifiedTokens tokens = new VerifiedTokens(VERIFIED_TOKENS, VERIFIED_MAX_AGE, LEEWAY);
  /**
   * Ended sessions → until when their access tokens could still be presented (end + token lifetime + leeway).
   * Never evicted early, whatever their number: forgetting one would let its tokens back in. Each entry needed a
   * valid refresh token to create, and leaves after one token lifetime.
   */
  private final Map<UUID, Long> endedSessions = new ConcurrentHashMap<>();
  private final Duration tokenLifetime;
  private EventBus bus;

  /** @param accessTokenTtl how long an access token lives: how long an ended session must stay refused */
  public AuthMemory(Duration accessTokenTtl) {
    this.tokenLifetime = accessTokenTtl.plus(LEEWAY);
  }

  /**
   * Starts listening for changes, then reads the sessions ended within one token lifetime (a change made while
   * this node was starting is heard or read, or both: taking one in twice is harmless). Completes when both are
   * done.
   */
  public Future<Void> start(Vertx vertx, Pool pool) {
    this.bus = vertx.eventBus();
    Future<Void> accounts = Bus.USER_CHANGED.subscribe(bus, changed -> {
      users.forget(UUID.fromString(changed.userId()));
      bus.publish(FORGOTTEN, changed.userId(), new DeliveryOptions().setLocalOnly(true));
    }).completion();
    Future<Void> sessions = Bus.SESSIONS_ENDED.subscribe(bus, this::takeIn).completion();
    vertx.setPeriodic(PURGE_EVERY_MS, id -> purge(System.currentTimeMillis()));
    Instant now = Instant.now();
    return Future.all(accounts, sessions)
        .compose(listening -> new AuthStore(pool).sessionsRevokedSince(now.minus(tokenLifetime)))
        .map(ended -> {
          ended.forEach((session, at) -> remember(session, at.toEpochMilli()));
          return null;
        });
  }

  /** Refuses these sessions on this node now, and tells every node (this one again included). */
  void endSessions(UUID userId, Collection<UUID> sessions) {
    if (sessions.isEmpty()) {
      return;
    }
    long now = System.currentTimeMillis();
    sessions.forEach(session -> remember(session, now));
    Bus.SESSIONS_ENDED.publish(bus, new SessionsEnded(userId.toString(),
        sessions.stream().map(UUID::toString).toList()));
  }

  boolean sessionEnded(UUID sessionId, long nowMillis) {
    Long until = endedSessions.get(sessionId);
    return until != null && nowMillis < until;
  }

  private void takeIn(SessionsEnded ended) {
    long now = System.currentTimeMillis();
    ended.sessionIds().forEach(session -> remember(UUID.fromString(session), now));
    bus.publish(SESSIONS_ENDED, ended.toJson(), new DeliveryOptions().setLocalOnly(true));
  }

  private void remember(UUID session, long endedAtMillis) {
    endedSessions.merge(session, endedAtMillis + tokenLifetime.toMillis(), Math::max);
  }

  private void purge(long nowMillis) {
    endedSessions.values().removeIf(until -> until <= nowMillis);
  }

  KnownUsers users() {
    return users;
  }

  VerifiedTokens tokens() {
    return tokens;
  }
}
