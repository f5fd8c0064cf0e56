package com.jobswipe.ingestion;

import com.jobswipe.ingestion.FetchException.Kind;
import com.jobswipe.net.AddressPolicy;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.TrustOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one way ingestion reaches the outside world: a GET of a user- or source-supplied URL behind the SSRF guard
 * (DESIGN.md, "Security model"), with redirects, conditional requests, size, type and time bounds, retries and
 * per-host politeness.
 *
 * <p>Every hop resolves the host itself, refuses the hop if <em>any</em> address is not {@link AddressPolicy#isPublic
 * public}, and connects to the address it checked, so neither a redirect nor a DNS answer that changes between
 * check and connect (rebinding) reaches an address that was not vetted.
 *
 * <p>Threading: build it on the owning verticle's context (in {@code start()}); its per-host queues live on that
 * context and are touched only there, so they need no locks. {@link #get} may be called from anywhere; a call from
 * another thread hops onto the context first.
 *
 * <p>Why the core {@code HttpClient} and not {@code WebClient}: the WebClient (5.0.7) feeds the body to its
 * {@code BodyCodec} through a {@code Pipe}; when the codec fails at the size cap, the pipe <em>resumes</em> the
 * response and the client has already dropped its request reference, so the rest of an endless body keeps
 * downloading into the void. It also shows the codec no headers, so the content type could be checked only after
 * the body. With the core client the fetcher sees status and headers first and resets the stream the moment a
 * bound is crossed.
 */
public final class SafeFetcher {

  public static final String USER_AGENT = "JobSwipeBot/1.0 (+https://jobswipe-backend.fly.dev/bot)";

  /** A body we do not want (redirect, 304, errors) is drained up to this, to keep the connection; beyond, reset. */
  private static final long DISCARD_LIMIT = 64 * 1024;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Logger log = LoggerFactory.getLogger(SafeFetcher.class);

  /**
   * The media types a call accepts; they also make up its {@code Accept} header.
   *
   * @param allowMissing whether a 2xx without {@code Content-Type} is accepted
   */
  public record AcceptedTypes(Set<String> mediaTypes, boolean allowMissing) {

    /** RSS/Atom feeds and the JSON job-board APIs. */
    public static final AcceptedTypes JOB_SOURCES = new AcceptedTypes(Set.of("application/json",
        "application/rss+xml", "application/atom+xml", "application/xml", "text/xml"), false);

    public AcceptedTypes {
      mediaTypes = mediaTypes.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
      if (mediaTypes.isEmpty()) {
        throw new IllegalArgumentException("at least one media type");
      }
    }

    public boolean accepts(String mediaType) {
      return mediaType.isEmpty() ? allowMissing : mediaTypes.contains(mediaType);
    }

    String acceptHeader() {
      return mediaTypes.stream().sorted().collect(Collectors.joining(", "));
    }
  }

  private final Vertx vertx;
  private final Context context;
  private final HttpClientAgent client;
  private final AddressPolicy policy;
  private final FetchLimits limits;
  /** Per host, the future that completes when the next request to it may start. Touched only on {@link #context}. */
  private final Map<String, Future<Void>> hostQueues = new HashMap<>();

  public SafeFetcher(Vertx vertx, AddressPolicy policy, FetchLimits limits) {
    this(vertx, policy, limits, null);
  }

  /** For tests: trust {@code trust} (a test certificate) instead of the JDK's certificate authorities. */
  SafeFetcher(Vertx vertx, AddressPolicy policy, FetchLimits limits, TrustOptions trust) {
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
    this.policy = Objects.requireNonNull(policy);
    this.limits = Objects.requireNonNull(limits);
    HttpClientOptions options = new HttpClientOptions()
        .setConnectTimeout(Math.toIntExact(limits.connectTimeout().toMillis()))
        // Inflate gzip in the pipeline: the size cap below then counts decompressed bytes, so a gzip bomb
        // trips it after maxBodyBytes of output, whatever its compressed size.
        .setDecompressionSupported(true)
        // SNI from the request's host name even though we connect to an IP address (see exchange()).
        .setForceSni(true)
        .setVerifyHost(true);
    if (trust != null) {
      options.setTrustOptions(trust);
    }
    this.client = vertx.httpClientBuilder().with(options).build();
  }

  /** {@link #get(URI, Conditional, AcceptedTypes)} accepting {@link AcceptedTypes#JOB_SOURCES}. */
  public Future<FetchResult> get(URI url, Conditional conditional) {
    return get(url, conditional, AcceptedTypes.JOB_SOURCES);
  }

  /**
   * GETs {@code url}. Succeeds with a 2xx (body within the cap, type accepted), a 304 when {@code conditional}
   * matched, or a 404/410. Fails with a {@link FetchException}; never with anything else.
   */
  public Future<FetchResult> get(URI url, Conditional conditional, AcceptedTypes accepted) {
    Objects.requireNonNull(conditional);
    Objects.requireNonNull(accepted);
    Context caller = Vertx.currentContext();
    if (caller != context) {
      // Work on our context (the host queues live there); answer on the caller's, so its callbacks stay on its thread.
      Promise<FetchResult> promise = Promise.promise();
      context.runOnContext(v -> get(url, conditional, accepted).onComplete(ar -> {
        if (caller == null) {
          promise.handle(ar);
        } else {
          caller.runOnContext(w -> promise.handle(ar));
        }
      }));
      return promise.future();
    }
    Target target;
    try {
      target = Target.of(url);
    } catch (FetchException e) {
      return Future.failedFuture(e);
    }
    return hop(new Call(conditional, accepted), target);
  }

  /** Closes the underlying HTTP client; calls in flight fail. */
  public Future<Void> close() {
    return client.close();
  }

  /** The state of one {@link #get} across its hops and retries. Confined to the context. */
  private static final class Call {
    final Conditional conditional;
    final AcceptedTypes accepted;
    int redirects;
    int retries;

    Call(Conditional conditional, AcceptedTypes accepted) {
      this.conditional = conditional;
      this.accepted = accepted;
    }
  }

  private Future<FetchResult> hop(Call call, Target target) {
    return resolve(target)
        .compose(address -> politely(target.hostKey(), () -> exchange(call, target, address)))
        .transform(ar -> {
          if (ar.succeeded()) {
            return outcome(call, target, ar.result());
          }
          FetchException failure = classify(ar.cause(), target);
          boolean retryable = (failure.kind() == Kind.NETWORK || failure.kind() == Kind.TIMEOUT)
              && !causedBy(failure, SSLHandshakeException.class);   // a bad certificate stays bad
          return retryable ? retry(call, target, failure, Optional.empty()) : Future.failedFuture(failure);
        });
  }

  /** Resolves the host off the event loop and insists that every address it has is allowed. */
  private Future<InetAddress> resolve(Target target) {
    return context.<InetAddress[]>executeBlocking(() -> InetAddress.getAllByName(target.lookupHost()), false)
        .recover(err -> Future.failedFuture(
            new FetchException(Kind.NETWORK, "cannot resolve " + target.host() + ": " + err.getMessage(), err)))
        .compose(addresses -> {
          for (InetAddress address : addresses) {
            if (!policy.isPublic(address)) {
              String range = AddressPolicy.refusedRange(address).map(r -> " (" + r.blocks() + ")").orElse("");
              return Future.failedFuture(new FetchException(Kind.BLOCKED_ADDRESS,
                  target.host() + " resolves to " + address.getHostAddress() + range + ", which fetches may not reach"));
            }
          }
          return Future.succeededFuture(addresses[0]);
        });
  }

  /**
   * Runs {@code work} when the host's previous request has ended and {@code hostDelay} has passed since: at most
   * one request in flight per host, and a quiet gap between them. Each caller chains onto the host's last future.
   */
  private <T> Future<T> politely(String host, Supplier<Future<T>> work) {
    Future<Void> previous = hostQueues.getOrDefault(host, Future.succeededFuture());
    Promise<Void> released = Promise.promise();
    Future<Void> mine = released.future();
    hostQueues.put(host, mine);
    Future<T> result = previous.compose(v -> work.get());
    result.onComplete(ar -> {
      long delay = limits.hostDelay().toMillis();
      if (delay <= 0) {
        release(host, mine, released);
      } else {
        vertx.setTimer(delay, id -> release(host, mine, released));
      }
    });
    return result;
  }

  private void release(String host, Future<Void> mine, Promise<Void> released) {
    released.complete();
    if (hostQueues.get(host) == mine) {
      hostQueues.remove(host);
    }
  }

  private Future<Response> exchange(Call call, Target target, InetAddress address) {
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.GET)
        // Connect to the address resolve() vetted, never to the name: given only a host, Vert.x would resolve it
        // again and a DNS answer changed in between (rebinding) would reach an address nobody checked.
        // setServer() is the socket Vert.x opens; setHost()/setPort() remain the URL's name, which Vert.x 5 uses as
        // the request authority: the Host header, the TLS SNI (forceSni) and the name the certificate is verified
        // against (HttpChannelConnector passes it as the peer host next to the remote address). Its connection
        // pool is keyed by both (EndpointKey), so a connection to another address is never reused for this name.
        .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(address, target.port())))
        .setHost(target.host())
        .setPort(target.port())
        .setSsl(target.https())
        .setURI(target.requestUri())
        .setFollowRedirects(false)
        .setConnectTimeout(limits.connectTimeout().toMillis())
        .setIdleTimeout(limits.idleTimeout().toMillis())
        .putHeader(HttpHeaders.USER_AGENT, USER_AGENT)
        .putHeader(HttpHeaders.ACCEPT, call.accepted.acceptHeader())
        .putHeader(HttpHeaders.ACCEPT_ENCODING, "gzip");
    call.conditional.etag().ifPresent(etag -> options.putHeader(HttpHeaders.IF_NONE_MATCH, etag));
    call.conditional.lastModified().ifPresent(date -> options.putHeader(HttpHeaders.IF_MODIFIED_SINCE, date));
    return new Exchange(target, call.accepted).run(options);
  }

  /** What the server answered on one hop; {@code body} is empty unless the status was 2xx. */
  private record Response(int status, MultiMap headers, String contentType, Buffer body) {
  }

  /** One request and its response, bounded by the whole-request timer, the size cap and the type check. */
  private final class Exchange {
    private final Target target;
    private final AcceptedTypes accepted;
    private final Promise<Response> promise = Promise.promise();
    private HttpClientRequest request;

    Exchange(Target target, AcceptedTypes accepted) {
      this.target = target;
      this.accepted = accepted;
    }

    Future<Response> run(RequestOptions options) {
      long timeout = limits.requestTimeout().toMillis();
      long timer = vertx.setTimer(timeout, id -> abort(new FetchException(Kind.TIMEOUT,
          target.url() + " took longer than " + timeout + " ms")));
      client.request(options)
          .compose(req -> {
            request = req;
            if (promise.future().isComplete()) {        // timed out while waiting for a connection
              req.reset();
              return Future.failedFuture(promise.future().cause());
            }
            return req.send();
          })
          .onComplete(ar -> {
            if (ar.succeeded()) {
              onResponse(ar.result());
            } else {
              promise.tryFail(classify(ar.cause(), target));
            }
          });
      return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
    }

    private void abort(FetchException reason) {
      if (promise.tryFail(reason) && request != null) {
        request.reset(0, reason);
      }
    }

    private void onResponse(HttpClientResponse response) {
      response.exceptionHandler(err -> promise.tryFail(classify(err, target)));
      if (promise.future().isComplete()) {
        request.reset();
        return;
      }
      int status = response.statusCode();
      String type = mediaType(response.getHeader(HttpHeaders.CONTENT_TYPE));
      if (status < 200 || status > 299) {
        receive(response, status, type, false);
        return;
      }
      if (!accepted.accepts(type)) {
        abort(new FetchException(Kind.BAD_CONTENT_TYPE, target.url() + " answered "
            + (type.isEmpty() ? "without a Content-Type" : type) + "; accepted: " + accepted.acceptHeader()));
        return;
      }
      // Decompression removes Content-Encoding; one still present names a coding we did not ask for and cannot
      // decode, and its bytes would reach the parser as garbage.
      String coding = response.getHeader(HttpHeaders.CONTENT_ENCODING);
      if (coding != null && !coding.isBlank() && !coding.trim().equalsIgnoreCase("identity")) {
        abort(new FetchException(Kind.BAD_CONTENT_TYPE, target.url() + " answered with Content-Encoding " + coding));
        return;
      }
      // Decompression also removes Content-Length, so a length still here is the real size: refuse up front.
      long declared = contentLength(response.getHeader(HttpHeaders.CONTENT_LENGTH));
      if (declared > limits.maxBodyBytes()) {
        abort(tooLarge(declared + " bytes declared"));
        return;
      }
      receive(response, status, type, true);
    }

    /** Streams the body, keeping it (2xx, capped at maxBodyBytes) or draining it (anything else). */
    private void receive(HttpClientResponse response, int status, String type, boolean keep) {
      long limit = keep ? limits.maxBodyBytes() : DISCARD_LIMIT;
      Buffer body = Buffer.buffer();
      long[] received = {0};
      response.handler(chunk -> {
        if (promise.future().isComplete()) {
          return;
        }
        received[0] += chunk.length();
        if (received[0] > limit) {
          response.handler(null);
          if (keep) {
            abort(tooLarge("more than " + limit + " bytes received"));
          } else {
            // Nothing we need is in this body and draining it would take long: drop the connection instead.
            promise.tryComplete(new Response(status, response.headers(), type, Buffer.buffer()));
            request.reset();
          }
          return;
        }
        if (keep) {
          body.appendBuffer(chunk);
        }
      });
      response.endHandler(v -> promise.tryComplete(new Response(status, response.headers(), type, body)));
    }

    private FetchException tooLarge(String detail) {
      return new FetchException(Kind.TOO_LARGE,
          target.url() + " body exceeds the cap of " + limits.maxBodyBytes() + " bytes (" + detail + ")");
    }
  }

  /** Turns one hop's response into the call's result, the next hop, a retry, or a failure. */
  private Future<FetchResult> outcome(Call call, Target target, Response response) {
    int status = response.status();
    MultiMap headers = response.headers();
    Optional<String> etag = Optional.ofNullable(headers.get(HttpHeaders.ETAG));
    Optional<String> lastModified = Optional.ofNullable(headers.get(HttpHeaders.LAST_MODIFIED));
    if (status >= 200 && status <= 299) {
      return Future.succeededFuture(
          new FetchResult(status, etag, lastModified, response.contentType(), response.body(), target.url(), false));
    }
    if (status == 304) {
      return Future.succeededFuture(FetchResult.notModified(target.url(),
          etag.or(call.conditional::etag), lastModified.or(call.conditional::lastModified)));
    }
    String location = headers.get(HttpHeaders.LOCATION);
    if (REDIRECTS.contains(status) && location != null) {
      if (call.redirects >= limits.maxRedirects()) {
        return Future.failedFuture(new FetchException(Kind.TOO_MANY_REDIRECTS,
            target.url() + " redirects again after " + call.redirects + " redirects"));
      }
      call.redirects++;
      Target next;
      try {
        next = target.redirect(location);
      } catch (FetchException e) {
        return Future.failedFuture(e);
      }
      return hop(call, next);
    }
    if (status == 404 || status == 410) {
      return Future.succeededFuture(new FetchResult(status, etag, lastModified, response.contentType(),
          Buffer.buffer(), target.url(), false));
    }
    FetchException failure = FetchException.httpStatus(status, target.url() + " answered " + status);
    if (status == 429 || status >= 500) {
      return retry(call, target, failure, retryAfter(headers.get(HttpHeaders.RETRY_AFTER), Instant.now()));
    }
    return Future.failedFuture(failure);
  }

  /**
   * Tries the hop again after exponential backoff with jitter, or after {@code Retry-After} when the server named
   * a longer wait. A server asking for more than {@code retryAfterCap} is not retried: this poll gives up and the
   * next scheduled one asks again.
   */
  private Future<FetchResult> retry(Call call, Target target, FetchException failure, Optional<Duration> retryAfter) {
    if (call.retries >= limits.maxRetries()) {
      return Future.failedFuture(failure);
    }
    if (retryAfter.isPresent() && retryAfter.get().compareTo(limits.retryAfterCap()) > 0) {
      return Future.failedFuture(FetchException.httpStatus(failure.status().orElse(0),
          failure.getMessage() + " with Retry-After " + retryAfter.get().toSeconds() + " s, over the cap"));
    }
    long backoff = backoffMillis(call.retries);
    long wait = Math.max(backoff, retryAfter.map(Duration::toMillis).orElse(0L));
    call.retries++;
    log.debug("retry {} of {} in {} ms: {}", call.retries, target.url(), wait, failure.getMessage());
    return vertx.timer(Math.max(1, wait)).compose(v -> hop(call, target));
  }

  /** base·2^n, capped, then "equal jitter": a random point in the upper half, so retries never bunch at zero. */
  private long backoffMillis(int retriesSoFar) {
    long base = limits.retryBaseDelay().toMillis();
    long ceiling = Math.min(limits.retryMaxDelay().toMillis(), base << Math.min(retriesSoFar, 20));
    long half = Math.max(1, ceiling / 2);
    return half + ThreadLocalRandom.current().nextLong(half + 1);
  }

  /** {@code Retry-After} as delay-seconds or an HTTP-date (RFC 9110 §10.2.3); empty when absent or unreadable. */
  static Optional<Duration> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      return Optional.of(v.length() > 9 ? Duration.ofDays(365) : Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Duration until = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      return Optional.of(until.isNegative() ? Duration.ZERO : until);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static FetchException classify(Throwable err, Target target) {
    if (err instanceof FetchException fetch) {
      return fetch;
    }
    if (err instanceof TimeoutException || err instanceof ConnectTimeoutException) {
      return new FetchException(Kind.TIMEOUT, target.url() + ": " + err.getMessage(), err);
    }
    return new FetchException(Kind.NETWORK, target.url() + ": " + err, err);
  }

  private static boolean causedBy(Throwable err, Class<? extends Throwable> type) {
    for (Throwable t = err; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** The media type without parameters, lower case; empty when absent. */
  private static String mediaType(String header) {
    if (header == null) {
      return "";
    }
    int semicolon = header.indexOf(';');
    return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
  }

  private static long contentLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * An http(s) URL taken apart for one hop.
   *
   * @param url the URL without fragment, path at least {@code /}
   * @param host as in the URL (IPv6 literals keep their brackets, for the Host header)
   * @param requestUri raw path and query, as sent on the request line
   */
  record Target(URI url, boolean https, String host, int port, String requestUri) {

    static Target of(URI url) {
      if (url == null || !url.isAbsolute() || url.isOpaque()) {
        throw badUrl(url, "not an absolute hierarchical URL");
      }
      String scheme = url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw badUrl(url, "only http and https are fetched");
      }
      if (url.getRawUserInfo() != null) {
        throw badUrl(url, "credentials in the URL are refused");
      }
      String host = url.getHost();
      if (host == null || host.isEmpty()) {
        throw badUrl(url, "no host");
      }
      boolean https = scheme.equals("https");
      int port = url.getPort() == -1 ? (https ? 443 : 80) : url.getPort();
      String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
      String requestUri = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
      URI clean;
      try {
        clean = new URI(scheme + "://" + url.getRawAuthority() + requestUri);
      } catch (URISyntaxException e) {
        throw badUrl(url, e.getMessage());
      }
      return new Target(clean, https, host.toLowerCase(Locale.ROOT), port, requestUri);
    }

    /** The next hop: {@code location} resolved against this URL (it may be relative). */
    Target redirect(String location) {
      try {
        return of(url.resolve(new URI(location.trim())));
      } catch (URISyntaxException | IllegalArgumentException e) {
        throw badUrl(url, "unusable Location " + location);
      }
    }

    /** The host as the resolver wants it: IPv6 literals without brackets. */
    String lookupHost() {
      return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    String hostKey() {
      return host;
    }

    private static FetchException badUrl(URI url, String why) {
      return new FetchException(Kind.BAD_URL, url + ": " + why);
    }
  }
}
