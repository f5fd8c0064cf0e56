package com.jobswipe.db;

import com.jobswipe.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionSettingsTest {

  @Test
  void readsTheUrlFormFlyHandsOut() {
    ConnectionSettings db = ConnectionSettings.fromUrl(
        URI.create("postgres://jobswipe:p%40ss%3Aword@jobswipe-db.flycast:5433/jobswipe?sslmode=require"));

    assertThat(db.host()).isEqualTo("jobswipe-db.flycast");
    assertThat(db.port()).isEqualTo(5433);
    assertThat(db.database()).isEqualTo("jobswipe");
    assertThat(db.user()).isEqualTo("jobswipe");
    assertThat(db.password()).isEqualTo("p@ss:word");
    assertThat(db.jdbcUrl()).startsWith("jdbc:postgresql://jobswipe-db.flycast:5433/jobswipe?sslmode=require");
    assertThat(db.pgConnectOptions().getPassword()).isEqualTo("p@ss:word");
    assertThat(db.toString()).doesNotContain("p@ss");
  }

  @Test
  void fillsInDefaults() {
    ConnectionSettings db = ConnectionSettings.fromUrl(URI.create("postgresql://localhost"));

    assertThat(db.port()).isEqualTo(5432);
    assertThat(db.database()).isEqualTo("postgres");
    assertThat(db.user()).isEqualTo("postgres");
    assertThat(db.sslMode()).isEqualTo("disable");
  }

  @Test
  void unknownSslModeIsAConfigError() {
    assertThatThrownBy(() -> ConnectionSettings.fromUrl(URI.create("postgres://h/db?sslmode=sometimes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DATABASE_URL:");
  }
}
