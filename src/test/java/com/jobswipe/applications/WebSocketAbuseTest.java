package com.jobswipe.applications;

import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that abuse their live socket, against a real node: a flood of messages, a binary message, a message
 * over the size limit, a reader too slow for its events, and a user opening sockets by the dozen. Each abuser's
 * socket is closed with the code the app acts on (or its handshake refused), and every other socket — the same
 * user's and another user's — still answers.
 */
class WebSocketAbuseTest {

  private static final String PASSWORD = "correct battery horse staple 7";
  private static final int MESSAGES_PER_MINUTE = 20;
  private static final int MAX_PER_USER = 3;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static WebSocketClient sockets;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API), Map.of("JOBSWIPE_EMAIL_VERIFICATION", "off",
        "JOBSWIPE_WS_MESSAGES_PER_MINUTE", String.valueOf(MESSAGES_PER_MINUTE),
        "JOBSWIPE_WS_MAX_PER_USER", String.valueOf(MAX_PER_USER)));
    api = new Api(vertx, node.port());
    // Frames as long as the test asks for: the client would otherwise split the oversized message itself.
    sockets = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxFrameSize(1 << 20)
        .setMaxMessageSize(1 << 20));
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  private record User(String id, String token) {
  }

  private static User user() {
    String email = "abuse." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    JsonObject session = api.post("/v1/auth/register", new JsonObject().put("email", email).put("password", PASSWORD))
        .bodyAsJsonObject();
    return new User(session.getJsonObject("user").getString("id"), session.getString("accessToken"));
  }

  /** An open socket: every text message it received, in order, and the close code once it closed. */
  private record Live(WebSocket ws, LinkedBlockingQueue<JsonObject> received, Future<Short> closed) {

    /** The next message of this type, skipping others. */
    JsonObject next(String type) throws InterruptedException {
      Instant deadline = Instant.now().plus(WAIT);
      while (Instant.now().isBefore(deadline)) {
        JsonObject message = received.poll(100, TimeUnit.MILLISECONDS);
        if (message != null && type.equals(message.getString("type"))) {
          return message;
        }
      }
      throw new AssertionError("no " + type + " message within " + WAIT);
    }

    /** The socket still answers: a ping gets its pong. */
    void answers() throws InterruptedException {
      ws.writeTextMessage("ping").await();
      assertThat(next("pong")).isNotNull();
    }

    /** The code the socket was closed with; null when the connection ended without a close frame. */
    Short closeCode() throws TimeoutException {
      return closed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private static Future<Live> connect(User user) {
    LinkedBlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    Promise<Short> closed = Promise.promise();
    ClientWebSocket ws = sockets.webSocket();
    ws.textMessageHandler(text -> received.add(new JsonObject(text)));
    ws.closeHandler(done -> closed.tryComplete(ws.closeStatusCode()));
    return ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(node.port()).setURI("/v1/ws")
        .addHeader("Authorization", "Bearer " + user.token())).map(open -> new Live(open, received, closed.future()));
  }

  private static Live open(User user) throws InterruptedException {
    Live live = connect(user).await();
    live.next("hello");
    return live;
  }

  private static double closedFor(String reason) {
    MeterRegistry registry = node.app().node().metrics();
    Counter counter = registry.find("jobswipe_websockets_closed").tag("reason", reason).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aSocketSendingMoreThanItsBudgetIsClosedWith1008AndNoOtherIs() throws Exception {
    User flooder = user();
    User bystander = user();
    Live flood = open(flooder);
    Live calm = open(flooder);
    Live other = open(bystander);

    // Ten minutes' worth at once: the budget refills at 20 a minute, so no machine sends these slowly enough.
    for (int i = 0; i < 10 * MESSAGES_PER_MINUTE; i++) {
      flood.ws().writeTextMessage("ping");
    }

    assertThat(flood.closeCode()).isEqualTo((short) 1008);
    calm.answers();
    other.answers();
    assertThat(closedFor("flooding")).isGreaterThanOrEqualTo(1);
    calm.ws().close().await();
    other.ws().close().await();
  }

  @Test
  void aBinaryMessageClosesTheSocketWith1003() throws Exception {
    User user = user();
    Live binary = open(user);
    Live text = open(user);

    binary.ws().writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));

    assertThat(binary.closeCode()).isEqualTo((short) 1003);
    text.answers();
    text.ws().close().await();
  }

  @Test
  void aMessageOverTheLimitIsRefusedWith1009BeforeItIsReadWhole() throws Exception {
    User user = user();
    Live oversized = open(user);
    Live fragmented = open(user);
    Live bystander = open(user());
    String nineKiB = "x".repeat(9 * 1024);

    oversized.ws().writeTextMessage(nineKiB);
    // The same length in frames under the limit: the message as a whole is still too long.
    fragmented.ws().writeFrame(WebSocketFrame.textFrame(nineKiB.substring(0, 4096), false));
    fragmented.ws().writeFrame(WebSocketFrame.continuationFrame(
        Buffer.buffer(nineKiB.substring(4096)), true));

    assertThat(oversized.closeCode()).isEqualTo((short) 1009);
    assertThat(fragmented.closeCode()).isEqualTo((short) 1009);
    bystander.answers();
    bystander.ws().close().await();
  }

  @Test
  void aReaderTooSlowForItsEventsIsClosedAndTheOthersKeepReceiving() throws Exception {
    User slowUser = user();
    User other = user();
    Live slow = open(slowUser);
    Live fast = open(other);
    slow.ws().pause();
    double before = closedFor("too_slow");
    var bus = node.app().vertx().eventBus();
    JsonObject bulky = new JsonObject().put("note", "y".repeat(4_096));

    // Events for the paused reader until the node gives up on it: its kernel buffers (a few MB) fill first.
    long sent = 0;
    while (closedFor("too_slow") == before) {
      assertThat(sent).as("events sent before the node closed the slow socket").isLessThan(50_000);
      for (int i = 0; i < 100; i++) {
        Bus.APPLICATION_EVENTS.publish(bus, new ApplicationEvent(++sent, UUID.randomUUID().toString(), slowUser.id(),
            "RUNNING", "open", "ok", Instant.now().toString(), bulky));
      }
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
    Bus.APPLICATION_EVENTS.publish(bus, new ApplicationEvent(1, UUID.randomUUID().toString(), other.id(), "RUNNING",
        "open", "ok", Instant.now().toString(), new JsonObject()));

    assertThat(fast.next("application").getLong("eventId")).isEqualTo(1);
    fast.answers();
    slow.ws().resume();
    slow.closed().await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    fast.ws().close().await();
  }

  @Test
  void dozensOfSocketsAtOnceGetTheCapAndTheRestAreRefusedWith429() throws Exception {
    User hoarder = user();
    List<Future<Live>> attempts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      attempts.add(connect(hoarder));
    }
    Future.join(attempts).otherwiseEmpty().await();

    List<Live> open = attempts.stream().filter(Future::succeeded).map(Future::result).toList();
    assertThat(open).hasSize(MAX_PER_USER);
    assertThat(attempts.stream().filter(Future::failed).map(Future::cause))
        .hasSize(40 - MAX_PER_USER)
        .allSatisfy(refused -> assertThat(((UpgradeRejectedException) refused).getStatus()).isEqualTo(429));
    for (Live live : open) {
      live.next("hello");
      live.answers();
    }
    Live someoneElse = open(user());
    someoneElse.answers();
    someoneElse.ws().close().await();
    for (Live live : open) {
      live.ws().close().await();
    }
  }
}
