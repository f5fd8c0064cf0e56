package com.jobswipe.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.util.NetUtil;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Checks every applicable {@link Rule} for the request in parallel, then either lets it through with the
 * {@link RateLimitHeaders rate limit header fields} set, or answers 429 problem+json with {@code Retry-After}.
 *
 * <p>The fields are put on the response before {@code ctx.next()}, so they stay on whatever the route
 * finally answers, error responses from {@link Problems} included (only a reroute clears headers).
 *
 * <p>When the limiter cannot answer in time: {@code failClosed} answers 503 (for login and sign-up: a
 * Redis outage must not open the door to unlimited password guessing); otherwise the request goes on
 * without the fields and a warning is logged at most once per 10 s (for the rest of the API: keep serving).
 *
 * <p>Mount it after the body handler when a rule's key comes from the body. Every rule is checked, so a
 * request throttled by one policy still spends a unit of the others that allowed it: an attempt counts.
 */
public final class RateLimitHandler implements Handler<RoutingContext> {

  private static final Logger log = LoggerFactory.getLogger(RateLimitHandler.class);

  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

  /**
   * One policy and how to find who it limits.
   *
   * @param key the bucket key for this request, e.g. the client IP; empty skips the rule for this request
   *            (a per-account rule when the body has no email). Runs on the event loop: keep it cheap
   */
  public record Rule(RateLimit limit, Function<RoutingContext, Optional<String>> key) {

    public Rule {
      Objects.requireNonNull(limit, "limit");
      Objects.requireNonNull(key, "key");
    }

    /** Limits each client IP (see {@link #clientIp}). */
    public static Rule perClientIp(RateLimit limit, Optional<String> trustedHeader) {
      return new Rule(limit, ctx -> Optional.of(clientKey(ctx, trustedHeader)));
    }
  }

  private final RateLimiter limiter;
  private final boolean failClosed;
  private final List<Rule> rules;
  private final long timeoutMs;
  private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
  private final AtomicLong unwarnedFailures = new AtomicLong();
  /** Refusals by policy name, and limiter failures; absent until {@link #countedIn}. */
  private final Map<String, Counter> refusals;
  private final Optional<Counter> limiterFailures;

  private RateLimitHandler(RateLimiter limiter, boolean failClosed, List<Rule> rules, Duration timeout,
                           Map<String, Counter> refusals, Optional<Counter> limiterFailures) {
    this.limiter = limiter;
    this.failClosed = failClosed;
    this.rules = rules;
    this.timeoutMs = timeout.toMillis();
    this.refusals = refusals;
    this.limiterFailures = limiterFailures;
  }

  /**
   * The same handler, counting in {@code registry}: {@code jobswipe_rate_limit_refusals_total{rule}} per policy that
   * refused a request (a request over two policies counts once for each), and
   * {@code jobswipe_rate_limit_limiter_failures_total{mode}} when the limiter could not answer ({@code closed}:
   * refused with 503, {@code open}: served without limits). Rule names are the configured policies, a closed set.
   */
  public RateLimitHandler countedIn(MeterRegistry registry) {
    Map<String, Counter> counters = new HashMap<>();
    rules.forEach(rule -> counters.put(rule.limit().policy(), Counter.builder("jobswipe_rate_limit_refusals")
        .description("Requests refused with 429, by the rate-limit policy they exceeded")
        .tag("rule", rule.limit().policy()).register(registry)));
    Counter failures = Counter.builder("jobswipe_rate_limit_limiter_failures")
        .description("Requests the limiter could not check in time (closed: refused with 503; open: let through)")
        .tag("mode", failClosed ? "closed" : "open").register(registry);
    return new RateLimitHandler(limiter, failClosed, rules, Duration.ofMillis(timeoutMs), Map.copyOf(counters),
        Optional.of(failures));
  }

  public static RateLimitHandler create(RateLimiter limiter, boolean failClosed, List<Rule> rules) {
    return create(limiter, failClosed, rules, DEFAULT_TIMEOUT);
  }

  /** @param timeout budget for all the checks of one request; running out counts as a limiter failure */
  public static RateLimitHandler create(RateLimiter limiter, boolean failClosed, List<Rule> rules, Duration timeout) {
    Objects.requireNonNull(limiter, "limiter");
    if (rules.isEmpty()) {
      throw new IllegalArgumentException("at least one rule");
    }
    Set<String> policies = new HashSet<>();
    for (Rule rule : rules) {
      if (!policies.add(rule.limit().policy())) {
        // The header fields identify policies by name: two rules with one name would be ambiguous.
        throw new IllegalArgumentException("two rules share the policy name " + rule.limit().policy());
      }
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return new RateLimitHandler(limiter, failClosed, List.copyOf(rules), timeout, Map.of(), Optional.empty());
  }

  @Override
  public void handle(RoutingContext ctx) {
    List<Future<RateLimitHeaders.Applied>> checks = new ArrayList<>(rules.size());
    for (Rule rule : rules) {
      Optional<String> key = rule.key().apply(ctx);
      if (key.isPresent()) {
        checks.add(check(key.get(), rule.limit()));
      }
    }
    if (checks.isEmpty()) {
      ctx.next();
      return;
    }
    Context context = ctx.vertx().getOrCreateContext();
    Future.all(checks).timeout(timeoutMs, TimeUnit.MILLISECONDS).onComplete(done -> {
      // A Redis reply may complete on another event loop; the routing context belongs to the request's.
      if (Vertx.currentContext() == context) {
        decide(ctx, checks, done);
      } else {
        context.runOnContext(v -> decide(ctx, checks, done));
      }
    });
  }

  private Future<RateLimitHeaders.Applied> check(String key, RateLimit limit) {
    try {
      return limiter.check(key, limit).map(decision -> new RateLimitHeaders.Applied(limit, decision));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private void decide(RoutingContext ctx, List<Future<RateLimitHeaders.Applied>> checks, AsyncResult<?> done) {
    if (ctx.response().closed() || ctx.response().ended()) {
      return;
    }
    if (done.failed()) {
      limiterFailed(ctx, done.cause());
      return;
    }
    List<RateLimitHeaders.Applied> applied = checks.stream().map(Future::result).toList();
    HttpServerResponse response = ctx.response()
        .putHeader(RateLimitHeaders.POLICY, RateLimitHeaders.policy(applied))
        .putHeader(RateLimitHeaders.RATE_LIMIT, RateLimitHeaders.rateLimit(applied));
    long retryAfter = RateLimitHeaders.retryAfterSeconds(applied);
    if (retryAfter == 0) {
      ctx.next();
      return;
    }
    response.putHeader(RateLimitHeaders.RETRY_AFTER, Long.toString(retryAfter));
    JsonArray violated = new JsonArray();
    applied.stream().filter(a -> !a.decision().allowed()).forEach(a -> {
      violated.add(a.limit().policy());
      Counter refused = refusals.get(a.limit().policy());
      if (refused != null) {
        refused.increment();
      }
    });
    // "violated-policies" is the extension member the draft (§5.1) defines for quota problems.
    ctx.fail(new Problem(ProblemType.RATE_LIMITED,
        "Too many requests; retry in " + retryAfter + " s",
        new JsonObject().put("violated-policies", violated)));
  }

  private void limiterFailed(RoutingContext ctx, Throwable cause) {
    limiterFailures.ifPresent(Counter::increment);
    boolean warn = shouldWarn();
    if (failClosed) {
      if (warn) {
        log.warn("request {}: rate limiter failed ({}); refusing rate-limited requests [{} more since the last warning]",
            RequestIds.of(ctx), cause.toString(), unwarnedFailures.getAndSet(0));
      }
      ctx.fail(new Problem(ProblemType.UNAVAILABLE, "rate limiting is unavailable"));
    } else {
      if (warn) {
        log.warn("request {}: rate limiter failed ({}); serving without limits [{} more since the last warning]",
            RequestIds.of(ctx), cause.toString(), unwarnedFailures.getAndSet(0));
      }
      ctx.next();
    }
  }

  /** At most one warning per 10 s across all requests; the rest are counted into the next one. */
  private boolean shouldWarn() {
    long now = System.nanoTime();
    long last = lastWarning.get();
    if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
      return true;
    }
    unwarnedFailures.incrementAndGet();
    return false;
  }

  /**
   * The client's IP: the first entry of {@code trustedHeader} when that is configured, present and an IP
   * literal (normalised, so one address cannot pose as many by spelling IPv6 differently); otherwise the
   * peer address of the connection. Only configure a header the proxy in front of us overwrites: a client
   * that can set it can pick its own bucket.
   */
  public static String clientIp(RoutingContext ctx, Optional<String> trustedHeader) {
    if (trustedHeader.isPresent()) {
      String value = ctx.request().getHeader(trustedHeader.get());
      if (value != null) {
        int comma = value.indexOf(',');
        Optional<String> ip = ipLiteral((comma < 0 ? value : value.substring(0, comma)).trim());
        if (ip.isPresent()) {
          return ip.get();
        }
      }
    }
    SocketAddress remote = ctx.request().remoteAddress();
    String address = remote == null ? null : remote.hostAddress();
    return address == null ? "unknown" : address;
  }

  /**
   * The client as a quota counts it: its IPv4 address, or the /64 network of its IPv6 address — one subscriber is
   * usually given a whole /64, so counting single IPv6 addresses would give each client 2^64 quotas.
   */
  public static String clientKey(RoutingContext ctx, Optional<String> trustedHeader) {
    return networkKey(clientIp(ctx, trustedHeader));
  }

  static String networkKey(String ip) {
    if (!NetUtil.isValidIpV6Address(ip)) {
      return ip;
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(ip);
    if (bytes == null || bytes.length != 16) {
      return ip;
    }
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < 8; i += 2) {
      prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
    }
    return prefix.append(":/64").toString();
  }

  static Optional<String> ipLiteral(String candidate) {
    if (candidate.length() > 64 || !(NetUtil.isValidIpV4Address(candidate) || NetUtil.isValidIpV6Address(candidate))) {
      return Optional.empty();
    }
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(candidate);
    if (bytes == null) {
      return Optional.empty();
    }
    try {
      // From raw bytes: no DNS lookup can happen here.
      return Optional.of(NetUtil.toAddressString(InetAddress.getByAddress(bytes)));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
