package com.jobswipe.ingestion;

import com.jobswipe.ingestion.FetchException.Kind;
import com.jobswipe.ingestion.SafeFetcher.AcceptedTypes;
import com.jobswipe.net.AddressPolicy;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fetcher against real local HTTP servers. Servers listen on loopback, which the guard refuses, so tests that
 * need a response either allow private addresses or use the allow-list seam that lets 127.0.0.1 through and keeps
 * the guard on for everything else.
 */
@ExtendWith(VertxExtension.class)
class SafeFetcherTest {

  private static final FetchLimits FAST = FetchLimits.DEFAULTS
      .withHostDelay(Duration.ZERO)
      .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(40));
  private static final AddressPolicy GUARD_ON = new AddressPolicy(false);
  private static final AddressPolicy PRIVATE_ALLOWED = new AddressPolicy(true);
  private static final AddressPolicy ONLY_127_0_0_1 = new AddressPolicy(a -> a.getHostAddress().equals("127.0.0.1"));
  private static final String JSON = "application/json";

  /** A test server: what it saw, and the port it listens on. */
  private static final class Server {
    final AtomicInteger connections = new AtomicInteger();
    final List<HttpServerRequest> requests = new CopyOnWriteArrayList<>();
    final List<Long> arrivalNanos = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> hitsByPath = new ConcurrentHashMap<>();
    int port;

    String url(String path) {
      return "http://127.0.0.1:" + port + path;
    }

    int hits(String path) {
      return hitsByPath.getOrDefault(path, new AtomicInteger()).get();
    }
  }

  private static Future<Server> serve(Vertx vertx, String host, Handler<HttpServerRequest> handler) {
    return serve(vertx, host, 0, handler);
  }

  private static Future<Server> serve(Vertx vertx, String host, int port, Handler<HttpServerRequest> handler) {
    Server server = new Server();
    return vertx.createHttpServer()
        .connectionHandler(connection -> server.connections.incrementAndGet())
        .requestHandler(request -> {
          server.arrivalNanos.add(System.nanoTime());
          server.requests.add(request);
          server.hitsByPath.computeIfAbsent(request.path(), p -> new AtomicInteger()).incrementAndGet();
          handler.handle(request);
        })
        .listen(port, host)
        .map(listening -> {
          server.port = listening.actualPort();
          return server;
        });
  }

  private static void json(HttpServerRequest request, String body) {
    request.response().putHeader("Content-Type", "application/json; charset=utf-8").end(body);
  }

  private static void redirect(HttpServerRequest request, int status, String location) {
    request.response().setStatusCode(status).putHeader("Location", location).end();
  }

  /** The failure of {@code future}, which must fail with a FetchException. */
  private static Future<FetchException> failure(Future<?> future) {
    return future.transform(ar -> ar.succeeded()
        ? Future.failedFuture(new AssertionError("expected a FetchException, got " + ar.result()))
        : ar.cause() instanceof FetchException e
            ? Future.succeededFuture(e)
            : Future.failedFuture(new AssertionError("expected a FetchException", ar.cause())));
  }

  private static Future<FetchException> failure(SafeFetcher fetcher, String url) {
    return failure(fetcher.get(URI.create(url), Conditional.none()));
  }

  private static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Test
  void guardRefusesLoopbackMetadataAndLoopbackNamesWithoutConnecting(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, GUARD_ON, FAST);
    Handler<HttpServerRequest> ok = request -> json(request, "{}");
    serve(vertx, "127.0.0.1", ok).compose(v4 -> serve(vertx, "::1", ok).compose(v6 ->
        failure(fetcher, v4.url("/")).compose(direct ->
        failure(fetcher, "http://localhost:" + v4.port + "/").compose(byName ->
        failure(fetcher, "http://[::1]:" + v6.port + "/").compose(ipv6 ->
        failure(fetcher, "http://169.254.169.254/latest/meta-data/").map(metadata -> {
          ctx.verify(() -> {
            assertThat(List.of(direct, byName, ipv6, metadata)).extracting(FetchException::kind)
                .containsOnly(Kind.BLOCKED_ADDRESS);
            assertThat(metadata).hasMessageContaining("169.254.169.254");
            assertThat(byName).hasMessageContaining("localhost resolves to 127.0.0.1");
            assertThat(v4.connections).hasValue(0);
            assertThat(v4.requests).isEmpty();
            assertThat(v6.connections).hasValue(0);
            assertThat(v6.requests).isEmpty();
          });
          return v4;
        }))))))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void followsARelativeThenAbsoluteRedirectChainOnLoopbackWhenPrivateIsAllowed(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST);
    int[] port = new int[1];
    serve(vertx, "127.0.0.1", request -> {
      switch (request.path()) {
        case "/feeds/a" -> redirect(request, 302, "b?x=1");
        case "/feeds/b" -> redirect(request, 301, "http://127.0.0.1:" + port[0] + "/c");
        case "/c" -> json(request, "{\"jobs\":[]}");
        default -> request.response().setStatusCode(500).end();
      }
    }).compose(server -> {
      port[0] = server.port;
      return fetcher.get(URI.create(server.url("/feeds/a#frag")), Conditional.none()).map(result -> {
        ctx.verify(() -> {
          assertThat(result.status()).isEqualTo(200);
          assertThat(result.notModified()).isFalse();
          assertThat(result.contentType()).isEqualTo(JSON);
          assertThat(result.body().toString()).isEqualTo("{\"jobs\":[]}");
          assertThat(result.finalUrl()).isEqualTo(URI.create(server.url("/c")));
          assertThat(server.requests).extracting(HttpServerRequest::uri).containsExactly("/feeds/a", "/feeds/b?x=1", "/c");
          HttpServerRequest last = server.requests.get(2);
          assertThat(last.getHeader("User-Agent")).isEqualTo("JobSwipeBot/1.0 (+https://jobswipe-backend.fly.dev/bot)");
          assertThat(last.getHeader("Accept")).isEqualTo(
              "application/atom+xml, application/json, application/rss+xml, application/xml, text/xml");
          assertThat(last.getHeader("Accept-Encoding")).isEqualTo("gzip");
          assertThat(last.getHeader("Host")).isEqualTo("127.0.0.1:" + server.port);
        });
        return result;
      });
    }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theHostHeaderKeepsTheNameWhileTheSocketGoesToTheCheckedAddress(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST);
    Handler<HttpServerRequest> echoHost = request -> json(request, "\"" + request.getHeader("Host") + "\"");
    serve(vertx, "127.0.0.1", echoHost).compose(v4 -> serve(vertx, "::1", echoHost).compose(v6 ->
        fetcher.get(URI.create("http://LocalHost:" + v4.port + "/"), Conditional.none()).compose(byName ->
        fetcher.get(URI.create("http://[::1]:" + v6.port + "/"), Conditional.none()).map(ipv6 -> {
          ctx.verify(() -> {
            assertThat(byName.body().toString()).isEqualTo("\"localhost:" + v4.port + "\"");
            assertThat(ipv6.body().toString()).isEqualTo("\"[::1]:" + v6.port + "\"");
          });
          return v4;
        })))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void tlsVerifiesTheCertificateAgainstTheNameAndSendsItAsSni(Vertx vertx, VertxTestContext ctx) {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST, certificate.trustOptions());
    List<String> sni = new CopyOnWriteArrayList<>();
    vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true)
            .setKeyCertOptions(certificate.keyCertOptions()))
        .requestHandler(request -> {
          sni.add(String.valueOf(request.connection().indicatedServerName()));
          json(request, "{}");
        })
        .listen(0, "127.0.0.1")
        .compose(server ->
            fetcher.get(URI.create("https://localhost:" + server.actualPort() + "/"), Conditional.none()).compose(byName ->
            failure(fetcher, "https://127.0.0.1:" + server.actualPort() + "/").map(byAddress -> {
              ctx.verify(() -> {
                assertThat(byName.status()).isEqualTo(200);
                assertThat(sni).first().isEqualTo("localhost");
                // The certificate names localhost, not 127.0.0.1: verification is on and uses the URL's host.
                assertThat(byAddress.kind()).isEqualTo(Kind.NETWORK);
                assertThat(byAddress).hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
              });
              certificate.delete();
              return server;
            })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void answersOnTheCallersContext(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST);
    serve(vertx, "127.0.0.1", request -> json(request, "{}")).onComplete(ctx.succeeding(server -> {
      io.vertx.core.Context caller = vertx.getOrCreateContext();
      caller.runOnContext(v -> fetcher.get(URI.create(server.url("/")), Conditional.none())
          .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
            assertThat(vertx.getOrCreateContext()).isSameAs(caller);
            ctx.completeNow();
          }))));
    }));
  }

  @Test
  void everyRedirectHopIsCheckedAgainstTheGuard(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, ONLY_127_0_0_1, FAST);
    serve(vertx, "127.0.0.1", request -> {
      switch (request.path()) {
        case "/to-private" -> redirect(request, 302, "http://10.0.0.1/feed.xml");
        case "/to-metadata" -> redirect(request, 307, "http://169.254.169.254/latest/meta-data/");
        case "/to-mapped-loopback" -> redirect(request, 308, "http://[::ffff:127.0.0.2]/");
        case "/to-ftp" -> redirect(request, 302, "ftp://127.0.0.1/feed.xml");
        default -> json(request, "{}");
      }
    }).compose(server ->
        fetcher.get(URI.create(server.url("/ok")), Conditional.none()).compose(allowed ->
        failure(fetcher, server.url("/to-private")).compose(toPrivate ->
        failure(fetcher, server.url("/to-metadata")).compose(toMetadata ->
        failure(fetcher, server.url("/to-mapped-loopback")).compose(toMapped ->
        failure(fetcher, server.url("/to-ftp")).map(toFtp -> {
          ctx.verify(() -> {
            assertThat(allowed.status()).isEqualTo(200);
            assertThat(List.of(toPrivate, toMetadata, toMapped)).extracting(FetchException::kind)
                .containsOnly(Kind.BLOCKED_ADDRESS);
            assertThat(toPrivate).hasMessageContaining("10.0.0.1");
            assertThat(toMetadata).hasMessageContaining("169.254.169.254");
            assertThat(toFtp.kind()).isEqualTo(Kind.BAD_URL);
            assertThat(server.hits("/to-private")).isEqualTo(1);
            assertThat(server.hits("/to-metadata")).isEqualTo(1);
          });
          return server;
        })))))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void fiveRedirectsAreFollowedAndTheSixthFails(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST);
    serve(vertx, "127.0.0.1", request -> {
      int left = Integer.parseInt(request.path().substring("/hop/".length()));
      if (left == 0) {
        json(request, "{}");
      } else {
        redirect(request, 302, "/hop/" + (left - 1));
      }
    }).compose(server ->
        fetcher.get(URI.create(server.url("/hop/5")), Conditional.none()).compose(five ->
        failure(fetcher, server.url("/hop/6")).map(six -> {
          ctx.verify(() -> {
            assertThat(five.finalUrl().getPath()).isEqualTo("/hop/0");
            assertThat(six.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
            assertThat(server.hits("/hop/0")).isEqualTo(1);
          });
          return server;
        }))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void anEndlessBodyIsCutAtTheCapAndTheConnectionDropped(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST.withMaxBodyBytes(256 * 1024));
    Buffer chunk = Buffer.buffer(new byte[16 * 1024]);
    Promise<Void> serverSawClose = Promise.promise();
    serve(vertx, "127.0.0.1", request -> {
      HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", JSON);
      if (request.path().equals("/declared")) {
        response.setChunked(false).putHeader("Content-Length", String.valueOf(10 * 1024 * 1024)).write(chunk);
        return;
      }
      response.closeHandler(v -> serverSawClose.tryComplete());
      new Object() {
        void pump() {
          response.write(chunk).onSuccess(v -> pump());
        }
      }.pump();
    }).compose(server ->
        failure(fetcher, server.url("/endless")).compose(endless ->
        serverSawClose.future().compose(closed ->
        failure(fetcher, server.url("/declared")).map(declared -> {
          ctx.verify(() -> {
            assertThat(endless.kind()).isEqualTo(Kind.TOO_LARGE);
            assertThat(declared.kind()).isEqualTo(Kind.TOO_LARGE);
            assertThat(declared).hasMessageContaining("declared");
          });
          return server;
        })))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void theCapCountsDecompressedBytesSoAGzipBombFails(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST.withMaxBodyBytes(1024 * 1024));
    byte[] bomb = gzip(new byte[32 * 1024 * 1024]);
    byte[] small = gzip("{\"jobs\":[1,2,3]}".getBytes());
    serve(vertx, "127.0.0.1", request -> request.response()
        .putHeader("Content-Type", JSON)
        .putHeader("Content-Encoding", "gzip")
        .end(Buffer.buffer(request.path().equals("/bomb") ? bomb : small)))
        .compose(server ->
            failure(fetcher, server.url("/bomb")).compose(exploded ->
            fetcher.get(URI.create(server.url("/small")), Conditional.none()).map(inflated -> {
              ctx.verify(() -> {
                assertThat(bomb.length).isLessThan(1024 * 1024);
                assertThat(exploded.kind()).isEqualTo(Kind.TOO_LARGE);
                assertThat(inflated.body().toString()).isEqualTo("{\"jobs\":[1,2,3]}");
              });
              return server;
            }))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void contentTypeMustBeOnTheCallersList(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST);
    AcceptedTypes jsonOrNothing = new AcceptedTypes(Set.of(JSON), true);
    serve(vertx, "127.0.0.1", request -> {
      switch (request.path()) {
        case "/html" -> request.response().putHeader("Content-Type", "text/html; charset=utf-8").end("<html></html>");
        case "/untyped" -> request.response().end("{}");
        default -> request.response().putHeader("Content-Type", "Application/RSS+XML").end("<rss/>");
      }
    }).compose(server ->
        failure(fetcher, server.url("/html")).compose(html ->
        failure(fetcher, server.url("/untyped")).compose(untyped ->
        fetcher.get(URI.create(server.url("/untyped")), Conditional.none(), jsonOrNothing).compose(allowedUntyped ->
        fetcher.get(URI.create(server.url("/rss")), Conditional.none()).map(rss -> {
          ctx.verify(() -> {
            assertThat(html.kind()).isEqualTo(Kind.BAD_CONTENT_TYPE);
            assertThat(html).hasMessageContaining("text/html");
            assertThat(untyped.kind()).isEqualTo(Kind.BAD_CONTENT_TYPE);
            assertThat(allowedUntyped.contentType()).isEmpty();
            assertThat(rss.contentType()).isEqualTo("application/rss+xml");
          });
          return server;
        }))))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void validatorsComeBackAsNotModified(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST);
    String etag = "\"v1\"";
    String lastModified = "Wed, 21 Oct 2015 07:28:00 GMT";
    serve(vertx, "127.0.0.1", request -> {
      if (etag.equals(request.getHeader("If-None-Match"))) {
        request.response().setStatusCode(304).putHeader("ETag", etag).end();
      } else {
        request.response().putHeader("ETag", etag).putHeader("Last-Modified", lastModified)
            .putHeader("Content-Type", "application/atom+xml").end("<feed/>");
      }
    }).compose(server ->
        fetcher.get(URI.create(server.url("/feed")), Conditional.none()).compose(first ->
        fetcher.get(URI.create(server.url("/feed")), Conditional.from(first)).map(second -> {
          ctx.verify(() -> {
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.etag()).contains(etag);
            assertThat(first.lastModified()).contains(lastModified);
            assertThat(second.notModified()).isTrue();
            assertThat(second.status()).isEqualTo(304);
            assertThat(second.etag()).contains(etag);
            assertThat(second.lastModified()).contains(lastModified);
            assertThat(second.body().length()).isZero();
            assertThat(server.requests.get(1).getHeader("If-Modified-Since")).isEqualTo(lastModified);
          });
          return server;
        }))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aFiveHundredThreeThenTwoHundredSucceedsOnTheRetry(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST);
    AtomicInteger calls = new AtomicInteger();
    serve(vertx, "127.0.0.1", request -> {
      if (calls.incrementAndGet() == 1) {
        request.response().setStatusCode(503).putHeader("Retry-After", "0").end("down for a moment");
      } else {
        json(request, "{\"ok\":true}");
      }
    }).compose(server -> fetcher.get(URI.create(server.url("/jobs")), Conditional.none()).map(result -> {
      ctx.verify(() -> {
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.body().toString()).isEqualTo("{\"ok\":true}");
        assertThat(server.requests).hasSize(2);
      });
      return server;
    })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void retriesStopAfterTwoAndALongRetryAfterIsNotAwaited(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST);
    serve(vertx, "127.0.0.1", request -> {
      if (request.path().equals("/down")) {
        request.response().setStatusCode(502).end();
      } else {
        request.response().setStatusCode(429).putHeader("Retry-After", "3600").end();
      }
    }).compose(server ->
        failure(fetcher, server.url("/down")).compose(down ->
        failure(fetcher, server.url("/limited")).map(limited -> {
          ctx.verify(() -> {
            assertThat(down.kind()).isEqualTo(Kind.HTTP_STATUS);
            assertThat(down.status()).hasValue(502);
            assertThat(server.hits("/down")).isEqualTo(3);
            assertThat(limited.kind()).isEqualTo(Kind.HTTP_STATUS);
            assertThat(limited.status()).hasValue(429);
            assertThat(server.hits("/limited")).isEqualTo(1);
          });
          return server;
        }))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void goneIsAResultAndOtherClientErrorsFail(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST);
    serve(vertx, "127.0.0.1", request -> {
      int status = Integer.parseInt(request.path().substring(1));
      request.response().setStatusCode(status).putHeader("Content-Type", "text/html").end("<h1>" + status + "</h1>");
    }).compose(server ->
        fetcher.get(URI.create(server.url("/404")), Conditional.none()).compose(notFound ->
        fetcher.get(URI.create(server.url("/410")), Conditional.none()).compose(gone ->
        failure(fetcher, server.url("/403")).map(forbidden -> {
          ctx.verify(() -> {
            assertThat(notFound.status()).isEqualTo(404);
            assertThat(notFound.gone()).isTrue();
            assertThat(notFound.body().length()).isZero();
            assertThat(gone.status()).isEqualTo(410);
            assertThat(forbidden.kind()).isEqualTo(Kind.HTTP_STATUS);
            assertThat(forbidden.status()).hasValue(403);
            assertThat(server.hits("/403")).isEqualTo(1);
          });
          return server;
        })))).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void requestsToOneHostAreSpacedByTheHostDelay(Vertx vertx, VertxTestContext ctx) {
    Duration delay = Duration.ofMillis(200);
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST.withHostDelay(delay));
    serve(vertx, "127.0.0.1", request -> json(request, "{}")).compose(server -> Future.all(
        fetcher.get(URI.create(server.url("/one")), Conditional.none()),
        fetcher.get(URI.create(server.url("/two")), Conditional.none()),
        fetcher.get(URI.create(server.url("/three")), Conditional.none())).map(all -> {
          ctx.verify(() -> {
            List<Long> at = server.arrivalNanos;
            assertThat(at).hasSize(3);
            assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(delay);
            assertThat(Duration.ofNanos(at.get(2) - at.get(1))).isGreaterThanOrEqualTo(delay);
          });
          return server;
        })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aServerThatNeverAnswersTimesOut(Vertx vertx, VertxTestContext ctx) {
    FetchLimits limits = FAST.withRequestTimeout(Duration.ofMillis(300)).withRetries(0, Duration.ofMillis(10),
        Duration.ofMillis(10));
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, limits);
    serve(vertx, "127.0.0.1", request -> { })
        .compose(server -> failure(fetcher, server.url("/silent")).map(silent -> {
          ctx.verify(() -> assertThat(silent.kind()).isEqualTo(Kind.TIMEOUT));
          return server;
        })).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void onlyPlainHttpUrlsWithoutCredentialsAreFetched(Vertx vertx, VertxTestContext ctx) {
    SafeFetcher fetcher = new SafeFetcher(vertx, PRIVATE_ALLOWED, FAST);
    Function<String, Future<FetchException>> fetch = url -> failure(fetcher, url);
    Future.all(List.of(
        fetch.apply("ftp://example.com/feed.xml"),
        fetch.apply("file:///etc/passwd"),
        fetch.apply("http://user:secret@example.com/feed.xml"),
        fetch.apply("mailto:jobs@example.com"),
        fetch.apply("/relative/feed.xml"),
        fetch.apply("http:///no-host"))).map(all -> {
          ctx.verify(() -> assertThat(all.<FetchException>list()).extracting(FetchException::kind)
              .containsOnly(Kind.BAD_URL));
          return all;
        }).onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    java.time.Instant now = java.time.Instant.parse("2015-10-21T07:28:00Z");

    assertThat(SafeFetcher.retryAfter("120", now)).contains(Duration.ofSeconds(120));
    assertThat(SafeFetcher.retryAfter("Wed, 21 Oct 2015 07:29:30 GMT", now)).contains(Duration.ofSeconds(90));
    assertThat(SafeFetcher.retryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now)).contains(Duration.ZERO);
    assertThat(SafeFetcher.retryAfter("soon", now)).isEqualTo(Optional.empty());
    assertThat(SafeFetcher.retryAfter(null, now)).isEmpty();
  }
}
