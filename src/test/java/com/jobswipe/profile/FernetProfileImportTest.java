package com.jobswipe.profile;

import com.jobswipe.config.ConfigLoader;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.Fernet;
import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Migrations;
import com.jobswipe.db.Pools;
import com.jobswipe.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Profiles sealed as Fernet tokens by a predecessor system come over and end up sealed under our keys. */
class FernetProfileImportTest {

  private Vertx vertx;
  private TestDatabase database;
  private Pool pool;
  private ProfileFeature feature;
  private final DataKeyRing keys = DataKeyRing.generate("ours");

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    database = TestDatabase.create();
    ConnectionSettings settings = ConnectionSettings.fromUrl(database.url());
    Migrations.migrate(settings);
    pool = Pools.shared(vertx, settings, "import-test", 2);
    feature = new ProfileFeature(vertx, pool, keys, Path.of("target", "test-data"),
        ConfigLoader.load(Map.of()).parsing(), new SimpleMeterRegistry(),
        new com.jobswipe.config.AccountsConfig(java.util.List.of(), "required"));
  }

  @AfterEach
  void stop() {
    feature.close();
    vertx.close().await();
    database.close();
  }

  @Test
  void recordsOpenWithTheOldKeyAndAreStoredUnderOurs() throws Exception {
    String oldKey = randomFernetKey();
    Fernet old = new Fernet(oldKey);
    try (Connection c = database.connect()) {
      c.createStatement().execute("INSERT INTO users (email) VALUES ('existing@example.com')");
    }
    JsonObject grace = new JsonObject().put("fullName", "Grace Hopper").put("phone", "+1 202 555 0101")
        .put("skills", new JsonArray().add("COBOL"));
    JsonObject alan = new JsonObject().put("fullName", "Alan Turing").put("headline", "Mathematician");
    List<String> lines = List.of(
        record("existing@example.com", old.encrypt(grace.encode().getBytes(StandardCharsets.UTF_8))),
        record("Alan@Example.com", old.encrypt(alan.encode().getBytes(StandardCharsets.UTF_8))),
        record("third@example.com", new Fernet(randomFernetKey()).encrypt("{}".getBytes(StandardCharsets.UTF_8))),
        record("fourth@example.com", old.encrypt("{\"phone\": \"not a phone\"}".getBytes(StandardCharsets.UTF_8))),
        "not json at all",
        "");

    FernetProfileImport.Report report = new FernetProfileImport(pool, feature, new Fernet(oldKey)).run(lines);

    assertThat(report.imported()).isEqualTo(2);
    assertThat(report.accountsCreated()).isEqualTo(1);
    assertThat(report.rejected()).hasSize(3);
    assertThat(report.rejected().get(0)).startsWith("line 3:").contains("does not open");
    assertThat(report.rejected().get(1)).startsWith("line 4:").contains("phone");
    assertThat(String.join("\n", report.rejected())).doesNotContain("not a phone");

    UUID alanId = userId("alan@example.com");
    JsonObject imported = feature.profiles().get(alanId).await();
    assertThat(imported.getString("fullName")).isEqualTo("Alan Turing");
    try (Connection c = database.connect();
         ResultSet rs = c.createStatement().executeQuery("SELECT personal_enc, personal_key_id FROM candidate_profiles")) {
      while (rs.next()) {
        assertThat(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1)).doesNotContain("Turing", "Hopper");
        assertThat(rs.getString(2)).isEqualTo("ours");
      }
    }
  }

  private UUID userId(String email) throws Exception {
    try (Connection c = database.connect();
         ResultSet rs = c.createStatement().executeQuery("SELECT id FROM users WHERE email = '" + email + "'")) {
      rs.next();
      return UUID.fromString(rs.getString(1));
    }
  }

  private static String record(String email, String token) {
    return new JsonObject().put("email", email).put("profile", token).encode();
  }

  private static String randomFernetKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getUrlEncoder().encodeToString(key);
  }
}
