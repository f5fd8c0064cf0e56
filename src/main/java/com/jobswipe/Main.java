package com.jobswipe;

import com.jobswipe.bus.Role;
import com.jobswipe.config.AppConfig;
import com.jobswipe.config.ConfigException;
import com.jobswipe.config.ConfigLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
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
        throw new ConfigException(args[i], "unknown argument (usage: java -jar jobswipe.jar [--roles a,b,...])");
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
