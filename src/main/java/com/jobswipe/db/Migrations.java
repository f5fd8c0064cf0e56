package com.jobswipe.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the schema up to date before anything else touches it. Flyway takes a PostgreSQL advisory lock
 * for the run, so instances starting together migrate once and the others wait, then find nothing to do.
 */
public final class Migrations {

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  public static MigrateResult migrate(ConnectionSettings db) {
    Flyway flyway = Flyway.configure()
        .dataSource(db.jdbcUrl(), db.user(), db.password())
        .connectRetries(10)
        .locations("classpath:db/migration")
        .validateMigrationNaming(true)
        .load();
    MigrateResult result = flyway.migrate();
    log.info("schema at version {} ({} migration(s) applied now)", flyway.info().current().getVersion(),
        result.migrationsExecuted);
    return result;
  }
}
