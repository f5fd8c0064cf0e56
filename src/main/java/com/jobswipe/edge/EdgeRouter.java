package com.jobswipe.edge;

import com.jobswipe.config.NodeContext;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.micrometer.PrometheusScrapingHandler;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of the router every HTTP-serving node has: request ids, access log, body limit, the
 * operations endpoints and problem+json for everything that goes wrong. Feature routes mount on top.
 *
 * <p>On the public port readiness says only UP or DOWN, and {@code /metrics} and detailed readiness need the
 * ops token; the operations listener ({@link #operations}, on {@code JOBSWIPE_OPS_PORT}) serves them openly.
 */
public final class EdgeRouter {

  private EdgeRouter() {
  }

  public static Router create(Vertx vertx, NodeContext node, Readiness readiness) {
    return create(vertx, node, readiness, Set.of());
  }

  /**
   * @param uploadPaths routes whose body the general handler must not read: POST routes that mount their own,
   *                    larger body handler (file uploads), and WebSocket handshakes (an upgraded request must
   *                    still be unread)
   */
  public static Router create(Vertx vertx, NodeContext node, Readiness readiness, Set<String> uploadPaths) {
    Router router = Router.router(vertx);
    router.route()
        .handler(RequestIds.INSTANCE)
        .handler(AccessLog.INSTANCE)
        .handler(SecurityHeaders.INSTANCE);
    // Browsers apply no CORS to WebSocket handshakes (they send Origin and open the socket whatever we answer):
    // the socket route checks Origin itself, with the same list and this API's own origin.
    // A provider's form_post answer (Sign in with Apple) is a navigation from the provider's page, not a script's
    // request: it carries that page's Origin, and CORS has nothing to say about it.
    SecurityHeaders.cors(node.config().http().corsOrigins()).ifPresent(cors -> router.route().handler(ctx -> {
      if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade")) || isFormPostCallback(ctx)) {
        ctx.next();
      } else {
        cors.handle(ctx);
      }
    }));
    BodyHandler body = BodyHandler.create(false).setBodyLimit(node.config().http().bodyLimitBytes());
    router.route().handler(ctx -> {
      if (uploadPaths.contains(ctx.request().path())) {
        ctx.next();
      } else {
        body.handle(ctx);
      }
    });

    OpsAccess ops = new OpsAccess(node.config().http().opsToken());
    Handler<RoutingContext> scrape = PrometheusScrapingHandler.create(node.metrics());
    router.get("/health/live").handler(ctx -> Replies.json(ctx, 200, new JsonObject().put("status", "UP")));
    // Dependency errors name hosts, ports and drivers: only operators see them.
    router.get("/health/ready").handler(ctx -> readiness.check()
        .onSuccess(report -> Replies.json(ctx, report.up() ? 200 : 503,
            ops.allows(ctx) ? report.body() : new JsonObject().put("status", report.body().getString("status"))))
        .onFailure(ctx::fail));
    router.get("/metrics").handler(ctx -> {
      if (ops.allows(ctx)) {
        scrape.handle(ctx);
      } else if (ops.configured()) {
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"operations\"");
        Problems.send(ctx, new Problem(ProblemType.UNAUTHORIZED, "Metrics need the operations token"));
      } else {
        Problems.send(ctx, new Problem(ProblemType.NOT_FOUND,
            "Metrics are served on JOBSWIPE_OPS_PORT, or here with JOBSWIPE_OPS_TOKEN"));
      }
    });
    return withProblems(router);
  }

  /** The operations listener: reachable only on the private network, so it serves everything without a token. */
  public static Router operations(Vertx vertx, NodeContext node, Readiness readiness) {
    Router router = Router.router(vertx);
    router.route().handler(RequestIds.INSTANCE).handler(AccessLog.INSTANCE).handler(SecurityHeaders.INSTANCE);
    router.get("/health/live").handler(ctx -> Replies.json(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> readiness.check()
        .onSuccess(report -> Replies.json(ctx, report.up() ? 200 : 503, report.body()))
        .onFailure(ctx::fail));
    router.get("/metrics").handler(PrometheusScrapingHandler.create(node.metrics()));
    return withProblems(router);
  }

  private static final Pattern FORM_POST_CALLBACK = Pattern.compile("/v1/auth/oauth/[a-z]+/callback");

  private static boolean isFormPostCallback(RoutingContext ctx) {
    return ctx.request().method() == HttpMethod.POST && FORM_POST_CALLBACK.matcher(ctx.request().path()).matches();
  }

  private static Router withProblems(Router router) {
    router.route().failureHandler(Problems::handleFailure);
    router.errorHandler(404, ctx -> Problems.send(ctx, new Problem(ProblemType.NOT_FOUND,
        "No route for " + ctx.request().method() + " " + ctx.request().path())));
    router.errorHandler(405, ctx -> Problems.send(ctx, new Problem(ProblemType.METHOD_NOT_ALLOWED,
        ctx.request().method() + " is not allowed on " + ctx.request().path())));
    return router;
  }
}
