package com.jobswipe.edge;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Rate limits shared by every node through Redis: one round trip and O(1) work per check.
 *
 * <p>Algorithm: GCRA rather than a fixed-window counter (INCR + PEXPIRE). A fixed window lets a client spend
 * its quota at the end of one window and again at the start of the next (twice the quota within a few
 * seconds); GCRA keeps one value per key, the theoretical arrival time (TAT), never lets more than the
 * quota through at once and refills one unit per {@code window / quota}. The key expires (PX) exactly when
 * the TAT is reached, which is also when a missing key means the same as the stored one: idle keys cost
 * no memory.
 *
 * <p>The script reads the clock with Redis {@code TIME}, not the caller's, so nodes with skewed clocks still
 * agree. Non-deterministic commands before writes are fine in Redis 5+ (effects replication is the default;
 * in Redis 7 it is the only mode). The script is sent by SHA-1 ({@code EVALSHA}); after a Redis restart or
 * {@code SCRIPT FLUSH} Redis answers {@code NOSCRIPT} and the check is retried once with {@code EVAL}, which
 * also reloads the script into the cache.
 *
 * <p>Keys: {@code <prefix>:rl:<policy>:<key>} where the key part is bounded by {@link RateLimit#boundedKey}.
 */
public final class RedisRateLimiter implements RateLimiter {

  /**
   * GCRA in integer microseconds (Lua numbers are doubles: integers are exact up to 2^53, about 285 years of
   * microseconds since 1970). {@code math.fmod} is exact on doubles, unlike {@code a % b} in Lua 5.1.
   * KEYS[1] the bucket; ARGV[1] emission interval (µs per unit); ARGV[2] burst capacity (quota * interval).
   * Returns {allowed 0/1, remaining units, µs until one more unit is available}.
   */
  static final String SCRIPT = String.join("\n",
      "local interval = tonumber(ARGV[1])",
      "local capacity = tonumber(ARGV[2])",
      "local clock = redis.call('TIME')",
      "local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2])",
      "local tat = tonumber(redis.call('GET', KEYS[1]))",
      "if tat == nil or tat < now then tat = now end",
      "local used = tat + interval - now",
      "if used > capacity then",
      "  return {0, 0, used - capacity}",
      "end",
      "redis.call('SET', KEYS[1], string.format('%.0f', tat + interval), 'PX', math.ceil(used / 1000))",
      "local free = capacity - used",
      "local partial = math.fmod(free, interval)",
      "return {1, (free - partial) / interval, interval - partial}",
      "");

  static final String SCRIPT_SHA1 = sha1Hex(SCRIPT);

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(1);

  private final Redis redis;
  private final String prefix;
  private final long timeoutMs;

  private RedisRateLimiter(Redis redis, String prefix, Duration timeout) {
    this.redis = redis;
    this.prefix = prefix;
    this.timeoutMs = timeout.toMillis();
  }

  /** A limiter with a 1 s budget per check. */
  public static RedisRateLimiter create(Vertx vertx, String connectionString, String keyPrefix) {
    return create(vertx, connectionString, keyPrefix, DEFAULT_TIMEOUT);
  }

  /**
   * @param connectionString {@code redis://[user:password@]host:port[/db]}, may hold a secret: never logged
   * @param keyPrefix        namespace of every key, e.g. {@code jobswipe}
   * @param timeout          budget of one check, connecting included; a check that takes longer fails
   */
  public static RedisRateLimiter create(Vertx vertx, String connectionString, String keyPrefix, Duration timeout) {
    Objects.requireNonNull(connectionString, "connectionString");
    if (!PREFIX.matcher(keyPrefix).matches()) {
      throw new IllegalArgumentException("key prefix must match " + PREFIX + ": " + keyPrefix);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return new RedisRateLimiter(Redis.createClient(vertx, options(connectionString, timeout)), keyPrefix, timeout);
  }

  /**
   * Fail fast rather than queue: a connect that cannot finish within the check's budget is pointless, and a
   * short waiting queue turns a hung Redis into immediate failures instead of a pile of parked requests.
   * Each in-flight check holds one pooled connection for about one Redis round trip (well under 1 ms), so
   * 16 connections carry tens of thousands of checks per second.
   */
  static RedisOptions options(String connectionString, Duration timeout) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(connectionString)
        .setMaxPoolSize(16)
        .setMaxPoolWaiting(256)
        .setMaxWaitingHandlers(1024);
    options.getNetClientOptions().setConnectTimeout((int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    return options;
  }

  @Override
  public Future<RateLimit.Decision> check(String key, RateLimit limit) {
    String redisKey = redisKey(limit.policy(), key);
    long interval = limit.intervalMicros();
    long capacity = limit.capacityMicros();
    return redis.send(script(Command.EVALSHA, SCRIPT_SHA1, redisKey, interval, capacity))
        .recover(failure -> isNoScript(failure)
            ? redis.send(script(Command.EVAL, SCRIPT, redisKey, interval, capacity))
            : Future.failedFuture(failure))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .map(RedisRateLimiter::decision);
  }

  String redisKey(String policy, String key) {
    return prefix + ":rl:" + policy + ":" + RateLimit.boundedKey(key);
  }

  private static Request script(Command command, String scriptOrSha, String key, long interval, long capacity) {
    return Request.cmd(command).arg(scriptOrSha).arg(1).arg(key).arg(interval).arg(capacity);
  }

  private static boolean isNoScript(Throwable failure) {
    String message = failure.getMessage();
    return message != null && message.startsWith("NOSCRIPT");
  }

  private static RateLimit.Decision decision(Response reply) {
    return RateLimit.Decision.of(reply.get(0).toLong() == 1, reply.get(1).toLong(), reply.get(2).toLong());
  }

  @Override
  public Future<Void> close() {
    return redis.close();
  }

  private static String sha1Hex(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JRE has SHA-1", e);
    }
  }
}
