package com.jobswipe.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Where PostgreSQL is.
 *
 * @param url {@code postgres://user:password@host:port/db}; empty means the embedded server under the data dir
 * @param poolSize connections per pool (each role holds its own pool)
 */
public record DatabaseConfig(Optional<URI> url, int poolSize) {

  static DatabaseConfig from(Settings s) {
    return new DatabaseConfig(
        s.optionalUri("DATABASE_URL", "database.url", Set.of("postgres", "postgresql")),
        s.integer("JOBSWIPE_DB_POOL_SIZE", "database.poolSize", 1, 200));
  }

  public boolean embedded() {
    return url.isEmpty();
  }
}
