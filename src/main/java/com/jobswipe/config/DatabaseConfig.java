package com.jobswipe.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/**
 * Where PostgreSQL is, and how many connections each role running on a node may hold. Every role has its own pool,
 * shared by all its instances on the node, so a node's total is the sum over the roles it runs (plus one for the
 * ops listener and four for automation's domain permits).
 *
 * @param url {@code postgres://user:password@host:port/db}; empty means the embedded server under the data dir
 */
public record DatabaseConfig(Optional<URI> url, PoolSizes pools) {

  /** Connections per role's pool; sized for what each role does at once, not for the node's cores. */
  public record PoolSizes(int api, int ingestion, int matching, int automation, int notification) {
  }

  static DatabaseConfig from(Settings s) {
    return new DatabaseConfig(
        s.optionalUri("DATABASE_URL", "database.url", Set.of("postgres", "postgresql")),
        new PoolSizes(
            s.integer("JOBSWIPE_DB_POOL_SIZE", "database.poolSize", 1, 200),
            s.integer("JOBSWIPE_DB_POOL_INGESTION", "database.pools.ingestion", 1, 200),
            s.integer("JOBSWIPE_DB_POOL_MATCHING", "database.pools.matching", 1, 200),
            s.integer("JOBSWIPE_DB_POOL_AUTOMATION", "database.pools.automation", 1, 200),
            s.integer("JOBSWIPE_DB_POOL_NOTIFICATION", "database.pools.notification", 1, 200)));
  }

  public boolean embedded() {
    return url.isEmpty();
  }
}
