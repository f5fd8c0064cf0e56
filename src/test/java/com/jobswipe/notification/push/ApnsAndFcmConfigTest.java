package com.jobswipe.notification.push;

import com.jobswipe.config.ConfigException;
import com.jobswipe.config.ConfigLoader;
import com.jobswipe.config.PushConfig;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** PushConfig as ConfigLoader reads it from the environment, and the channels PushChannels opens from it. */
class ApnsAndFcmConfigTest {

  @TempDir
  Path dir;

  @Test
  void bothProvidersAreOffByDefault() {
    PushConfig push = ConfigLoader.load(Map.of()).push();

    assertThat(push.apns()).isEmpty();
    assertThat(push.fcm()).isEmpty();
  }

  @Test
  void completeApnsSettingsAreRead() throws IOException {
    Path key = Files.writeString(dir.resolve("AuthKey_ABC123DEFG.p8"), "-----BEGIN PRIVATE KEY-----\n");

    PushConfig.Apns apns = ConfigLoader.load(apnsEnv(key)).push().apns().orElseThrow();

    assertThat(apns).isEqualTo(new PushConfig.Apns(key, "ABC123DEFG", "TEAM123456", "com.jobswipe.app", false));
  }

  @Test
  void partialApnsSettingsNameTheMissingVariable() throws IOException {
    Path key = Files.writeString(dir.resolve("AuthKey.p8"), "-----BEGIN PRIVATE KEY-----\n");
    Map<String, String> env = apnsEnv(key);
    env.remove("JOBSWIPE_APNS_TEAM_ID");

    assertThatThrownBy(() -> ConfigLoader.load(env))
        .isInstanceOf(ConfigException.class)
        .hasMessage("JOBSWIPE_APNS_TEAM_ID: is required when any JOBSWIPE_APNS_* setting is set");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_APNS_TOPIC", "com.jobswipe.app")))
        .hasMessage("JOBSWIPE_APNS_KEY_FILE: is required when any JOBSWIPE_APNS_* setting is set");
  }

  @Test
  void apnsEnvironmentIsSandboxOrProductionAndTheKeyFileMustExist() throws IOException {
    Path key = Files.writeString(dir.resolve("AuthKey.p8"), "-----BEGIN PRIVATE KEY-----\n");
    Map<String, String> env = apnsEnv(key);

    env.put("JOBSWIPE_APNS_ENVIRONMENT", "production");
    assertThat(ConfigLoader.load(env).push().apns().orElseThrow().production()).isTrue();

    env.put("JOBSWIPE_APNS_ENVIRONMENT", "development");
    assertThatThrownBy(() -> ConfigLoader.load(env))
        .hasMessageStartingWith("JOBSWIPE_APNS_ENVIRONMENT: expected one of")
        .hasMessageEndingWith("got 'development'");

    env.put("JOBSWIPE_APNS_ENVIRONMENT", "sandbox");
    env.put("JOBSWIPE_APNS_KEY_FILE", dir.resolve("missing.p8").toString());
    assertThatThrownBy(() -> ConfigLoader.load(env))
        .hasMessage("JOBSWIPE_APNS_KEY_FILE: no such file " + dir.resolve("missing.p8"));
  }

  @Test
  void fcmNeedsTheServiceAccountKeyAndMayOverrideTheEndpoint() throws IOException {
    Path key = Files.writeString(dir.resolve("service-account.json"), "{}");

    PushConfig.Fcm fcm = ConfigLoader.load(Map.of("JOBSWIPE_FCM_SERVICE_ACCOUNT", key.toString())).push().fcm()
        .orElseThrow();
    assertThat(fcm).isEqualTo(new PushConfig.Fcm(key, java.util.Optional.empty()));

    PushConfig.Fcm mirrored = ConfigLoader.load(Map.of("JOBSWIPE_FCM_SERVICE_ACCOUNT", key.toString(),
        "JOBSWIPE_FCM_ENDPOINT", "https://fcm.mirror.internal:8443")).push().fcm().orElseThrow();
    assertThat(mirrored.endpoint()).contains(URI.create("https://fcm.mirror.internal:8443"));

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_FCM_ENDPOINT", "https://fcm.mirror.internal")))
        .hasMessage("JOBSWIPE_FCM_SERVICE_ACCOUNT: is required when JOBSWIPE_FCM_ENDPOINT is set");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_FCM_SERVICE_ACCOUNT", key.toString(),
        "JOBSWIPE_FCM_ENDPOINT", "ftp://fcm.mirror.internal")))
        .hasMessageStartingWith("JOBSWIPE_FCM_ENDPOINT: expected a ").hasMessageEndingWith("URI with a host");
  }

  @Test
  void pushChannelsOpenOneChannelPerConfiguredProvider() throws Exception {
    Path p8 = Files.writeString(dir.resolve("AuthKey.p8"),
        TestPki.pem("PRIVATE KEY", TestPki.ecKeyPair().getPrivate().getEncoded()));
    Path serviceAccount = Files.writeString(dir.resolve("service-account.json"), serviceAccount(
        TestPki.pem("PRIVATE KEY", rsaKey())).encodePrettily());
    Map<String, String> env = apnsEnv(p8);
    env.put("JOBSWIPE_FCM_SERVICE_ACCOUNT", serviceAccount.toString());
    Vertx vertx = Vertx.vertx();
    try {
      PushChannels both = PushChannels.fromConfig(vertx, ConfigLoader.load(env).push());
      assertThat(both.apns()).containsInstanceOf(ApnsChannel.class);
      assertThat(both.fcm()).containsInstanceOf(FcmChannel.class);
      both.close().await();

      PushChannels none = PushChannels.fromConfig(vertx, ConfigLoader.load(Map.of()).push());
      assertThat(none.apns()).isEmpty();
      assertThat(none.fcm()).isEmpty();
      none.close().await();
    } finally {
      vertx.close().await();
    }
  }

  @Test
  void unusableKeyFilesStopStartupNamingTheirVariable() throws Exception {
    Path notAKey = Files.writeString(dir.resolve("AuthKey.p8"), "-----BEGIN PRIVATE KEY-----\nbm9wZQ==\n"
        + "-----END PRIVATE KEY-----\n");
    Path noPrivateKey = Files.writeString(dir.resolve("service-account.json"),
        serviceAccount(null).encode());
    Vertx vertx = Vertx.vertx();
    try {
      assertThatThrownBy(() -> PushChannels.fromConfig(vertx, ConfigLoader.load(apnsEnv(notAKey)).push()))
          .isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("JOBSWIPE_APNS_KEY_FILE: " + notAKey + " is not an APNs .p8 key");
      assertThatThrownBy(() -> PushChannels.fromConfig(vertx, ConfigLoader.load(Map.of(
          "JOBSWIPE_FCM_SERVICE_ACCOUNT", noPrivateKey.toString())).push()))
          .isInstanceOf(ConfigException.class)
          .hasMessage("JOBSWIPE_FCM_SERVICE_ACCOUNT: the key has no private_key");
    } finally {
      vertx.close().await();
    }
  }

  private static JsonObject serviceAccount(String privateKeyPem) {
    return new JsonObject()
        .put("type", "service_account")
        .put("project_id", "jobswipe-test")
        .put("private_key_id", "4f1c0d2b9a7e")
        .put("private_key", privateKeyPem)
        .put("client_email", "fcm-sender@jobswipe-test.iam.gserviceaccount.com")
        .put("token_uri", "https://oauth2.googleapis.com/token");
  }

  private static byte[] rsaKey() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair().getPrivate().getEncoded();
  }

  private static Map<String, String> apnsEnv(Path key) {
    Map<String, String> env = new HashMap<>();
    env.put("JOBSWIPE_APNS_KEY_FILE", key.toString());
    env.put("JOBSWIPE_APNS_KEY_ID", "ABC123DEFG");
    env.put("JOBSWIPE_APNS_TEAM_ID", "TEAM123456");
    env.put("JOBSWIPE_APNS_TOPIC", "com.jobswipe.app");
    env.put("JOBSWIPE_APNS_ENVIRONMENT", "sandbox");
    return env;
  }
}
