package com.jobswipe.feed;

import com.jobswipe.auth.Authn;
import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.Bus;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/ws}: a signed-in user's live application events. Every api instance of every node subscribes to
 * {@code applications.events} and writes each event to the sockets of its user that it holds, so a socket on
 * node A sees a task run on node B. A client that reconnects with the id of the last event it saw
 * ({@code Last-Event-ID} header or {@code lastEventId} query parameter) first gets what it missed, from the
 * audit log, then the live stream, without gaps or repeats. The sockets of one instance are only touched from
 * its event loop.
 */
final class LiveEvents {

  static final String PATH = "/v1/ws";
  private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
  private static final int MAX_SOCKETS_PER_USER = 5;
  private static final int REPLAY_LIMIT = 1_000;
  private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,18}");

  private final ApplicationStore store;
  private final Map<UUID, Set<Socket>> sockets = new HashMap<>();
  private MessageConsumer<JsonObject> consumer;

  LiveEvents(ApplicationStore store) {
    this.store = store;
  }

  Future<Void> start(EventBus bus) {
    consumer = Bus.APPLICATION_EVENTS.subscribe(bus, this::deliver);
    return consumer.completion();
  }

  Future<Void> close() {
    sockets.values().forEach(set -> set.forEach(socket -> socket.ws.close()));
    return consumer == null ? Future.succeededFuture() : consumer.unregister();
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    router.get("/v1/ws").handler(LiveEvents::hold).handler(LiveEvents::tokenFromQuery).handler(signedIn).handler(userLimit)
        .handler(Authn.usersOnly()).handler(this::upgrade);
  }

  /**
   * Browsers cannot set headers on a WebSocket handshake, so the access token may come as {@code access_token}
   * (the access log never records query strings).
   */
  private static void tokenFromQuery(RoutingContext ctx) {
    String token = ctx.request().getParam("access_token");
    if (ctx.request().getHeader("Authorization") == null && token != null) {
      ctx.request().headers().set("Authorization", "Bearer " + token);
    }
    ctx.next();
  }

  /** The handshake waits for authentication (a database read): the request stays paused until upgraded. */
  private static void hold(RoutingContext ctx) {
    ctx.request().pause();
    ctx.next();
  }

  private void upgrade(RoutingContext ctx) {
    UUID userId = Authn.principal(ctx).userId().orElseThrow();
    Optional<Long> lastEventId = lastEventId(ctx);
    if (sockets.getOrDefault(userId, Set.of()).size() >= MAX_SOCKETS_PER_USER) {
      throw new Problem(ProblemType.RATE_LIMITED, "At most " + MAX_SOCKETS_PER_USER + " live connections per user");
    }
    ctx.request().toWebSocket().onSuccess(ws -> {
      Socket socket = new Socket(ws, lastEventId.isPresent());
      sockets.computeIfAbsent(userId, id -> new LinkedHashSet<>()).add(socket);
      ws.closeHandler(closed -> forget(userId, socket));
      ws.textMessageHandler(text -> {
        if ("ping".equals(text)) {
          ws.writeTextMessage("{\"type\":\"pong\"}");
        }
      });
      ws.writeTextMessage(new JsonObject().put("type", "hello").encode());
      lastEventId.ifPresent(after -> replay(userId, socket, after));
    }).onFailure(e -> LOG.debug("WebSocket upgrade failed: {}", e.toString()));
  }

  private void replay(UUID userId, Socket socket, long after) {
    store.eventsAfter(userId, after, REPLAY_LIMIT).onComplete(result -> {
      long last = after;
      if (result.succeeded()) {
        for (Row row : result.result()) {
          JsonObject detail = Optional.ofNullable(row.getJsonObject("detail")).orElseGet(JsonObject::new);
          ApplicationEvent event = new ApplicationEvent(row.getLong("id"), row.getUUID("application_id").toString(),
              userId.toString(), detail.getString("status", row.getString("status")), row.getString("step"),
              row.getString("outcome"), row.getOffsetDateTime("started_at").toInstant().toString(), detail);
          socket.write(event);
          last = event.eventId();
        }
      } else {
        LOG.warn("replaying missed events failed: {}", result.cause().toString());
      }
      socket.live(last);
    });
  }

  private void deliver(ApplicationEvent event) {
    UUID userId;
    try {
      userId = UUID.fromString(event.userId());
    } catch (IllegalArgumentException | NullPointerException e) {
      return;
    }
    for (Socket socket : sockets.getOrDefault(userId, Set.of())) {
      socket.send(event);
    }
  }

  private void forget(UUID userId, Socket socket) {
    Set<Socket> mine = sockets.get(userId);
    if (mine != null) {
      mine.remove(socket);
      if (mine.isEmpty()) {
        sockets.remove(userId);
      }
    }
  }

  private static Optional<Long> lastEventId(RoutingContext ctx) {
    String value = Optional.ofNullable(ctx.request().getHeader("Last-Event-ID"))
        .orElse(ctx.request().getParam("lastEventId"));
    if (value == null) {
      return Optional.empty();
    }
    if (!EVENT_ID.matcher(value).matches()) {
      throw new Problem(ProblemType.VALIDATION, "lastEventId must be the eventId of an event this socket sent");
    }
    return Optional.of(Long.parseLong(value));
  }

  /** One client connection: while its missed events are replayed, live ones wait, then go out unless replayed. */
  private static final class Socket {
    private final ServerWebSocket ws;
    private boolean replaying;
    private List<ApplicationEvent> waiting = new ArrayList<>();

    Socket(ServerWebSocket ws, boolean replaying) {
      this.ws = ws;
      this.replaying = replaying;
    }

    void send(ApplicationEvent event) {
      if (replaying) {
        waiting.add(event);
      } else {
        write(event);
      }
    }

    void live(long replayedUpTo) {
      replaying = false;
      List<ApplicationEvent> held = waiting;
      waiting = new ArrayList<>();
      held.stream().filter(e -> e.eventId() > replayedUpTo).forEach(this::write);
    }

    void write(ApplicationEvent event) {
      if (ws.isClosed()) {
        return;
      }
      if (ws.writeQueueFull()) {
        // A client this far behind would only fall further: it reconnects with its last event id instead.
        ws.close((short) 1013, "too slow; reconnect with lastEventId");
        return;
      }
      ws.writeTextMessage(event.forClient().encode());
    }
  }
}
