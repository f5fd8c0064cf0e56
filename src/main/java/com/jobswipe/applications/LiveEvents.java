package com.jobswipe.applications;

import com.jobswipe.auth.AuthMemory;
import com.jobswipe.auth.Authn;
import com.jobswipe.auth.Principal;
import com.jobswipe.auth.Proof;
import com.jobswipe.bus.AccountMessages.SessionsEnded;
import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.NotificationEvent;
import com.jobswipe.config.SocketConfig;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.edge.Replies;
import com.jobswipe.edge.RequestIds;
import com.jobswipe.edge.Requests;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/ws}: a signed-in user's live application events. Every api instance of every node subscribes to
 * {@code applications.events} and writes each event to the sockets of its user that it holds, so a socket on
 * node A sees a task run on node B. A client that reconnects with the id of the last event it saw
 * ({@code Last-Event-ID} header or {@code lastEventId} query parameter) first gets what it missed, from the
 * audit log, then the live stream, without gaps or repeats. Notifications ({@code type: notification}, from
 * {@code notifications.created}) follow the same rule with their own counter: a client that reconnects with the
 * {@code seq} of the last one it saw ({@code Last-Notification-ID} header or {@code lastNotificationId} parameter)
 * first gets the ones it missed, from the inbox. The sockets of one instance are only touched from
 * its event loop.
 *
 * <p>A socket lives no longer than what let it in: it is closed with {@link Closing#SESSION_ENDED} when its session
 * ends (sign-out, revocation, refresh-token reuse, password reset — on whichever node), with
 * {@link Closing#ACCOUNT_CHANGED} when the account is erased or changes role, and with {@link Closing#TOKEN_EXPIRED} when its
 * access token expires, unless the client sent a fresh one over the socket before then
 * ({@code {"type":"auth","accessToken":"…"}}, answered {@code {"type":"auth-ok","expiresAt":"…"}}).
 *
 * <p>The handshake authenticates with {@code Authorization: Bearer}, with {@code access_token} in the query (the
 * mobile app), or with a one-time {@code ticket} from {@code POST /v1/ws/ticket} (browsers, which cannot set
 * headers on a socket and should not put a token in a URL). A handshake that carries an {@code Origin} is refused
 * with 403 before the upgrade unless that origin is this API's own or one of the CORS origins: a page elsewhere
 * cannot open a socket with the credentials of the browser it runs in. A user holds at most
 * {@code sockets.maxPerUser} sockets across the whole cluster (see {@link SocketLeases}).
 *
 * <p>A socket is closed, and counted in {@code jobswipe_websockets_closed_total{reason}}, when it sends more than
 * {@code sockets.messagesPerMinute} messages (1008), a binary message (1003) or a message over
 * {@link #MAX_CLIENT_MESSAGE_BYTES} (1009, by the server before it is read whole), or cannot keep up with its
 * events (1013): the other sockets, of that user or anyone else's, do not notice.
 */
final class LiveEvents {

  static final String PATH = "/v1/ws";
  private static final Logger LOG = LoggerFactory.getLogger(LiveEvents.class);
  /** Local-only: the user id (a string) one of whose sockets closed and gave back its slot. */
  static final String SLOT_FREED = "live.socket-slot-freed.local";
  private static final int REPLAY_LIMIT = 1_000;
  private static final Pattern EVENT_ID = Pattern.compile("[0-9]{1,18}");

  /**
   * The largest message a client may send (a fresh access token is about 1 KiB): a longer frame or message is
   * refused by the server with 1009 before it is read whole.
   */
  static final int MAX_CLIENT_MESSAGE_BYTES = 8 * 1024;

  /** Why this node closes a socket: the close code the client acts on, the reason sent, the meter's tag. */
  enum Closing {
    /** Sign in again. */
    SESSION_ENDED(4001, "session ended"),
    /** Reconnect (or sign in again). */
    ACCOUNT_CHANGED(4002, "account changed"),
    /** Reconnect with a fresh token. */
    TOKEN_EXPIRED(4003, "access token expired"),
    OTHER_ACCOUNT(1008, "a token of another account"),
    FLOODING(1008, "too many messages; see sockets.messagesPerMinute"),
    BINARY(1003, "this socket takes text messages only"),
    TOO_BIG(1009, "a message over 8 KiB"),
    MALFORMED(1002, "a malformed frame"),
    /** A client this far behind would only fall further: it reconnects with its last ids instead. */
    TOO_SLOW(1013, "too slow; reconnect with lastEventId and lastNotificationId");

    final short code;
    final String reason;

    Closing(int code, String reason) {
      this.code = (short) code;
      this.reason = reason;
    }

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Vertx vertx;
  private final ApplicationStore store;
  private final Authn authn;
  private final SocketTickets tickets;
  private final SocketLeases leases;
  private final int maxPerUser;
  private final int messagesPerMinute;
  private final Set<String> corsOrigins;
  private final Map<UUID, Set<Socket>> sockets = new HashMap<>();
  /** Sockets open on this node, all instances together, and those it closed. */
  private final SocketMeters meters;
  private final List<MessageConsumer<?>> consumers = new ArrayList<>();
  private long renewal = -1;

  LiveEvents(Vertx vertx, ApplicationStore store, Authn authn, SocketTickets tickets, SocketLeases leases,
             SocketConfig limits, List<String> corsOrigins, SocketMeters meters) {
    this.vertx = vertx;
    this.meters = meters;
    this.store = store;
    this.authn = authn;
    this.tickets = tickets;
    this.leases = leases;
    this.maxPerUser = limits.maxPerUser();
    this.messagesPerMinute = limits.messagesPerMinute();
    this.corsOrigins = corsOrigins.stream().map(LiveEvents::normalizedOrigin).collect(Collectors.toUnmodifiableSet());
  }

  Future<Void> start(EventBus bus) {
    consumers.add(Bus.APPLICATION_EVENTS.subscribe(bus, this::deliver));
    consumers.add(bus.<String>localConsumer(AuthMemory.FORGOTTEN, message ->
        closeWhere(socket -> socket.userId.toString().equals(message.body()), Closing.ACCOUNT_CHANGED)));
    consumers.add(bus.<JsonObject>localConsumer(AuthMemory.SESSIONS_ENDED, message -> {
      Set<String> ended = Set.copyOf(SessionsEnded.fromJson(message.body()).sessionIds());
      closeWhere(socket -> ended.contains(socket.sessionId.toString()), Closing.SESSION_ENDED);
    }));
    consumers.add(Bus.NOTIFICATIONS.subscribe(bus, this::deliverNotification));
    renewal = vertx.setPeriodic(leases.ttl().toMillis() / 3, id -> renewLeases());
    return Future.all(consumers.stream().map(MessageConsumer::completion).toList()).mapEmpty();
  }

  Future<Void> close() {
    vertx.cancelTimer(renewal);
    sockets.values().forEach(set -> set.forEach(socket -> socket.ws.close()));
    return Future.all(consumers.stream().map(MessageConsumer::unregister).toList()).mapEmpty();
  }

  private void closeWhere(Predicate<Socket> which, Closing why) {
    List<Socket> closing = sockets.values().stream().flatMap(Set::stream).filter(which).toList();
    closing.forEach(socket -> socket.close(why));
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    router.get("/v1/ws").handler(LiveEvents::hold).handler(this::checkOrigin).handler(LiveEvents::tokenFromQuery)
        .handler(admission(signedIn)).handler(userLimit).handler(Authn.usersOnly()).handler(this::upgrade);
    router.post("/v1/ws/ticket").handler(signedIn).handler(userLimit).handler(Authn.usersOnly())
        .handler(this::issueTicket);
  }

  /**
   * Browsers send the page's origin on every socket handshake and let any page open a socket to any host, with
   * that browser's cookies or whatever the page got hold of: only our own origin and the configured CORS origins
   * may. Clients that send no {@code Origin} (the mobile app, servers) are not browsers and pass.
   */
  private void checkOrigin(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && !corsOrigins.contains(normalizedOrigin(origin)) && !sameOrigin(origin, ctx)) {
      throw new Problem(ProblemType.FORBIDDEN, "Sockets may not be opened from this origin");
    }
    ctx.next();
  }

  private static boolean sameOrigin(String origin, RoutingContext ctx) {
    String host = ctx.request().getHeader("Host");
    try {
      String authority = URI.create(origin).getRawAuthority();
      return host != null && authority != null && authority.equalsIgnoreCase(host);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String normalizedOrigin(String origin) {
    String trimmed = origin.trim().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }

  /** {@code POST /v1/ws/ticket}: a ticket for one socket of the caller's session, within 30 seconds. */
  private void issueTicket(RoutingContext ctx) {
    Principal principal = Authn.principal(ctx);
    Replies.json(ctx, 201, tickets.issue(principal.requireUser(), principal.sessionId().orElseThrow(),
            Authn.credentialExpires(ctx))
        .map(issued -> new JsonObject().put("ticket", issued.ticket())
            .put("expiresAt", issued.expiresAt().toString())));
  }

  /**
   * A {@code ticket} parameter is spent here, whatever else the request carries; without one, the request
   * authenticates as any other. A ticket lets in what the token that asked for it would still let in now (session
   * live, account there), until that token's expiry.
   */
  private Handler<RoutingContext> admission(Handler<RoutingContext> signedIn) {
    return ctx -> {
      String ticket = ctx.request().getParam("ticket");
      if (ticket == null) {
        signedIn.handle(ctx);
        return;
      }
      Future<Optional<Authn.Grant>> grant = ticket.length() > 100
          ? Future.succeededFuture(Optional.empty())
          : tickets.redeem(ticket).compose(admission -> admission
              .filter(a -> a.tokenExpiresAt().isAfter(Instant.now()))
              .map(a -> authn.checkSession(a.userId(), a.sessionId(), a.tokenExpiresAt(), Proof.NONE))
              .orElseGet(() -> Future.succeededFuture(Optional.empty())));
      grant.onComplete(result -> {
        if (result.succeeded() && result.result().isPresent()) {
          Authn.admit(ctx, result.result().get());
          ctx.next();
        } else if (result.failed()) {
          ctx.fail(result.cause());
        } else {
          ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"jobswipe\"");
          ctx.fail(new Problem(ProblemType.UNAUTHORIZED, "The ticket is unknown, spent or expired"));
        }
      });
    };
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
    Requests.pause(ctx);
    ctx.next();
  }

  private void upgrade(RoutingContext ctx) {
    Principal principal = Authn.principal(ctx);
    UUID userId = principal.userId().orElseThrow();
    UUID sessionId = principal.sessionId().orElseThrow();
    Instant expires = Authn.credentialExpires(ctx);
    Optional<Long> lastEventId = lastId(ctx, "Last-Event-ID", "lastEventId");
    Optional<Long> lastNotificationId = lastId(ctx, "Last-Notification-ID", "lastNotificationId");
    UUID socketId = UUID.randomUUID();
    leases.acquire(socketId, userId, maxPerUser).onComplete(acquired -> {
      if (acquired.failed()) {
        LOG.warn("[{}] taking a socket slot failed: {}", RequestIds.of(ctx), acquired.cause().toString());
        ctx.fail(new Problem(ProblemType.UNAVAILABLE, "Live connections are unavailable; try again shortly"));
      } else if (!acquired.result()) {
        ctx.fail(new Problem(ProblemType.RATE_LIMITED, "At most " + maxPerUser + " live connections per user"));
      } else {
        open(ctx, socketId, userId, sessionId, expires, lastEventId, lastNotificationId);
      }
    });
  }

  private void open(RoutingContext ctx, UUID socketId, UUID userId, UUID sessionId, Instant expires,
                    Optional<Long> lastEventId, Optional<Long> lastNotificationId) {
    ctx.request().toWebSocket().onSuccess(ws -> {
      Socket socket = new Socket(ws, socketId, userId, sessionId, lastEventId.isPresent(),
          lastNotificationId.isPresent(), meters, new MessageBudget(messagesPerMinute, System.nanoTime()));
      sockets.computeIfAbsent(userId, id -> new LinkedHashSet<>()).add(socket);
      meters.opened();
      ws.closeHandler(closed -> {
        meters.gone();
        vertx.cancelTimer(socket.expiry);
        forget(userId, socket);
        release(socketId, userId);
      });
      expireAt(socket, expires);
      ws.textMessageHandler(text -> {
        if (!socket.budget.spend(System.nanoTime())) {
          socket.close(Closing.FLOODING);
        } else if ("ping".equals(text)) {
          ws.writeTextMessage("{\"type\":\"pong\"}");
        } else {
          reauthenticate(socket, text);
        }
      });
      ws.binaryMessageHandler(bytes -> socket.close(Closing.BINARY));
      ws.exceptionHandler(e -> refused(socket, e));
      ws.writeTextMessage(new JsonObject().put("type", "hello").encode());
      lastEventId.ifPresent(after -> replay(userId, socket, after));
      lastNotificationId.ifPresent(after -> replayNotifications(userId, socket, after));
    }).onFailure(e -> {
      LOG.debug("WebSocket upgrade failed: {}", e.toString());
      release(socketId, userId);
    });
  }

  /**
   * What the server could not read: a frame over the size limit or a broken one (the decoder's), or fragments adding
   * up to a message over the limit (the aggregator's). A connection that failed on its own closes without us.
   */
  private static void refused(Socket socket, Throwable e) {
    if (e instanceof CorruptedWebSocketFrameException corrupted) {
      socket.close(corrupted.closeStatus().code() == Closing.TOO_BIG.code ? Closing.TOO_BIG : Closing.MALFORMED);
    } else if (e instanceof IllegalStateException) {
      socket.close(Closing.TOO_BIG);
    }
  }

  /** Gives the socket's slot back, and says so on this node's bus (tests wait for it). */
  private void release(UUID socketId, UUID userId) {
    leases.release(socketId)
        .onSuccess(done -> vertx.eventBus().publish(SLOT_FREED, userId.toString(),
            new DeliveryOptions().setLocalOnly(true)))
        .onFailure(e -> LOG.warn("giving back a socket slot failed (it expires with its lease): {}", e.toString()));
  }

  /** Keeps this instance's sockets counted, and clears what nobody will come back for. */
  private void renewLeases() {
    Map<UUID, UUID> open = new HashMap<>();
    sockets.values().forEach(set -> set.forEach(socket -> open.put(socket.id, socket.userId)));
    leases.renew(open)
        .compose(renewed -> leases.purgeExpired())
        .compose(purged -> tickets.purgeExpired())
        .onFailure(e -> LOG.warn("renewing socket leases failed: {}", e.toString()));
  }

  private void expireAt(Socket socket, Instant expires) {
    vertx.cancelTimer(socket.expiry);
    long delay = Math.max(1, Duration.between(Instant.now(), expires).toMillis());
    socket.expiry = vertx.setTimer(delay, id -> socket.close(Closing.TOKEN_EXPIRED));
  }

  /**
   * {@code {"type":"auth","accessToken":"…"}}: a fresh token of the same user (from a refresh) moves the socket's
   * end to that token's expiry. A token that does not check out changes nothing; another user's closes the socket.
   */
  private void reauthenticate(Socket socket, String text) {
    JsonObject message;
    try {
      message = new JsonObject(text);
    } catch (RuntimeException e) {
      return;
    }
    if (!"auth".equals(message.getValue("type")) || !(message.getValue("accessToken") instanceof String token)) {
      return;
    }
    authn.checkAccessToken(token).onComplete(checked -> {
      Optional<Authn.Grant> grant = checked.succeeded() ? checked.result() : Optional.empty();
      if (grant.isEmpty()) {
        socket.ws.writeTextMessage(new JsonObject().put("type", "auth-failed").encode());
      } else if (!grant.get().principal().userId().equals(Optional.of(socket.userId))) {
        socket.close(Closing.OTHER_ACCOUNT);
      } else {
        socket.sessionId = grant.get().principal().sessionId().orElseThrow();
        expireAt(socket, grant.get().expiresAt());
        socket.ws.writeTextMessage(new JsonObject().put("type", "auth-ok")
            .put("expiresAt", grant.get().expiresAt().toString()).encode());
      }
    });
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
          socket.applications.write(event);
          last = event.eventId();
        }
      } else {
        LOG.warn("replaying missed events failed: {}", result.cause().toString());
      }
      socket.applications.live(last);
    });
  }

  private void replayNotifications(UUID userId, Socket socket, long after) {
    store.notificationsAfter(userId, after, REPLAY_LIMIT).onComplete(result -> {
      long last = after;
      if (result.succeeded()) {
        for (Row row : result.result()) {
          NotificationEvent event = new NotificationEvent(row.getLong("seq"), row.getUUID("id").toString(),
              userId.toString(), row.getString("kind"), row.getString("priority"), row.getString("title"),
              row.getString("body"), Optional.ofNullable(row.getJsonObject("data")).orElseGet(JsonObject::new),
              row.getOffsetDateTime("created_at").toInstant().toString());
          socket.notifications.write(event);
          last = event.seq();
        }
      } else {
        LOG.warn("replaying missed notifications failed: {}", result.cause().toString());
      }
      socket.notifications.live(last);
    });
  }

  private void deliverNotification(NotificationEvent event) {
    socketsOf(event.userId()).forEach(socket -> socket.notifications.send(event));
  }

  private void deliver(ApplicationEvent event) {
    socketsOf(event.userId()).forEach(socket -> socket.applications.send(event));
  }

  /** The sockets this instance holds for a user id from the bus (none for a malformed one). */
  private Set<Socket> socketsOf(String userId) {
    try {
      return sockets.getOrDefault(UUID.fromString(userId), Set.of());
    } catch (IllegalArgumentException | NullPointerException e) {
      return Set.of();
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

  private static Optional<Long> lastId(RoutingContext ctx, String header, String parameter) {
    String value = Optional.ofNullable(ctx.request().getHeader(header)).orElse(ctx.request().getParam(parameter));
    if (value == null) {
      return Optional.empty();
    }
    if (!EVENT_ID.matcher(value).matches()) {
      throw new Problem(ProblemType.VALIDATION, parameter + " must be the id of an event this socket sent");
    }
    return Optional.of(Long.parseLong(value));
  }

  /** One client connection: application events and notifications, each replayed and then live on its own. */
  private static final class Socket {
    private final ServerWebSocket ws;
    private final UUID id;
    private final UUID userId;
    /** The session of the token that let it in, or of the latest token it re-authenticated with. */
    private UUID sessionId;
    private long expiry = -1;
    private final Stream<ApplicationEvent> applications;
    private final Stream<NotificationEvent> notifications;
    private final SocketMeters meters;
    private final MessageBudget budget;

    Socket(ServerWebSocket ws, UUID id, UUID userId, UUID sessionId, boolean replayingApplications,
           boolean replayingNotifications, SocketMeters meters, MessageBudget budget) {
      this.ws = ws;
      this.id = id;
      this.userId = userId;
      this.sessionId = sessionId;
      this.meters = meters;
      this.budget = budget;
      this.applications = new Stream<>(replayingApplications, ApplicationEvent::eventId,
          (socket, event) -> socket.write(event.forClient()));
      this.notifications = new Stream<>(replayingNotifications, NotificationEvent::seq,
          (socket, event) -> socket.write(event.forClient()));
    }

    void write(JsonObject message) {
      if (ws.isClosed()) {
        return;
      }
      if (ws.writeQueueFull()) {
        close(Closing.TOO_SLOW);
        return;
      }
      ws.writeTextMessage(message.encode());
    }

    void close(Closing why) {
      if (!ws.isClosed()) {
        meters.closed(why);
        ws.close(why.code, why.reason);
      }
    }

    /** While its missed events are replayed, live ones wait, then go out unless replayed. */
    private final class Stream<E> {
      private final ToLongFunction<E> id;
      private final BiConsumer<Socket, E> writer;
      private boolean replaying;
      private List<E> waiting = new ArrayList<>();

      Stream(boolean replaying, ToLongFunction<E> id, BiConsumer<Socket, E> writer) {
        this.replaying = replaying;
        this.id = id;
        this.writer = writer;
      }

      void send(E event) {
        if (replaying) {
          waiting.add(event);
        } else {
          write(event);
        }
      }

      void live(long replayedUpTo) {
        replaying = false;
        List<E> held = waiting;
        waiting = new ArrayList<>();
        held.stream().filter(e -> id.applyAsLong(e) > replayedUpTo).forEach(this::write);
      }

      void write(E event) {
        writer.accept(Socket.this, event);
      }
    }
  }
}
