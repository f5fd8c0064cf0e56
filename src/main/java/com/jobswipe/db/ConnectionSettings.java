package com.jobswipe.db;

import com.jobswipe.config.ConfigException;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * How to reach one PostgreSQL database, in the two dialects the process needs: JDBC for Flyway and the
 * reactive client's options for everything else.
 */
public record ConnectionSettings(String host, int port, String database, String user, String password,
                                 String sslMode) {

  private static final int DEFAULT_PORT = 5432;

  /** Parses {@code postgres://user:password@host:port/database?sslmode=require} (the form Fly and Heroku hand out). */
  public static ConnectionSettings fromUrl(URI url) {
    String database = url.getPath() == null || url.getPath().length() <= 1 ? "postgres" : url.getPath().substring(1);
    String user = "postgres";
    String password = "";
    if (url.getRawUserInfo() != null) {
      String[] parts = url.getRawUserInfo().split(":", 2);
      user = decode(parts[0]);
      password = parts.length > 1 ? decode(parts[1]) : "";
    }
    String sslMode = "disable";
    if (url.getQuery() != null) {
      for (String pair : url.getQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv[0].equals("sslmode") && kv.length == 2) {
          sslMode = kv[1].toLowerCase(Locale.ROOT);
        }
      }
    }
    try {
      SslMode.of(sslMode);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("DATABASE_URL", "unknown sslmode '" + sslMode + "'");
    }
    return new ConnectionSettings(url.getHost(), url.getPort() < 0 ? DEFAULT_PORT : url.getPort(), database,
        user, password, sslMode);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database + "?sslmode=" + sslMode
        + "&ApplicationName=jobswipe";
  }

  public PgConnectOptions pgConnectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setSslMode(SslMode.of(sslMode))
        .setCachePreparedStatements(true)
        .addProperty("application_name", "jobswipe");
  }

  /** For logs: everything but the password. */
  @Override
  public String toString() {
    return "postgres://" + user + "@" + host + ":" + port + "/" + database;
  }

  private static String decode(String raw) {
    return URLDecoder.decode(raw, StandardCharsets.UTF_8);
  }
}
