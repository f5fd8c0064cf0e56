package com.jobswipe.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * PostgreSQL from the binaries in the jar, its cluster kept under {@code <dataDir>/postgres} across restarts.
 * This is the zero-install default; production sets {@code DATABASE_URL}.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres postgres;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  public static EmbeddedDatabase start(Path dataDir) {
    Path cluster = dataDir.resolve("postgres");
    try {
      Files.createDirectories(cluster);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(cluster)
          .setCleanDataDirectory(false)
          .setRegisterShutdownHook(false)
          .setPGStartupWait(Duration.ofSeconds(60))
          .start();
      log.info("embedded PostgreSQL on 127.0.0.1:{}, data in {}", postgres.getPort(), cluster);
      return new EmbeddedDatabase(postgres);
    } catch (IOException | RuntimeException e) {
      // As root, initdb only runs inside `unshare -U`; say so instead of leaving a bare stack trace.
      throw new IllegalStateException("embedded PostgreSQL failed to start in " + cluster + " (" + e.getMessage()
          + "). Running as root needs `unshare` with user namespaces enabled; otherwise set DATABASE_URL.", e);
    }
  }

  public ConnectionSettings settings() {
    return new ConnectionSettings("127.0.0.1", postgres.getPort(), "postgres", "postgres", "", "disable");
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      log.warn("embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
