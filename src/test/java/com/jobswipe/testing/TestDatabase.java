package com.jobswipe.testing;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty database on the real PostgreSQL server the tests run against (127.0.0.1:5432, trust auth,
 * or {@code JOBSWIPE_TEST_PG} as {@code host:port}), dropped again at close.
 */
public final class TestDatabase implements AutoCloseable {

  private static final String SERVER = System.getenv().getOrDefault("JOBSWIPE_TEST_PG", "127.0.0.1:5432");

  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  public static TestDatabase create() {
    String name = "jobswipe_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    admin("CREATE DATABASE " + name);
    return new TestDatabase(name);
  }

  public String name() {
    return name;
  }

  public String host() {
    return SERVER.substring(0, SERVER.lastIndexOf(':'));
  }

  public int port() {
    return Integer.parseInt(SERVER.substring(SERVER.lastIndexOf(':') + 1));
  }

  /** {@code DATABASE_URL} form. */
  public URI url() {
    return URI.create("postgres://postgres@" + SERVER + "/" + name);
  }

  /** The same database reached through another port, for example a {@link TcpProxy}. */
  public URI urlVia(int port) {
    return URI.create("postgres://postgres@" + host() + ":" + port + "/" + name);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/" + name, "postgres", "");
  }

  @Override
  public void close() {
    admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void admin(String sql) {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + SERVER + "/postgres", "postgres", "");
         Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test PostgreSQL at " + SERVER + " refused: " + sql, e);
    }
  }
}
