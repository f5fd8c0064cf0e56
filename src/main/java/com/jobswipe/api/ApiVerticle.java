package com.jobswipe.api;

import com.jobswipe.admin.AdminFeature;
import com.jobswipe.analytics.AnalyticsFeature;
import com.jobswipe.audit.Audit;
import com.jobswipe.auth.AuthFeature;
import com.jobswipe.auth.AuthMemory;
import com.jobswipe.auth.AccountQuota;
import com.jobswipe.auth.Authn;
import com.jobswipe.auth.JwtKeys;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.config.RateLimitConfig;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.db.Pools;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.EdgeRouter;
import com.jobswipe.edge.InvalidRequests;
import com.jobswipe.config.NodeContext;
import com.jobswipe.edge.RateLimit;
import com.jobswipe.edge.RateLimitHandler;
import com.jobswipe.edge.RateLimitHandler.Rule;
import com.jobswipe.edge.RateLimiter;
import com.jobswipe.edge.Readiness;
import com.jobswipe.edge.RedisRateLimiter;
import com.jobswipe.applications.ApplicationsFeature;
import com.jobswipe.feed.FeedFeature;
import com.jobswipe.inbox.InboxFeature;
import com.jobswipe.profile.ProfileFeature;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP and WebSocket edge of the api role. One instance runs per event loop; they share the listening
 * socket and one database pool.
 */
public final class ApiVerticle extends VerticleBase {

  /**
   * What the api role takes besides the node, built once per node and shared by every instance.
   *
   * @param localLimiter the in-process limiter of the single-node default (unused with Redis): one for all
   *     instances, or each would count alone
   * @param authMemory the node's memory of verified tokens and accounts (one bus subscriber), so an account
   *     forgotten is forgotten by every instance at once
   */
  public record Setup(JwtKeys jwtKeys, RateLimiter localLimiter, AuthMemory authMemory) {
  }

  private final NodeContext node;
  private final JwtKeys jwtKeys;
  private final DataKeyRing dataKeys;
  private final RateLimiter localLimiter;
  private final AuthMemory authMemory;
  private HttpServer server;
  private Readiness readiness;
  private RateLimiter limiter;
  private ProfileFeature profile;
  private ApplicationsFeature applications;

  public ApiVerticle(NodeContext node, Setup setup) {
    this.node = node;
    this.jwtKeys = setup.jwtKeys();
    this.dataKeys = node.dataKeys();
    this.localLimiter = setup.localLimiter();
    this.authMemory = setup.authMemory();
  }

  @Override
  public Future<?> start() {
    Pool pool = Pools.shared(vertx, node.database(), "api", node.config().database().pools().api());
    readiness = new Readiness(vertx, node, pool);
    limiter = node.config().redis().url()
        .<RateLimiter>map(url -> RedisRateLimiter.create(vertx, url.toString(), "jobswipe"))
        .orElse(localLimiter);

    Router router = EdgeRouter.create(vertx, node, readiness, unbuffered());
    RateLimitConfig quotas = node.config().rateLimit();
    AuthFeature auth = new AuthFeature(vertx, pool, node.config(), jwtKeys, dataKeys, authMemory, node.metrics(),
        ctx -> RateLimitHandler.clientIp(ctx, quotas.clientIpHeader()));
    router.route("/v1/*").handler(auth.authn().identify()).handler(anonymousLimit(quotas));
    Audit audit = new Audit(vertx, pool);
    audit.observe(router);
    Handler<RoutingContext> userLimit = userLimit(quotas);
    auth.mount(router, credentialLimit(quotas, auth.accountQuota()), userLimit);
    profile = new ProfileFeature(vertx, pool, dataKeys, node.config().dataDir(), node.config().parsing(),
        node.metrics(), node.config().accounts());
    profile.mount(router, auth.authn().required(), userLimit);
    new FeedFeature(vertx, pool, profile.signals()).mount(router, auth.authn().required(), userLimit);
    applications = new ApplicationsFeature(vertx, pool, dataKeys, auth.authn(), node);
    applications.mount(router, auth.authn().required(), userLimit);
    new InboxFeature(pool, node.config().mail()).mount(router, auth.authn().required(), userLimit);
    new AdminFeature(vertx.eventBus(), auth).mount(router, auth.authn().required(), userLimit);
    new StatusRoutes(vertx.eventBus()).mount(router, auth.authn().required(), userLimit);
    new AnalyticsFeature(vertx, pool).mount(router, auth.authn().required(), userLimit);
    audit.mount(router, auth.authn().required(), userLimit);
    new WebApp().mount(router);

    server = vertx.createHttpServer(ApplicationsFeature.withSocketLimits(new HttpServerOptions()))
        .requestHandler(router).invalidRequestHandler(InvalidRequests::handle);
    return Future.join(
            // The request-body schemas: read once per node, off the event loop, before the first request.
            vertx.executeBlocking(Contract::get),
            Bus.answerPings(vertx.eventBus(), Role.API, node.nodeId(), JsonObject::new).completion(),
            applications.start(vertx.eventBus()),
            OpenApiRoute.mount(vertx, router))
        .compose(ready -> server.listen(node.config().http().port(), node.config().http().host()));
  }

  /** Paths the general body handler leaves alone: uploads read their own bodies, WebSockets must stay unread. */
  private static Set<String> unbuffered() {
    Set<String> paths = new java.util.HashSet<>(ProfileFeature.uploadPaths());
    paths.addAll(ApplicationsFeature.socketPaths());
    return Set.copyOf(paths);
  }

  /**
   * Requests without a valid principal, per client IP: no credential, or one that was refused (an invented
   * {@code Authorization} header buys nothing, on any route). Keeps serving if the limiter is down.
   */
  private Handler<RoutingContext> anonymousLimit(RateLimitConfig quotas) {
    RateLimit limit = RateLimit.perMinute("public", quotas.publicPerMinute());
    return RateLimitHandler.create(limiter, false, List.of(new Rule(limit, ctx ->
        Authn.principalKey(ctx).isEmpty()
            ? Optional.of(RateLimitHandler.clientKey(ctx, quotas.clientIpHeader()))
            : Optional.empty()))).countedIn(node.metrics());
  }

  /**
   * Routes that take a secret, per client IP and per account — the account's quota apart for each network the owner
   * signed in from, so a storm from elsewhere cannot make the owner wait. Fails closed: without a working limiter,
   * password guessing would be unlimited, so these answer 503 instead.
   */
  private Handler<RoutingContext> credentialLimit(RateLimitConfig quotas, AccountQuota accountQuota) {
    return accountQuota.before(RateLimitHandler.create(limiter, true, List.of(
        Rule.perClientIp(RateLimit.perMinute("auth-ip", quotas.authPerMinute()), quotas.clientIpHeader()),
        new Rule(RateLimit.perMinute("auth-account", quotas.authPerMinute()), AccountQuota::key)))
        .countedIn(node.metrics()));
  }

  /** Signed-in callers, per user (or API key). Keeps serving if the limiter is down. */
  private Handler<RoutingContext> userLimit(RateLimitConfig quotas) {
    return RateLimitHandler.create(limiter, false, List.of(
        new Rule(RateLimit.perMinute("api", quotas.apiPerMinute()), Authn::principalKey)))
        .countedIn(node.metrics());
  }

  /** Stops accepting, lets in-flight requests finish within the grace period, then closes. */
  @Override
  public Future<?> stop() {
    return server.shutdown(node.config().http().shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)
        .eventually(readiness::close)
        .eventually(applications::close)
        .eventually(() -> {
          profile.close();
          return Future.succeededFuture();
        })
        .eventually(() -> limiter == localLimiter ? Future.succeededFuture() : limiter.close());
  }
}
