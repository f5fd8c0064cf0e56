package com.jobswipe.automation.browser;

import com.jobswipe.net.AddressPolicy;
import com.jobswipe.net.AddressPolicy.Range;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.NetClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The proxy's HTTP side, spoken to byte by byte as a client other than Chromium would: absolute-URI requests go out
 * in origin form without proxy headers and come back marked {@code Connection: close}; a WebSocket upgrade over plain
 * HTTP reaches its server and carries frames both ways; refusals, unknown names and garbage get 403, 502 and 400, and
 * a refused server never sees a connection.
 */
@ExtendWith(VertxExtension.class)
class EgressProxyProtocolTest {

  /** RFC 6455's sample key and the accept value it must produce. */
  private static final String WS_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final String WS_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

  private final Queue<String> seen = new ConcurrentLinkedQueue<>();
  private int serverPort;
  private NetClient client;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext context) {
    HttpServer server = vertx.createHttpServer()
        .webSocketHandler(ws -> {
          seen.add("websocket " + ws.path());
          ws.handler(ws::write);
        })
        .requestHandler(request -> {
          seen.add(request.method() + " " + request.uri() + " host=" + request.getHeader("Host")
              + " proxy-connection=" + request.getHeader("Proxy-Connection"));
          request.response().putHeader("Connection", "keep-alive").end("hello");
        });
    client = vertx.createNetClient();
    server.listen(0, "127.0.0.1").onComplete(context.succeeding(listening -> {
      serverPort = listening.actualPort();
      context.completeNow();
    }));
  }

  @Test
  void anAbsoluteUriRequestGoesOutInOriginFormAndTheConnectionCloses(Vertx vertx, VertxTestContext context) {
    proxy(vertx, new AddressPolicy(true))
        .compose(port -> exchange(port, "GET http://127.0.0.1:" + serverPort + "/jobs?id=7 HTTP/1.1\r\n"
            + "Host: 127.0.0.1:" + serverPort + "\r\nProxy-Connection: keep-alive\r\n\r\n"))
        .onComplete(context.succeeding(response -> context.verify(() -> {
          assertThat(response).startsWith("HTTP/1.1 200").contains("Connection: close").endsWith("hello")
              .doesNotContain("keep-alive");
          assertThat(seen).containsExactly("GET /jobs?id=7 host=127.0.0.1:" + serverPort + " proxy-connection=null");
          context.completeNow();
        })));
  }

  @Test
  void aWebSocketUpgradeOverPlainHttpReachesItsServer(Vertx vertx, VertxTestContext context) {
    proxy(vertx, new AddressPolicy(true))
        .compose(port -> client.connect(port, "127.0.0.1"))
        .onComplete(context.succeeding(socket -> {
          Buffer received = Buffer.buffer();
          socket.handler(data -> {
            received.appendBuffer(data);
            String text = received.toString(StandardCharsets.ISO_8859_1);
            if (!text.contains("\r\n\r\n")) {
              return;
            }
            context.verify(() -> assertThat(text).startsWith("HTTP/1.1 101").contains(WS_ACCEPT));
            if (received.length() == text.indexOf("\r\n\r\n") + 4) {
              socket.write(maskedTextFrame("ping"));    // handshake done: send one frame
            } else if (text.endsWith("ping")) {           // the server's unmasked echo of it
              context.verify(() -> assertThat(seen).containsExactly("websocket /echo"));
              context.completeNow();
            }
          });
          socket.write("GET http://127.0.0.1:" + serverPort + "/echo HTTP/1.1\r\nHost: 127.0.0.1:" + serverPort
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + WS_KEY
              + "\r\nSec-WebSocket-Version: 13\r\nProxy-Connection: keep-alive\r\n\r\n");
        }));
  }

  @Test
  void aRefusedTargetGets403AndNoConnection(Vertx vertx, VertxTestContext context) {
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    EgressProxy proxy = new EgressProxy(new AddressPolicy(false), TestBrowsers.OFFLINE, metrics);
    vertx.deployVerticle(proxy)
        .compose(id -> exchange(proxy.port(), "CONNECT 127.0.0.1:" + serverPort + " HTTP/1.1\r\n\r\n"))
        .compose(connect -> exchange(proxy.port(), "GET http://[2002:7f00:1::]:" + serverPort + "/ HTTP/1.1\r\n\r\n")
            .map(sixToFour -> List.of(connect, sixToFour)))
        .onComplete(context.succeeding(responses -> context.verify(() -> {
          assertThat(responses).allSatisfy(r -> assertThat(r).startsWith("HTTP/1.1 403"));
          assertThat(proxy.refused(Range.LOOPBACK)).isEqualTo(2);
          assertThat(seen).isEmpty();
          context.completeNow();
        })));
  }

  @Test
  void unknownNamesAndGarbageAreAnsweredNotForwarded(Vertx vertx, VertxTestContext context) {
    proxy(vertx, new AddressPolicy(true))
        .compose(port -> exchange(port, "CONNECT nowhere.test:443 HTTP/1.1\r\n\r\n")
            .compose(unknown -> exchange(port, "GET /relative HTTP/1.1\r\nHost: x\r\n\r\n")
                .compose(relative -> exchange(port, "CONNECT 127.0.0.1 HTTP/1.1\r\n\r\n")
                    .map(noPort -> List.of(unknown, relative, noPort)))))
        .onComplete(context.succeeding(responses -> context.verify(() -> {
          assertThat(responses.get(0)).startsWith("HTTP/1.1 502");
          assertThat(responses.get(1)).startsWith("HTTP/1.1 400");
          assertThat(responses.get(2)).startsWith("HTTP/1.1 400");
          assertThat(seen).isEmpty();
          context.completeNow();
        })));
  }

  private Future<Integer> proxy(Vertx vertx, AddressPolicy policy) {
    EgressProxy proxy = new EgressProxy(policy, TestBrowsers.OFFLINE, new SimpleMeterRegistry());
    return vertx.deployVerticle(proxy).map(id -> proxy.port());
  }

  /** Sends {@code request} to the proxy and collects everything until the proxy closes the connection. */
  private Future<String> exchange(int port, String request) {
    return client.connect(port, "127.0.0.1").compose(socket -> {
      Promise<String> response = Promise.promise();
      Buffer received = Buffer.buffer();
      socket.handler(received::appendBuffer);
      socket.closeHandler(v -> response.complete(received.toString(StandardCharsets.ISO_8859_1)));
      socket.write(request);
      return response.future();
    });
  }

  /** A final text frame as a client must send it (masked; RFC 6455 §5.3). */
  private static Buffer maskedTextFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = {1, 2, 3, 4};
    Buffer frame = Buffer.buffer().appendByte((byte) 0x81).appendByte((byte) (0x80 | payload.length)).appendBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.appendByte((byte) (payload[i] ^ mask[i % 4]));
    }
    return frame;
  }
}
