package com.jobswipe.notification.push;

import com.jobswipe.config.PushConfig;
import com.jobswipe.notification.push.GoogleAccessTokens.AccessToken;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Firebase Cloud Messaging, HTTP v1 API: one {@code POST /v1/projects/{project}/messages:send} per device with
 * a bearer token from {@link GoogleAccessTokens}. Answers on the caller's context even when the token was
 * fetched on another's.
 */
public final class FcmChannel implements PushChannel {

  static final URI GOOGLE_ENDPOINT = URI.create("https://fcm.googleapis.com");
  /** FCM's advice without a Retry-After: wait at least 10 seconds for 5xx, longer when throttled (429). */
  static final Duration THROTTLED_BACKOFF = Duration.ofMinutes(1);
  static final Duration UNAVAILABLE_BACKOFF = Duration.ofSeconds(10);
  private static final long TIMEOUT_MS = 10_000;

  private final Vertx vertx;
  private final WebClient client;
  private final GoogleAccessTokens tokens;
  private final String sendUrl;
  private final Clock clock;
  private volatile boolean closed;

  private FcmChannel(Vertx vertx, FcmServiceAccount account, URI endpoint, WebClientOptions options, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
    this.client = WebClient.create(vertx, options);
    this.tokens = new GoogleAccessTokens(vertx, account, client, clock);
    String base = endpoint.toString().replaceAll("/+$", "");
    this.sendUrl = base + "/v1/projects/" + account.projectId() + "/messages:send";
  }

  /** Reads the service account key file: call at start. */
  public static FcmChannel create(Vertx vertx, PushConfig.Fcm config) {
    return create(vertx, FcmServiceAccount.read(config.serviceAccount()), config.endpoint().orElse(GOOGLE_ENDPOINT),
        new WebClientOptions(), Clock.systemUTC());
  }

  static FcmChannel create(Vertx vertx, FcmServiceAccount account, URI endpoint, WebClientOptions options,
      Clock clock) {
    return new FcmChannel(vertx, account, endpoint, new WebClientOptions(options).setUserAgent("jobswipe-fcm"),
        clock);
  }

  @Override
  public Future<PushOutcome> send(String deviceToken, PushMessage message) {
    Context caller = vertx.getOrCreateContext();
    if (closed) {
      return Future.succeededFuture(new PushOutcome.Retry(Duration.ZERO, "FCM channel closed"));
    }
    if (deviceToken == null || message == null) {
      return Future.failedFuture(new NullPointerException("deviceToken and message are required"));
    }
    JsonObject body = body(deviceToken, message);
    Future<PushOutcome> outcome = on(caller, tokens.token())
        .compose(token -> post(token, body).compose(response -> {
          if (response.statusCode() != 401) {
            return Future.succeededFuture(outcome(response, clock.instant()));
          }
          // The token was revoked or expired early: fetch a new one once, then take FCM's answer as it is.
          return on(caller, tokens.replace(token))
              .compose(fresh -> post(fresh, body))
              .map(again -> outcome(again, clock.instant()));
        }))
        .recover(failure -> Future.succeededFuture(failed(failure)));
    return on(caller, outcome);
  }

  @Override
  public Future<Void> close() {
    closed = true;
    client.close();
    return Future.succeededFuture();
  }

  private Future<HttpResponse<Buffer>> post(AccessToken token, JsonObject body) {
    return client.postAbs(sendUrl)
        .timeout(TIMEOUT_MS)
        .putHeader(HttpHeaders.AUTHORIZATION.toString(), "Bearer " + token.value())
        .sendJsonObject(body);
  }

  /** The v1 message: a notification for the system tray, the same routing data as APNs gets, Android options. */
  static JsonObject body(String deviceToken, PushMessage message) {
    JsonObject data = new JsonObject();
    message.data().forEach(data::put);
    data.put("kind", message.kind());
    if (message.deepLink() != null) {
      data.put("deepLink", message.deepLink());
    }
    return new JsonObject().put("message", new JsonObject()
        .put("token", deviceToken)
        .put("notification", new JsonObject().put("title", message.title()).put("body", message.body()))
        .put("data", data)
        .put("android", new JsonObject()
            .put("priority", message.urgent() ? "high" : "normal")
            .put("collapse_key", message.collapseId())));
  }

  static PushOutcome outcome(HttpResponse<?> response, Instant now) {
    return outcome(response.statusCode(), response.getHeader("Retry-After"), jsonOrEmpty(response), now);
  }

  /**
   * FCM's error model: {@code {"error": {"code", "message", "status", "details": [{"@type": ...FcmError,
   * "errorCode"}, {"@type": ...BadRequest, "fieldViolations": [{"field", "description"}]}]}}}.
   */
  static PushOutcome outcome(int status, String retryAfter, JsonObject body, Instant now) {
    if (status == 200) {
      return new PushOutcome.Sent(body.getString("name", ""));
    }
    JsonObject error = body.getJsonObject("error", new JsonObject());
    String errorCode = fcmErrorCode(error);
    String reason = (errorCode.isEmpty() ? error.getString("status", "HTTP " + status) : errorCode)
        + " (" + status + "): " + error.getString("message", "");
    if (errorCode.equals("UNREGISTERED")) {
      return new PushOutcome.Gone(reason);
    }
    if (status == 400 && (errorCode.equals("INVALID_ARGUMENT") || "INVALID_ARGUMENT".equals(error.getString("status")))
        && aboutTheToken(error)) {
      return new PushOutcome.Gone(reason);
    }
    if (status == 429) {
      return new PushOutcome.Retry(RetryAfter.parse(retryAfter, now).orElse(THROTTLED_BACKOFF), reason);
    }
    if (status >= 500) {
      return new PushOutcome.Retry(RetryAfter.parse(retryAfter, now).orElse(UNAVAILABLE_BACKOFF), reason);
    }
    // 401 twice, 403 SENDER_ID_MISMATCH (the wrong project: removing devices would be wrong), other 4xx.
    return new PushOutcome.Failed(reason);
  }

  private static String fcmErrorCode(JsonObject error) {
    for (Object detail : error.getJsonArray("details", new JsonArray())) {
      if (detail instanceof JsonObject d && String.valueOf(d.getString("@type")).endsWith("google.firebase.fcm.v1.FcmError")) {
        return d.getString("errorCode", "");
      }
    }
    return "";
  }

  /** INVALID_ARGUMENT names the field at fault, or says "registration token" when it is the token. */
  private static boolean aboutTheToken(JsonObject error) {
    for (Object detail : error.getJsonArray("details", new JsonArray())) {
      if (detail instanceof JsonObject d) {
        for (Object violation : d.getJsonArray("fieldViolations", new JsonArray())) {
          if (violation instanceof JsonObject v && "message.token".equals(v.getString("field"))) {
            return true;
          }
        }
      }
    }
    return error.getString("message", "").toLowerCase(Locale.ROOT).contains("registration token");
  }

  private static PushOutcome failed(Throwable failure) {
    if (failure instanceof GoogleAccessTokens.Refused refused) {
      return new PushOutcome.Failed("no FCM access token: " + refused.getMessage());
    }
    return new PushOutcome.Retry(UNAVAILABLE_BACKOFF, "FCM not reached: " + failure.getMessage());
  }

  private static JsonObject jsonOrEmpty(HttpResponse<?> response) {
    try {
      JsonObject body = response.bodyAsJsonObject();
      return body == null ? new JsonObject() : body;
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }

  /** {@code future}'s result, delivered on {@code context}: a token fetch or response may land on another's. */
  private static <T> Future<T> on(Context context, Future<T> future) {
    Promise<T> promise = Promise.promise();
    future.onComplete(result -> {
      if (Vertx.currentContext() == context) {
        promise.handle(result);
      } else {
        context.runOnContext(v -> promise.handle(result));
      }
    });
    return promise.future();
  }
}
