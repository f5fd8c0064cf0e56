package com.jobswipe.automation.browser;

import com.jobswipe.net.AddressPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The only way out for our Chromiums: an HTTP proxy on 127.0.0.1 that every browser of the {@link BrowserPool} is
 * launched behind. Employer pages are third-party content; this is where their traffic — documents, frames,
 * fetches, WebSockets, TURN over TCP — is held to the {@link AddressPolicy} every fetcher of the app obeys.
 *
 * <p>For each client connection the proxy reads one request head, resolves its host <em>once</em> (off the event
 * loop), refuses with 403 when any address is refused by the policy, and otherwise connects to the address it
 * checked — never to the name, so a DNS answer that changes after the check (rebinding) reaches nothing new. Then it
 * only moves bytes:
 * <ul>
 *   <li>{@code CONNECT host:port} (TLS, and WebSockets, which Chromium always tunnels through a proxy): answers
 *       200 and splices the two sockets;</li>
 *   <li>an absolute-URI request ({@code GET http://host:port/path}, plain-HTTP WebSocket upgrades included): sends
 *       it on in origin form without the proxy's hop-by-hop headers and with {@code Connection: close} (kept as
 *       {@code Upgrade} for an upgrade), marks the response head {@code Connection: close} too, and closes the
 *       client's connection when the upstream one ends. One request per connection is what keeps a kept-alive
 *       client connection from carrying a request for another host to the address checked for this one.</li>
 * </ul>
 * Refusals are counted ({@code jobswipe_browser_egress_refused_total}, by refused range) and logged at debug with
 * the host only; paths and queries may carry personal data.
 *
 * <p>Deployed by {@link BrowserPool#start}; its handlers run on an event loop and never block.
 */
final class EgressProxy extends VerticleBase {

  /** Resolves a host name (or parses an IP literal); blocking, so the proxy calls it on a worker thread. */
  @FunctionalInterface
  interface Resolver {
    Resolver SYSTEM = host -> List.of(InetAddress.getAllByName(host));

    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  private static final Logger log = LoggerFactory.getLogger(EgressProxy.class);
  /** Chromium's request heads are a few KiB; anything near this is not a browser talking. */
  private static final int MAX_HEAD_BYTES = 64 * 1024;
  private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
  /**
   * Threads for look-ups. Their own few, not Vert.x's shared worker pool: a page naming many hosts whose DNS
   * does not answer must not starve the node's other blocking work; it only queues its own look-ups.
   */
  private static final int RESOLVER_THREADS = 4;
  /** A tunnel nobody uses for this long is dropped; a long-poll or WebSocket with traffic stays open. */
  private static final int IDLE_TIMEOUT_SECONDS = 300;
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "proxy-connection", "keep-alive",
      "proxy-authorization", "proxy-authenticate", "te", "trailer");
  static final String REFUSED_METRIC = "jobswipe_browser_egress_refused";

  private final AddressPolicy policy;
  private final Resolver resolver;
  private final MeterRegistry metrics;
  private NetClient client;
  private NetServer server;
  private WorkerExecutor resolving;

  EgressProxy(AddressPolicy policy, Resolver resolver, MeterRegistry metrics) {
    this.policy = Objects.requireNonNull(policy);
    this.resolver = Objects.requireNonNull(resolver);
    this.metrics = Objects.requireNonNull(metrics);
  }

  @Override
  public Future<?> start() {
    resolving = vertx.createSharedWorkerExecutor("jobswipe-egress-resolver", RESOLVER_THREADS);
    client = vertx.createNetClient(new NetClientOptions().setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
        .setIdleTimeout(IDLE_TIMEOUT_SECONDS));
    server = vertx.createNetServer(new NetServerOptions().setIdleTimeout(IDLE_TIMEOUT_SECONDS));
    server.connectHandler(this::accept);
    return server.listen(0, "127.0.0.1");
  }

  @Override
  public Future<?> stop() {
    return resolving.close();
  }

  /** The port Chromium is pointed at; valid once deployed. */
  int port() {
    return server.actualPort();
  }

  /** How many requests were refused for an address in {@code range}, e.g. {@code LOOPBACK}. */
  double refused(AddressPolicy.Range range) {
    Counter counter = metrics.find(REFUSED_METRIC).tag("range", range.name()).counter();
    return counter == null ? 0 : counter.count();
  }

  private void accept(NetSocket socket) {
    Buffer head = Buffer.buffer();
    // The client may hang up while its host resolves or the upstream connects; then the upstream is closed at once.
    boolean[] hungUp = {false};
    socket.closeHandler(v -> hungUp[0] = true);
    socket.handler(data -> {
      head.appendBuffer(data);
      int end = headEnd(head);
      if (end < 0) {
        if (head.length() > MAX_HEAD_BYTES) {
          socket.handler(null);
          answer(socket, 431, "Request Header Fields Too Large");
        }
        return;
      }
      socket.pause();
      socket.handler(null);
      Optional<Request> request = Request.parse(head.getString(0, end, StandardCharsets.ISO_8859_1.name()));
      Buffer rest = head.getBuffer(end + 4, head.length());
      if (request.isEmpty()) {
        answer(socket, 400, "Bad Request");
      } else {
        forward(socket, request.get(), rest, hungUp);
      }
    });
  }

  private void forward(NetSocket socket, Request request, Buffer rest, boolean[] hungUp) {
    resolving.<List<InetAddress>>executeBlocking(() -> resolver.resolve(request.host()), false)
        .onFailure(err -> {
          log.debug("egress: {} does not resolve", request.host());
          answer(socket, 502, "Bad Gateway");
        })
        .onSuccess(addresses -> {
          Optional<AddressPolicy.Range> refused = refusal(addresses);
          if (refused.isPresent()) {
            Counter.builder(REFUSED_METRIC).description("Browser connections the egress proxy refused, by address range")
                .tag("range", refused.get().name()).register(metrics).increment();
            log.debug("egress refused: {} resolves into {}", request.host(), refused.get().blocks());
            answer(socket, 403, "Forbidden");
            return;
          }
          // The address just checked, as an address: given a name, the client would resolve it again.
          InetSocketAddress target = new InetSocketAddress(addresses.get(0), request.port());
          client.connect(SocketAddress.inetSocketAddress(target))
              .onFailure(err -> {
                log.debug("egress: cannot connect to {}: {}", request.host(), err.getMessage());
                answer(socket, 502, "Bad Gateway");
              })
              .onSuccess(upstream -> {
                if (hungUp[0]) {
                  upstream.close();
                } else {
                  splice(socket, upstream, request, rest);
                }
              });
        });
  }

  private Optional<AddressPolicy.Range> refusal(List<InetAddress> addresses) {
    if (addresses.isEmpty()) {
      return Optional.of(AddressPolicy.Range.UNSPECIFIED);
    }
    for (InetAddress address : addresses) {
      if (!policy.isPublic(address)) {
        return Optional.of(AddressPolicy.refusedRange(address).orElse(AddressPolicy.Range.NOT_GLOBAL_UNICAST));
      }
    }
    return Optional.empty();
  }

  private void splice(NetSocket socket, NetSocket upstream, Request request, Buffer rest) {
    socket.closeHandler(v -> upstream.close());
    upstream.closeHandler(v -> socket.close());
    if (request.tunnel()) {
      socket.write("HTTP/1.1 200 Connection established\r\n\r\n");
      upstream.pipeTo(socket);
    } else {
      upstream.write(request.originForm());
      if (request.upgrade()) {
        upstream.pipeTo(socket);
      } else {
        closingResponse(upstream, socket);
      }
    }
    if (rest.length() > 0) {
      upstream.write(rest);
    }
    socket.pipeTo(upstream);
  }

  /**
   * Copies the upstream response to the client with {@code Connection: close} in its head, so the client opens a
   * new connection (and gets a new check) for its next request.
   */
  private static void closingResponse(NetSocket upstream, NetSocket socket) {
    Buffer head = Buffer.buffer();
    upstream.handler(data -> {
      head.appendBuffer(data);
      int end = headEnd(head);
      if (end < 0) {
        if (head.length() > MAX_HEAD_BYTES) {
          upstream.close();
        }
        return;
      }
      upstream.handler(null);
      String[] lines = head.getString(0, end, StandardCharsets.ISO_8859_1.name()).split("\r\n", -1);
      StringBuilder rewritten = new StringBuilder(lines[0]).append("\r\n");
      for (int i = 1; i < lines.length; i++) {
        if (!HOP_BY_HOP.contains(headerName(lines[i]))) {
          rewritten.append(lines[i]).append("\r\n");
        }
      }
      rewritten.append("Connection: close\r\nProxy-Connection: close\r\n\r\n");
      socket.write(Buffer.buffer(rewritten.toString(), StandardCharsets.ISO_8859_1.name()));
      socket.write(head.getBuffer(end + 4, head.length()));
      upstream.pipeTo(socket);
    });
  }

  private static void answer(NetSocket socket, int status, String reason) {
    String body = status + " " + reason + "\n";
    socket.write("HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain\r\nContent-Length: "
            + body.length() + "\r\nConnection: close\r\nProxy-Connection: close\r\n\r\n" + body)
        .eventually(socket::close);
  }

  /** Index of the blank line's CR ending a head, or -1. */
  static int headEnd(Buffer buffer) {
    for (int i = 0; i + 3 < buffer.length(); i++) {
      if (buffer.getByte(i) == '\r' && buffer.getByte(i + 1) == '\n' && buffer.getByte(i + 2) == '\r'
          && buffer.getByte(i + 3) == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static String headerName(String line) {
    int colon = line.indexOf(':');
    return colon < 0 ? "" : line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
  }

  /**
   * One request head, as far as a proxy cares.
   *
   * @param tunnel a CONNECT
   * @param host the name or IP literal to resolve (IPv6 without brackets)
   * @param upgrade an absolute-URI request asking to upgrade the connection (a WebSocket over plain HTTP)
   * @param originForm for an absolute-URI request, the head to send upstream
   */
  record Request(boolean tunnel, String host, int port, boolean upgrade, Buffer originForm) {

    static Optional<Request> parse(String head) {
      String[] lines = head.split("\r\n", -1);
      String[] requestLine = lines[0].split(" ", -1);
      if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        return Optional.empty();
      }
      String method = requestLine[0];
      if (method.equals("CONNECT")) {
        return authority(requestLine[1]).map(a -> new Request(true, a.host, a.port, false, Buffer.buffer()));
      }
      URI uri;
      try {
        uri = new URI(requestLine[1]);
      } catch (java.net.URISyntaxException e) {
        return Optional.empty();
      }
      if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawAuthority() == null
          || uri.getRawUserInfo() != null) {
        return Optional.empty();
      }
      boolean upgrade = false;
      for (int i = 1; i < lines.length; i++) {
        String name = headerName(lines[i]);
        if (name.equals("upgrade")) {
          upgrade = true;
        }
      }
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      StringBuilder out = new StringBuilder(method).append(' ').append(path).append(query).append(' ')
          .append(requestLine[2]).append("\r\n");
      out.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
      for (int i = 1; i < lines.length; i++) {
        String name = headerName(lines[i]);
        if (!name.isEmpty() && !name.equals("host") && !HOP_BY_HOP.contains(name)) {
          out.append(lines[i]).append("\r\n");
        }
      }
      out.append(upgrade ? "Connection: Upgrade\r\n" : "Connection: close\r\n").append("\r\n");
      String host = bare(uri.getHost());
      int port = uri.getPort() < 0 ? 80 : uri.getPort();
      return Optional.of(new Request(false, host, port, upgrade,
          Buffer.buffer(out.toString(), StandardCharsets.ISO_8859_1.name())));
    }

    private record Authority(String host, int port) {
    }

    /** {@code host:port} or {@code [v6]:port}, the port required. */
    private static Optional<Authority> authority(String target) {
      int colon = target.lastIndexOf(':');
      if (colon <= 0 || colon == target.length() - 1) {
        return Optional.empty();
      }
      String host = bare(target.substring(0, colon));
      int port;
      try {
        port = Integer.parseInt(target.substring(colon + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
      if (port < 1 || port > 65_535 || host.isEmpty() || host.contains("[") || host.contains("]")
          || (host.contains(":") && !target.startsWith("["))) {
        return Optional.empty();
      }
      return Optional.of(new Authority(host, port));
    }

    private static String bare(String host) {
      return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
  }
}
