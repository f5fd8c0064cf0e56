package com.jobswipe.automation.browser;

import com.jobswipe.net.AddressPolicy;
import com.jobswipe.net.AddressPolicy.Range;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An employer page, in Debian's Chromium launched exactly as the pool launches it but without Playwright's request
 * routing, tries to reach inside: {@code fetch()}, a WebSocket and an iframe to a server on 127.0.0.1, to a name
 * that resolves to loopback (DNS rebinding) and to the cloud metadata address, and a WebRTC peer connection with a
 * STUN server on 127.0.0.1. The page itself is served from 127.0.0.2, the one private address the policy lets
 * through. Nothing reaches the inside servers; the proxy counts its refusals.
 */
class EgressProxyTest {

  private static final String PAGE_HOST = "127.0.0.2";

  private static Vertx vertx;
  private static SimpleMeterRegistry metrics;
  private static EgressProxy proxy;
  private static BrowserSlot slot;
  private static final Queue<String> insideConnections = new ConcurrentLinkedQueue<>();
  private static final Queue<String> insidePackets = new ConcurrentLinkedQueue<>();
  private static int insidePort;
  private static int stunPort;
  private static int pagePort;
  private static final CompletableFuture<String> probeReport = new CompletableFuture<>();

  /** Names a hostile page might use: one rebound to loopback, one to the metadata service; IP literals parsed. */
  private static final EgressProxy.Resolver RESOLVER = host -> {
    Map<String, String> names = Map.of("rebind.test", "127.0.0.1", "metadata.test", "169.254.169.254");
    if (names.containsKey(host)) {
      return List.of(InetAddress.getByName(names.get(host)));
    }
    return TestBrowsers.OFFLINE.resolve(host);
  };

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(TestBrowsers.CHROMIUM)) {
      throw new IllegalStateException("this test drives a real Chromium; none at " + TestBrowsers.CHROMIUM);
    }
    vertx = Vertx.vertx();
    metrics = new SimpleMeterRegistry();
    NetServer inside = vertx.createNetServer().connectHandler(socket -> {
      insideConnections.add(socket.remoteAddress().toString());
      socket.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\ninside").eventually(socket::close);
    });
    insidePort = await(inside.listen(0, "127.0.0.1")).actualPort();
    DatagramSocket stun = vertx.createDatagramSocket();
    stun.handler(packet -> insidePackets.add(packet.sender().toString()));
    stunPort = await(stun.listen(0, "127.0.0.1")).localAddress().port();
    HttpServer page = vertx.createHttpServer()
        .webSocketHandler(ws -> ws.handler(ws::write))
        .requestHandler(request -> {
          switch (request.path()) {
            case "/posting" -> request.response().putHeader("Content-Type", "text/html").end(html());
            case "/own" -> request.response().putHeader("Access-Control-Allow-Origin", "*").end("own");
            case "/socket-probe" -> request.response().putHeader("Content-Type", "text/html").end(socketProbe());
            case "/report" -> {
              probeReport.complete(request.getParam("socket"));
              request.response().end();
            }
            default -> request.response().setStatusCode(404).end();
          }
        });
    pagePort = await(page.listen(0, PAGE_HOST)).actualPort();
    proxy = new EgressProxy(new AddressPolicy(a -> a.getHostAddress().equals(PAGE_HOST)), RESOLVER, metrics);
    await(vertx.deployVerticle(proxy));
    slot = new BrowserSlot(0, TestBrowsers.options(1, Duration.ofSeconds(20)), proxy.port());
  }

  @AfterAll
  static void stop() throws Exception {
    if (slot != null) {
      slot.shutdown(10);
    }
    if (vertx != null) {
      await(vertx.close());
    }
  }

  @Test
  void aPageReachesNothingInsideByFetchWebSocketFrameOrWebRtc() throws Exception {
    String results = onPage(page -> {
      page.navigate("http://" + PAGE_HOST + ":" + pagePort + "/posting");
      page.waitForFunction("document.title === 'done'");
      return (String) page.evaluate("JSON.stringify(window.results)");
    });

    assertThat(insideConnections).as("connections to the inside server").isEmpty();
    assertThat(insidePackets).as("UDP packets to the inside STUN server").isEmpty();
    // fetch, WebSocket and iframe to 127.0.0.1 and to rebind.test; fetch and iframe to the metadata address and name.
    assertThat(proxy.refused(Range.LOOPBACK)).isGreaterThanOrEqualTo(6);
    assertThat(proxy.refused(Range.LINK_LOCAL)).isGreaterThanOrEqualTo(4);
    assertThat(results)
        .contains("\"ownFetch\":\"reached:200\"", "\"ownSocket\":\"reached\"")
        .contains("\"loopbackSocket\":\"failed\"", "\"reboundSocket\":\"failed\"")
        .doesNotContain("typ host", "typ srflx");
  }

  @Test
  void thePoolsBrowsersGoThroughItsProxy() throws Exception {
    BrowserPool.Options options = new BrowserPool.Options(TestBrowsers.CHROMIUM, 1, Duration.ofSeconds(20),
        Duration.ofSeconds(60), new AddressPolicy(a -> a.getHostAddress().equals(PAGE_HOST)), List.of());
    try (BrowserPool pool = await(BrowserPool.start(vertx, options, new SimpleMeterRegistry(), RESOLVER));
         FormRun run = pool.newRun().value()) {
      // The page's WebSocket to 127.0.0.1 is the request Playwright's route never sees: only the proxy can stop it.
      assertThat(run.open(URI.create("http://" + PAGE_HOST + ":" + pagePort + "/socket-probe")).isOk()).isTrue();

      assertThat(probeReport.get(60, TimeUnit.SECONDS)).isEqualTo("failed");
      assertThat(insideConnections).isEmpty();
      assertThat(pool.proxy().refused(Range.LOOPBACK)).isEqualTo(1);
    }
  }

  /** A form page whose script opens a WebSocket to the inside server and reports how it went. */
  private static String socketProbe() {
    return """
        <!doctype html><html><body><form><label>Email <input name="email" type="email"></label></form><script>
        const ws = new WebSocket('ws://127.0.0.1:INSIDE_PORT/socket');
        ws.onopen = () => fetch('/report?socket=reached');
        ws.onerror = () => fetch('/report?socket=failed');
        </script></body></html>
        """.replace("INSIDE_PORT", String.valueOf(insidePort));
  }

  /** The page: allowed traffic to its own host first (proving the proxy carries it), then every way inside. */
  private static String html() {
    String inside = "127.0.0.1:" + insidePort;
    String own = PAGE_HOST + ":" + pagePort;
    return """
        <!doctype html><html><head><title>Kotlin Engineer</title></head><body><h1>Apply</h1><script>
        const results = {};
        window.results = results;
        async function fetched(url) {
          try { const r = await fetch(url, {mode: 'no-cors', cache: 'no-store'}); return 'reached:' + r.status; }
          catch (e) { return 'failed'; }
        }
        function socket(url) {
          return new Promise(done => {
            const ws = new WebSocket(url);
            ws.onopen = () => { ws.send('hi'); };
            ws.onmessage = () => { ws.close(); done('reached'); };
            ws.onerror = () => done('failed');
          });
        }
        function frame(url) {
          return new Promise(done => {
            const f = document.createElement('iframe');
            f.onload = () => done('loaded');
            f.src = url;
            document.body.appendChild(f);
          });
        }
        function peer(stun) {
          return new Promise(done => {
            const pc = new RTCPeerConnection({iceServers: [{urls: stun}]});
            const candidates = [];
            pc.onicecandidate = e => { if (e.candidate) { candidates.push(e.candidate.candidate); } else { done(candidates); } };
            pc.createDataChannel('probe');
            pc.createOffer().then(offer => pc.setLocalDescription(offer));
          });
        }
        (async () => {
          results.ownFetch = await fetched('http://OWN/own');
          results.ownSocket = await socket('ws://OWN/echo');
          const attempts = {
            loopbackFetch: fetched('http://INSIDE/'),
            reboundFetch: fetched('http://rebind.test:INSIDE_PORT/'),
            metadataFetch: fetched('http://169.254.169.254/latest/meta-data/'),
            metadataNameFetch: fetched('http://metadata.test/latest/meta-data/'),
            loopbackSocket: socket('ws://INSIDE/socket'),
            reboundSocket: socket('ws://rebind.test:INSIDE_PORT/socket'),
            loopbackFrame: frame('http://INSIDE/frame'),
            reboundFrame: frame('http://rebind.test:INSIDE_PORT/frame'),
            metadataFrame: frame('http://169.254.169.254/latest/meta-data/iam/'),
            metadataNameFrame: frame('http://metadata.test/latest/meta-data/iam/'),
            candidates: peer('stun:127.0.0.1:STUN_PORT'),
          };
          for (const [name, attempt] of Object.entries(attempts)) {
            results[name] = await attempt;
          }
          document.title = 'done';
        })();
        </script></body></html>
        """.replace("INSIDE_PORT", String.valueOf(insidePort)).replace("INSIDE", inside).replace("OWN", own)
        .replace("STUN_PORT", String.valueOf(stunPort));
  }

  private interface PageWork<T> {
    T on(Page page) throws Exception;
  }

  /** Runs {@code work} on a fresh page of the slot's Chromium, on the slot's thread (Playwright is single-threaded). */
  private static <T> T onPage(PageWork<T> work) throws Exception {
    Future<T> result = slot.submit(() -> {
      BrowserContext context = slot.browser().newContext();
      try {
        Page page = context.newPage();
        page.setDefaultTimeout(30_000);
        return work.on(page);
      } finally {
        context.close();
      }
    });
    return result.get(90, TimeUnit.SECONDS);
  }

  private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
