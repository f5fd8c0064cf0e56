package com.jobswipe.config;

import com.jobswipe.testing.ClusterCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

  @Test
  void shippedDefaultsRunTheEmbeddedSingleNode() {
    AppConfig config = ConfigLoader.load(Map.of());

    assertThat(config.http().port()).isEqualTo(8080);
    assertThat(config.database().embedded()).isTrue();
    assertThat(config.cluster().enabled()).isFalse();
    assertThat(config.redis().url()).isEmpty();
    assertThat(config.rabbit().uri()).isEmpty();
    assertThat(config.embedding().mode()).isEqualTo("in-process");
    assertThat(config.automation().chromium()).isEqualTo(Path.of("/usr/bin/chromium"));
    assertThat(config.automation().browserPoolSize()).isEqualTo(2);
    assertThat(config.automation().stepTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.accounts().emailVerification()).isEqualTo("required");
    assertThat(config.fetch().allowPrivate()).isFalse();
    assertThat(config.dataDir()).isEqualTo(Path.of("data").toAbsolutePath());
  }

  @Test
  void environmentOverridesDefaults() {
    AppConfig config = ConfigLoader.load(Map.of(
        "PORT", "9090",
        "DATABASE_URL", "postgres://app:secret@db.internal:5433/jobs",
        "JOBSWIPE_CLUSTER_MEMBERS", "10.0.0.1, 10.0.0.2,,",
        "JOBSWIPE_ADMIN_EMAILS", "Ops@Example.com",
        "JOBSWIPE_SHUTDOWN_GRACE_SECONDS", "7",
        "OLLAMA_URL", "http://127.0.0.1:11434",
        "JOBSWIPE_EMAIL_VERIFICATION", "off"));

    assertThat(config.http().port()).isEqualTo(9090);
    assertThat(config.http().shutdownGrace()).isEqualTo(Duration.ofSeconds(7));
    assertThat(config.database().embedded()).isFalse();
    assertThat(config.cluster().members()).containsExactly("10.0.0.1", "10.0.0.2");
    assertThat(config.accounts().adminEmails()).containsExactly("ops@example.com");
    assertThat(config.embedding().mode()).isEqualTo("ollama");
    assertThat(config.accounts().emailVerification()).isEqualTo("off");
  }

  @Test
  void embeddingDefaultsAndLimits() {
    EmbeddingConfig defaults = ConfigLoader.load(Map.of()).embedding();
    assertThat(defaults.batchSize()).isEqualTo(32);
    assertThat(defaults.queueTexts()).isEqualTo(4096);
    assertThat(defaults.maxTextsPerRequest()).isEqualTo(256);
    assertThat(defaults.maxTextChars()).isEqualTo(2000);
    assertThat(defaults.ollamaTimeout()).isEqualTo(Duration.ofSeconds(30));

    EmbeddingConfig tuned = ConfigLoader.load(Map.of("JOBSWIPE_EMBEDDING_BATCH_SIZE", "64",
        "JOBSWIPE_EMBEDDING_QUEUE_TEXTS", "100", "JOBSWIPE_EMBEDDING_MAX_TEXTS", "100")).embedding();
    assertThat(tuned.batchSize()).isEqualTo(64);
    assertThat(tuned.queueTexts()).isEqualTo(100);

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_EMBEDDING_QUEUE_TEXTS", "100")))
        .hasMessage("JOBSWIPE_EMBEDDING_MAX_TEXTS: must not exceed JOBSWIPE_EMBEDDING_QUEUE_TEXTS (100), got 256");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_EMBEDDING_BATCH_SIZE", "0")))
        .hasMessage("JOBSWIPE_EMBEDDING_BATCH_SIZE: must be between 1 and 1024, got 0");
  }

  @Test
  void automationQueueDefaultsAndErrors() {
    AutomationQueueConfig defaults = ConfigLoader.load(Map.of()).automationQueue();
    assertThat(defaults.prefetch()).isEqualTo(4);
    assertThat(defaults.maxAttempts()).isEqualTo(5);
    assertThat(defaults.backoff()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(120),
        Duration.ofSeconds(600), Duration.ofSeconds(1800));
    assertThat(defaults.backoffBefore(9)).isEqualTo(Duration.ofSeconds(1800));
    assertThat(defaults.companyCap()).isEqualTo(3);
    assertThat(defaults.companyCapWindow()).isEqualTo(Duration.ofDays(30));

    AutomationQueueConfig tuned = ConfigLoader.load(Map.of("JOBSWIPE_AUTOMATION_BACKOFF_SECONDS", "5, 10",
        "JOBSWIPE_AUTOMATION_LEASE_SECONDS", "60")).automationQueue();
    assertThat(tuned.backoff()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
    assertThat(tuned.lease()).isEqualTo(Duration.ofSeconds(60));

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_AUTOMATION_BACKOFF_SECONDS", "5,soon")))
        .hasMessage("JOBSWIPE_AUTOMATION_BACKOFF_SECONDS: expected whole seconds, got 'soon'");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_AUTOMATION_PREFETCH", "0")))
        .hasMessage("JOBSWIPE_AUTOMATION_PREFETCH: must be between 1 and 256, got 0");
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PORT", "eighty")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("PORT:");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("PORT", "70000")))
        .hasMessage("PORT: must be between 0 and 65535, got 70000");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("DATABASE_URL", "mysql://localhost/db")))
        .hasMessageStartingWith("DATABASE_URL:");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("REDIS_URL", "not a uri")))
        .hasMessageStartingWith("REDIS_URL:");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_FETCH_ALLOW_PRIVATE", "maybe")))
        .hasMessageStartingWith("JOBSWIPE_FETCH_ALLOW_PRIVATE:");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_EMAIL_VERIFICATION", "sometimes")))
        .hasMessageStartingWith("JOBSWIPE_EMAIL_VERIFICATION:");
  }

  @Test
  void onFlyTheClientAddressHeaderIsRequired() {
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("FLY_APP_NAME", "jobswipe-backend")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("JOBSWIPE_CLIENT_IP_HEADER: must be set on Fly");
    assertThat(ConfigLoader.load(Map.of("FLY_APP_NAME", "jobswipe-backend", "JOBSWIPE_CLIENT_IP_HEADER",
        "Fly-Client-IP")).rateLimit().clientIpHeader()).contains("Fly-Client-IP");
  }

  @Test
  void onFlyAClusteredNodeNeedsTheClusterCertificates() {
    Map<String, String> fly = Map.of("FLY_APP_NAME", "jobswipe-backend", "JOBSWIPE_CLIENT_IP_HEADER", "Fly-Client-IP",
        "JOBSWIPE_CLUSTER_MEMBERS", "jobswipe-backend.internal");
    assertThatThrownBy(() -> ConfigLoader.load(fly))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("JOBSWIPE_CLUSTER_TLS_CA: must be set on Fly");

    Map<String, String> withTls = new HashMap<>(fly);
    withTls.putAll(ClusterCertificates.authority("Fly Cluster CA").nodeEnv("app-1"));
    assertThat(ConfigLoader.load(withTls).cluster().tls()).isPresent();
  }

  @Test
  void clusterCertificatesComeAllThreeAndFromOneCa() {
    Map<String, String> node = ClusterCertificates.authority("Cluster CA").nodeEnv("node");
    Map<String, String> stranger = ClusterCertificates.authority("Other CA").nodeEnv("node");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_CLUSTER_TLS_CA", node.get("JOBSWIPE_CLUSTER_TLS_CA"))))
        .hasMessageStartingWith("JOBSWIPE_CLUSTER_TLS_CERT: is required");
    Map<String, String> mixed = new HashMap<>(node);
    mixed.put("JOBSWIPE_CLUSTER_TLS_CERT", stranger.get("JOBSWIPE_CLUSTER_TLS_CERT"));
    assertThatThrownBy(() -> ConfigLoader.load(mixed))
        .hasMessage("JOBSWIPE_CLUSTER_TLS_CERT: is not issued by the certificate in JOBSWIPE_CLUSTER_TLS_CA");
    Map<String, String> missingFile = new HashMap<>(node);
    missingFile.put("JOBSWIPE_CLUSTER_TLS_KEY", "/nonexistent/node.key");
    assertThatThrownBy(() -> ConfigLoader.load(missingFile))
        .hasMessageStartingWith("JOBSWIPE_CLUSTER_TLS_KEY: is neither PEM text nor an existing file");
    Map<String, String> encryptedKey = new HashMap<>(node);
    encryptedKey.put("JOBSWIPE_CLUSTER_TLS_KEY",
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
    assertThatThrownBy(() -> ConfigLoader.load(encryptedKey))
        .hasMessageStartingWith("JOBSWIPE_CLUSTER_TLS_KEY: expected an unencrypted PEM private key");
    assertThat(ConfigLoader.load(node).cluster().tls()).isPresent();
  }

  @Test
  void configFileMergesOverDefaults(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("prod.json");
    Files.writeString(file, """
        {"http": {"port": 7070}, "cluster": {"members": ["a.internal", "b.internal"]}}
        """);

    AppConfig config = ConfigLoader.load(Map.of("JOBSWIPE_CONFIG", file.toString()));

    assertThat(config.http().port()).isEqualTo(7070);
    assertThat(config.http().bodyLimitBytes()).isEqualTo(1_048_576);
    assertThat(config.cluster().members()).isEqualTo(List.of("a.internal", "b.internal"));
  }

  @Test
  void unreadableConfigFileIsAConfigError(@TempDir Path dir) throws IOException {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{ not json");

    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_CONFIG", broken.toString())))
        .hasMessageStartingWith("JOBSWIPE_CONFIG:");
    assertThatThrownBy(() -> ConfigLoader.load(Map.of("JOBSWIPE_CONFIG", dir.resolve("missing.json").toString())))
        .hasMessageStartingWith("JOBSWIPE_CONFIG: no such file");
  }
}
