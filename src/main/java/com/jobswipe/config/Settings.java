package com.jobswipe.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of one setting at a time: the environment variable wins over the JSON defaults.
 * Every failure names the environment variable, since that is what an operator sets to fix it.
 */
public final class Settings {

  private final JsonObject defaults;
  private final Map<String, String> env;

  public Settings(JsonObject defaults, Map<String, String> env) {
    this.defaults = defaults;
    this.env = env;
  }

  /** Whether the environment sets this variable at all (for variables the platform sets, such as Fly's). */
  public boolean inEnvironment(String envName) {
    String value = env.get(envName);
    return value != null && !value.isBlank();
  }

  public String string(String envName, String path) {
    return optionalString(envName, path)
        .orElseThrow(() -> new ConfigException(envName, "is required"));
  }

  public Optional<String> optionalString(String envName, String path) {
    String fromEnv = env.get(envName);
    if (fromEnv != null) {
      return fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv.trim());
    }
    Object value = lookup(path);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String s)) {
      throw new ConfigException(envName, "expected a string, got " + value);
    }
    return s.isBlank() ? Optional.empty() : Optional.of(s.trim());
  }

  public int integer(String envName, String path, int min, int max) {
    String raw = raw(envName, path);
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new ConfigException(envName, "expected an integer, got '" + raw + "'");
    }
    if (value < min || value > max) {
      throw new ConfigException(envName, "must be between " + min + " and " + max + ", got " + value);
    }
    return value;
  }

  public Duration seconds(String envName, String path, int min, int max) {
    return Duration.ofSeconds(integer(envName, path, min, max));
  }

  public boolean bool(String envName, String path) {
    String raw = raw(envName, path);
    return switch (raw.toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new ConfigException(envName, "expected true or false, got '" + raw + "'");
    };
  }

  public String oneOf(String envName, String path, Set<String> allowed) {
    String raw = raw(envName, path);
    if (!allowed.contains(raw)) {
      throw new ConfigException(envName, "expected one of " + allowed + ", got '" + raw + "'");
    }
    return raw;
  }

  /** A comma-separated list in the environment, a JSON array in the defaults. */
  public List<String> list(String envName, String path) {
    String fromEnv = env.get(envName);
    if (fromEnv != null) {
      return Arrays.stream(fromEnv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    Object value = lookup(path);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array)) {
      throw new ConfigException(envName, "expected an array, got " + value);
    }
    return array.stream().map(String::valueOf).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** An absolute URI whose scheme is one of {@code schemes}, or empty when unset. */
  public Optional<URI> optionalUri(String envName, String path, Set<String> schemes) {
    return optionalString(envName, path).map(raw -> {
      URI uri;
      try {
        uri = new URI(raw);
      } catch (URISyntaxException e) {
        throw new ConfigException(envName, "is not a valid URI (" + e.getReason() + ")");
      }
      if (uri.getScheme() == null || !schemes.contains(uri.getScheme()) || uri.getHost() == null) {
        throw new ConfigException(envName, "expected a " + String.join(" or ", schemes) + " URI with a host");
      }
      return uri;
    });
  }

  private String raw(String envName, String path) {
    String fromEnv = env.get(envName);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return fromEnv.trim();
    }
    Object value = lookup(path);
    if (value == null) {
      throw new ConfigException(envName, "is required (no default at " + path + ")");
    }
    return String.valueOf(value).trim();
  }

  private Object lookup(String path) {
    Object node = defaults;
    for (String key : path.split("\\.")) {
      if (!(node instanceof JsonObject object)) {
        return null;
      }
      node = object.getValue(key);
    }
    return node;
  }
}
