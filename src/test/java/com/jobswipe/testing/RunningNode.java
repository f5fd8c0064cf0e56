package com.jobswipe.testing;

import com.jobswipe.Application;
import com.jobswipe.bus.Role;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** A real node (the same {@link Application} the jar runs) on a fresh test database and a free port. */
public final class RunningNode implements AutoCloseable {

  private final TestDatabase database;
  private final Application app;
  private final int port;

  private RunningNode(TestDatabase database, Application app, int port) {
    this.database = database;
    this.app = app;
    this.port = port;
  }

  public static RunningNode start() {
    return start(EnumSet.allOf(Role.class), Map.of());
  }

  /** Starts a node on its own fresh database; {@code env} adds to or overrides the test defaults. */
  public static RunningNode start(Set<Role> roles, Map<String, String> env) {
    TestDatabase database = TestDatabase.create();
    try {
      return startOn(database, roles, env);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /** Starts a node on an existing database, which it then owns and drops at close. */
  public static RunningNode startOn(TestDatabase database, Set<Role> roles, Map<String, String> env) {
    int port = env.containsKey("PORT") ? Integer.parseInt(env.get("PORT")) : FreePorts.next();
    Map<String, String> all = new HashMap<>();
    all.put("DATABASE_URL", database.url().toString());
    all.put("PORT", Integer.toString(port));
    all.putAll(env);
    return new RunningNode(database, Application.start(TestNodes.config(all), roles), port);
  }

  public Application app() {
    return app;
  }

  public int port() {
    return port;
  }

  public TestDatabase database() {
    return database;
  }

  @Override
  public void close() {
    try {
      app.stop();
    } finally {
      database.close();
    }
  }
}
