package com.jobswipe.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * A blocking HTTP client for multi-step flows in tests: each call waits for its answer on the test thread
 * (never an event loop), so a flow reads top to bottom.
 */
public final class Api {

  private final WebClient client;

  public Api(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(port).setFollowRedirects(false));
  }

  public HttpResponse<Buffer> get(String path, String bearer) {
    return send(client.get(path), bearer, null);
  }

  public HttpResponse<Buffer> post(String path, JsonObject body, String bearer) {
    return send(client.post(path), bearer, body);
  }

  public HttpResponse<Buffer> post(String path, JsonObject body) {
    return post(path, body, null);
  }

  public HttpResponse<Buffer> delete(String path, String bearer) {
    return send(client.delete(path), bearer, null);
  }

  /** Sends raw bytes as JSON, for malformed-body tests. */
  public HttpResponse<Buffer> postRaw(String path, Buffer body, String contentType) {
    return client.post(path).putHeader("Content-Type", contentType).sendBuffer(body).await();
  }

  public HttpRequest<Buffer> request(io.vertx.core.http.HttpMethod method, String path) {
    return client.request(method, path);
  }

  private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String bearer, JsonObject body) {
    if (bearer != null) {
      request.putHeader("Authorization", "Bearer " + bearer);
    }
    return body == null ? request.send().await() : request.sendJsonObject(body).await();
  }
}
