package com.jobswipe.config;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads {@code conf/application.json} (shipped in the jar), merges the optional file named by
 * {@code JOBSWIPE_CONFIG} over it, and lets environment variables override single values.
 */
public final class ConfigLoader {

  private static final String DEFAULTS = "conf/application.json";

  private ConfigLoader() {
  }

  public static AppConfig load(Map<String, String> env) {
    JsonObject json = defaults();
    String extra = env.get("JOBSWIPE_CONFIG");
    if (extra != null && !extra.isBlank()) {
      json.mergeIn(readFile(Path.of(extra.trim())), true);
    }
    return AppConfig.from(new Settings(json, env));
  }

  private static JsonObject defaults() {
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
      if (in == null) {
        throw new IllegalStateException(DEFAULTS + " is missing from the classpath");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonObject readFile(Path path) {
    try {
      return new JsonObject(Files.readString(path));
    } catch (NoSuchFileException e) {
      throw new ConfigException("JOBSWIPE_CONFIG", "no such file " + path);
    } catch (IOException e) {
      throw new ConfigException("JOBSWIPE_CONFIG", "cannot read " + path + " (" + e.getMessage() + ")");
    } catch (DecodeException e) {
      throw new ConfigException("JOBSWIPE_CONFIG", path + " is not valid JSON (" + e.getMessage() + ")");
    }
  }
}
