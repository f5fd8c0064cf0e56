package com.jobswipe.bus;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.spi.context.storage.ContextLocal;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The request id of the HTTP request being served, carried from the api node into whichever role serves its bus
 * requests, so one request's log lines can be followed across nodes. It lives in the local data of the Vert.x
 * context: every HTTP request and every delivered bus message runs on a context of its own (a duplicate), and the
 * futures chained from it stay there, so the id follows the work without a thread-local that leaks onto the next
 * request an event loop serves.
 *
 * <p>The edge sets it ({@code RequestIds}); {@link Endpoint#request} copies it into the message's
 * {@value #HEADER} header; {@link Endpoint#serve} puts it into the serving context and logs one line per such
 * request on the {@code bus} logger. Role code that logs while serving a request prefixes its line with
 * {@link #current()}, as the api's routes do with {@code RequestIds.of}.
 */
public final class RequestTrace {

  /** The event bus message header that carries the id between nodes. */
  public static final String HEADER = "x-request-id";
  /** What a log line says when there is no request (timers, consumers of published events). */
  public static final String NONE = "-";
  /** The same shape the edge accepts from a client: no spaces, quotes or control characters can reach a log line. */
  private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /**
   * Registered when this class loads; Vert.x sizes each instance's context storage when the instance is built, so
   * {@link #register()} must run before the node's Vert.x is (the launcher does).
   */
  private static final ContextLocal<String> REQUEST_ID = ContextLocal.registerLocal(String.class);

  private RequestTrace() {
  }

  /** Makes sure the context-local slot exists before a Vert.x instance is built. */
  public static void register() {
    // Loading the class registered the slot.
  }

  /** Remembers {@code id} on the current context (the request's own); ignored off a Vert.x thread or if malformed. */
  public static void set(String id) {
    Context context = Vertx.currentContext();
    if (context != null && id != null && ACCEPTABLE.matcher(id).matches()) {
      try {
        REQUEST_ID.put(context, id);
      } catch (IllegalArgumentException builtBeforeTheSlot) {
        // A Vert.x instance built before this class loaded has no slot for it: no id to carry there.
      }
    }
  }

  /** The request id of the work running now, if it came from an HTTP request. */
  public static Optional<String> id() {
    Context context = Vertx.currentContext();
    if (context == null) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(REQUEST_ID.get(context));
    } catch (IllegalArgumentException builtBeforeTheSlot) {
      return Optional.empty();
    }
  }

  /** The id for a log line: the request's, or {@value #NONE}. */
  public static String current() {
    return id().orElse(NONE);
  }

  /** A header value as it may enter a log line: the id when well-formed, else empty. */
  static Optional<String> accept(String header) {
    return header != null && ACCEPTABLE.matcher(header).matches() ? Optional.of(header) : Optional.empty();
  }
}
