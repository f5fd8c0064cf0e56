package com.jobswipe.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which bucket of the per-account sign-in quota a request spends. A network that completed a sign-in to the
 * account before (the lockout's notion of the owner's networks, {@link AuthStore#knownClient}) has a bucket of its
 * own for that account; every other client shares the account's "elsewhere" bucket. So a storm of attempts from
 * rotating addresses runs the strangers' bucket dry, and still cannot make the owner at home or at work wait.
 */
public final class AccountQuota {

  private static final String BUCKET = "jobswipe.accountQuota";

  private final AuthStore store;
  private final Function<RoutingContext, String> clientIp;

  AccountQuota(AuthStore store, Function<RoutingContext, String> clientIp) {
    this.store = store;
    this.clientIp = clientIp;
  }

  /**
   * Puts the request's bucket on the context, then hands it to {@code limit} (whose rule reads {@link #key}) on the
   * request's own context. When the lookup fails the client counts as a stranger: the stricter bucket.
   */
  public Handler<RoutingContext> before(Handler<RoutingContext> limit) {
    return ctx -> {
      Context context = Vertx.currentContext();
      bucket(ctx).recover(e -> Future.succeededFuture(Optional.empty())).onComplete(done -> {
        done.result().ifPresent(bucket -> ctx.put(BUCKET, bucket));
        if (Vertx.currentContext() == context) {
          limit.handle(ctx);
        } else {
          context.runOnContext(v -> limit.handle(ctx));
        }
      });
    };
  }

  /** The bucket {@link #before} found; empty when the request names no account. */
  public static Optional<String> key(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(BUCKET));
  }

  private Future<Optional<String>> bucket(RoutingContext ctx) {
    Optional<String> account = AuthRoutes.accountKey(ctx);
    if (account.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    String ip = clientIp.apply(ctx);
    String network = AccountService.clientKey(ip);
    String elsewhere = account.get() + " elsewhere";
    if (network.equals(AccountService.UNKNOWN_CLIENT)) {
      return Future.succeededFuture(Optional.of(elsewhere));
    }
    Future<Boolean> known = account.get().startsWith(AuthRoutes.USER_KEY_PREFIX)
        ? userId(account.get()).map(id -> store.knownClient(id, ip)).orElse(Future.succeededFuture(false))
        : store.knownClient(account.get(), ip);
    return known.map(isKnown -> Optional.of(isKnown ? account.get() + " from " + network : elsewhere));
  }

  private static Optional<UUID> userId(String key) {
    try {
      return Optional.of(UUID.fromString(key.substring(AuthRoutes.USER_KEY_PREFIX.length())));
    } catch (IllegalArgumentException notAUuid) {
      return Optional.empty();
    }
  }
}
