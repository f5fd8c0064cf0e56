package com.jobswipe.api;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/status} on real nodes: the api role asks the automation role over the bus and tells a signed-in
 * client, in words and a stable code, why applications are not being automated.
 */
class AutomationStatusTest {

  private static Vertx vertx;
  private static RunningNode apiOnly;
  private static RunningNode noBrowser;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    apiOnly = RunningNode.start(EnumSet.of(Role.API), Map.of("JOBSWIPE_EMAIL_VERIFICATION", "off"));
    noBrowser = RunningNode.start(EnumSet.of(Role.API, Role.AUTOMATION), Map.of(
        "JOBSWIPE_EMAIL_VERIFICATION", "off",
        "JOBSWIPE_CHROMIUM", Path.of("target", "no-such-chromium-" + UUID.randomUUID()).toAbsolutePath().toString()));
  }

  @AfterAll
  static void stop() {
    if (apiOnly != null) {
      apiOnly.close();
    }
    if (noBrowser != null) {
      noBrowser.close();
    }
    vertx.close().await();
  }

  @Test
  void anApiNodeWithNoAutomationRoleInTheClusterSaysThereIsNoWorker() {
    Api api = new Api(vertx, apiOnly.port());
    JsonObject automation = status(api, signUp(api));
    assertThat(automation.getBoolean("available")).isFalse();
    assertThat(automation.getString("code")).isEqualTo("no-automation-worker");
    assertThat(automation.getString("message")).contains("No automation worker is running");
  }

  @Test
  void anAutomationNodeWithoutChromiumSaysTheBrowserWasNotFound() {
    Api api = new Api(vertx, noBrowser.port());
    JsonObject automation = status(api, signUp(api));
    assertThat(automation.getBoolean("available")).isFalse();
    assertThat(automation.getString("code")).isEqualTo("browser-missing");
    assertThat(automation.getString("message")).contains("Chromium was not found")
        // Words for people: the server's paths stay with the operators.
        .doesNotContain("no-such-chromium");
  }

  @Test
  void theStatusIsForSignedInClientsOnly() {
    HttpResponse<Buffer> anonymous = new Api(vertx, apiOnly.port()).get("/v1/status", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.getHeader("Content-Type")).startsWith("application/problem+json");
  }

  private static JsonObject status(Api api, String token) {
    HttpResponse<Buffer> answer = api.get("/v1/status", token);
    assertThat(answer.statusCode()).as(answer.bodyAsString()).isEqualTo(200);
    assertThat(answer.getHeader("Cache-Control")).isEqualTo("private, max-age=5");
    return answer.bodyAsJsonObject().getJsonObject("automation");
  }

  private static String signUp(Api api) {
    HttpResponse<Buffer> registered = api.post("/v1/auth/register", new JsonObject()
        .put("email", "status." + UUID.randomUUID().toString().substring(0, 8) + "@example.org")
        .put("password", "Pw-" + UUID.randomUUID()));
    assertThat(registered.statusCode()).as(registered.bodyAsString()).isEqualTo(201);
    return registered.bodyAsJsonObject().getString("accessToken");
  }
}
