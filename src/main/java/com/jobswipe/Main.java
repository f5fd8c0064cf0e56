package com.jobswipe;

import com.jobswipe.bus.Role;
import com.jobswipe.config.AppConfig;
import com.jobswipe.config.ConfigException;
import com.jobswipe.config.ConfigLoader;
import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.EmbeddedDatabase;
import com.jobswipe.db.Migrations;
import com.jobswipe.db.Pools;
import com.jobswipe.crypto.Fernet;
import com.jobswipe.demo.DemoMode;
import com.jobswipe.profile.FernetProfileImport;
import com.jobswipe.profile.ProfileFeature;
import io.micrometer.core.instrument.Metrics;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code java -jar jobswipe.jar [--roles api,ingestion,...]}. Exit codes: 2 for a configuration error
 * (one line naming the variable), 1 for any other startup failure.
 */
public final class Main {

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) {
    // Vert.x and Hazelcast log through SLF4J like the rest of the process.
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
    System.setProperty("hazelcast.logging.type", "slf4j");

    if (args.length > 0 && args[0].equals("rotate-keys")) {
      System.exit(rotateKeys(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length > 0 && args[0].equals("import-fernet")) {
      System.exit(importFernet(Arrays.copyOfRange(args, 1, args.length)));
      return;
    }
    if (args.length == 1 && (args[0].equals("demo") || args[0].equals("--demo"))) {
      int failed = demo();
      if (failed != 0) {
        System.exit(failed);
      }
      return;
    }
    AppConfig config;
    Set<Role> roles;
    try {
      roles = roles(args);
      config = ConfigLoader.load(System.getenv());
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
      return;
    }

    Application app;
    try {
      app = Application.start(config, roles);
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      System.exit(2);
      return;
    } catch (Exception e) {
      log.error("startup failed", e);
      System.err.println("startup failed: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::stop, "jobswipe-shutdown"));
    // Logged only once SIGTERM is handled gracefully: tests and operators may act on this line.
    log.info("node {} ready with roles {} on port {}", app.node().nodeId(), roles, config.http().port());
  }

  /**
   * {@code demo} or {@code --demo}: every role on the embedded defaults with a seeded world ({@link DemoMode}). 0 once
   * the demo runs (the node's threads keep the process alive), else the exit code of the failure.
   */
  static int demo() {
    DemoMode demo;
    try {
      demo = DemoMode.start(System.getenv());
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      log.error("demo failed to start", e);
      System.err.println("demo failed to start: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(demo::close, "jobswipe-shutdown"));
    System.out.println(demo.banner());
    log.info("node {} ready in demo mode on port {}", demo.app().node().nodeId(), demo.app().node().config().http().port());
    return 0;
  }

  /**
   * {@code rotate-keys [--add-key]}: re-encrypts every sealed value under the current data key. With
   * {@code --add-key} (single-node default only) a new key is generated first. Safe while servers run.
   */
  static int rotateKeys(String[] args) {
    boolean addKey = false;
    for (String arg : args) {
      if (!arg.equals("--add-key")) {
        System.err.println("usage: java -jar jobswipe.jar rotate-keys [--add-key]");
        return 2;
      }
      addKey = true;
    }
    try {
      AppConfig config = ConfigLoader.load(System.getenv());
      if (addKey) {
        Secrets.addDataKey(config);
      }
      Secrets secrets = Secrets.resolve(config);
      try (EmbeddedDatabase embedded = config.database().embedded() ? EmbeddedDatabase.start(config.dataDir()) : null) {
        ConnectionSettings database = embedded != null ? embedded.settings()
            : ConnectionSettings.fromUrl(config.database().url().orElseThrow());
        Migrations.migrate(database);
        KeyRotation.run(database, secrets.data()).forEach((what, rows) ->
            System.out.println(what + ": " + rows + " row(s) now under key " + secrets.data().currentKeyId()));
      }
      return 0;
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      log.error("rotate-keys failed", e);
      System.err.println("rotate-keys failed: " + e.getMessage());
      return 1;
    }
  }

  /**
   * {@code import-fernet FILE}: imports profiles exported by a Fernet-based predecessor (JSON lines of
   * {@code {"email", "profile": <Fernet token>}}), opened with {@code JOBSWIPE_FERNET_KEY} and sealed under
   * our data keys.
   */
  static int importFernet(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: JOBSWIPE_FERNET_KEY=... java -jar jobswipe.jar import-fernet FILE.jsonl");
      return 2;
    }
    String fernetKey = System.getenv("JOBSWIPE_FERNET_KEY");
    if (fernetKey == null || fernetKey.isBlank()) {
      System.err.println("configuration error: JOBSWIPE_FERNET_KEY: is required (the predecessor's Fernet key)");
      return 2;
    }
    try {
      Fernet fernet;
      try {
        fernet = new Fernet(fernetKey.trim());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("JOBSWIPE_FERNET_KEY", e.getMessage());
      }
      List<String> lines = Files.readAllLines(Path.of(args[0]));
      AppConfig config = ConfigLoader.load(System.getenv());
      Secrets secrets = Secrets.resolve(config);
      try (EmbeddedDatabase embedded = config.database().embedded() ? EmbeddedDatabase.start(config.dataDir()) : null) {
        ConnectionSettings database = embedded != null ? embedded.settings()
            : ConnectionSettings.fromUrl(config.database().url().orElseThrow());
        Migrations.migrate(database);
        Vertx vertx = Vertx.vertx();
        try {
          Pool pool = Pools.shared(vertx, database, "import", 2);
          FernetProfileImport.Report report = new FernetProfileImport(pool,
              new ProfileFeature(vertx, pool, secrets.data(), config.dataDir(), config.parsing(),
                  Metrics.globalRegistry, config.accounts()), fernet).run(lines);
          System.out.println(report.imported() + " profile(s) imported, " + report.accountsCreated()
              + " account(s) created, " + report.rejected().size() + " rejected");
          report.rejected().forEach(System.out::println);
          return report.rejected().isEmpty() ? 0 : 1;
        } finally {
          vertx.close().await();
        }
      }
    } catch (ConfigException e) {
      System.err.println("configuration error: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      log.error("import-fernet failed", e);
      System.err.println("import-fernet failed: " + e.getMessage());
      return 1;
    }
  }

  /** {@code --roles a,b} or {@code --roles=a,b} on the command line, else {@code JOBSWIPE_ROLES}, else all. */
  static Set<Role> roles(String[] args) {
    String spec = System.getenv("JOBSWIPE_ROLES");
    String source = "JOBSWIPE_ROLES";
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--roles") && i + 1 < args.length) {
        spec = args[++i];
        source = "--roles";
      } else if (args[i].startsWith("--roles=")) {
        spec = args[i].substring("--roles=".length());
        source = "--roles";
      } else {
        throw new ConfigException(args[i], "unknown argument (usage: java -jar jobswipe.jar [--roles a,b,...] | demo)");
      }
    }
    if (spec == null || spec.isBlank()) {
      return EnumSet.allOf(Role.class);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String id : spec.split(",")) {
      String name = source;
      roles.add(Role.fromId(id).orElseThrow(() -> new ConfigException(name, "unknown role '" + id.trim()
          + "' (known: " + Arrays.stream(Role.values()).map(Role::id).collect(Collectors.joining(", ")) + ")")));
    }
    return roles;
  }
}
