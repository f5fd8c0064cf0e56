package com.jobswipe;

import com.jobswipe.auth.JwtKeys;
import com.jobswipe.config.AppConfig;
import com.jobswipe.config.ConfigException;
import com.jobswipe.crypto.DataKeyRing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The token-signing keys and the data-encryption keys. Production passes both in the environment (every node
 * must hold the same ones). The single-node default generates them once and keeps them, readable by the
 * owner only, in {@code <dataDir>/keys/}, so tokens and encrypted values survive a restart.
 */
record Secrets(JwtKeys jwt, DataKeyRing data) {

  private static final Logger log = LoggerFactory.getLogger(Secrets.class);

  static Secrets resolve(AppConfig config) {
    if (config.cluster().enabled() && (config.auth().jwtKeys().isEmpty() || config.dataKeys().keys().isEmpty())) {
      throw new ConfigException(config.auth().jwtKeys().isEmpty() ? "JOBSWIPE_JWT_KEYS" : "JOBSWIPE_DATA_KEYS",
          "is required when JOBSWIPE_CLUSTER_MEMBERS is set: every node must share the same keys");
    }
    Path dir = config.dataDir().resolve("keys");
    JwtKeys jwt = config.auth().jwtKeys()
        .map(spec -> parse("JOBSWIPE_JWT_KEYS", spec, JwtKeys::parse))
        .orElseGet(() -> parse("jwt-keys.json", kept(dir.resolve("jwt-keys.json"),
            () -> JwtKeys.generate(kid()).toJson()), JwtKeys::parse));
    DataKeyRing data = config.dataKeys().keys()
        .map(spec -> parse("JOBSWIPE_DATA_KEYS", spec, DataKeyRing::parse))
        .orElseGet(() -> parse("data-keys", kept(dir.resolve("data-keys"),
            () -> DataKeyRing.generate(kid()).spec()), DataKeyRing::parse));
    return new Secrets(jwt, data);
  }

  private static <T> T parse(String name, String spec, Function<String, T> parser) {
    try {
      return parser.apply(spec.trim());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(name, e.getMessage());
    }
  }

  /** Reads the file, or writes a freshly generated value to it (mode 600) the first time. */
  private static String kept(Path file, Supplier<String> generate) {
    try {
      if (Files.exists(file)) {
        return Files.readString(file);
      }
      Files.createDirectories(file.getParent());
      String value = generate.get();
      Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, value);
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      log.warn("generated {}; set the matching environment variable before running more than one node", file);
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep " + file, e);
    }
  }

  /**
   * Puts a fresh data key in front of the generated key file (single-node default). Where keys come from
   * {@code JOBSWIPE_DATA_KEYS}, the operator puts the new key first there instead.
   */
  static void addDataKey(AppConfig config) {
    if (config.dataKeys().keys().isPresent()) {
      throw new ConfigException("JOBSWIPE_DATA_KEYS", "is set: put the new key first in it instead of --add-key");
    }
    Path file = config.dataDir().resolve("keys").resolve("data-keys");
    DataKeyRing current = parse("data-keys", kept(file, () -> DataKeyRing.generate(kid()).spec()), DataKeyRing::parse);
    try {
      Path temp = Files.createTempFile(file.getParent(), "data-keys", ".tmp",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(temp, current.withNewCurrentKey(kid()).spec());
      Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + file, e);
    }
  }

  /** Key ids carry their creation time, so each rotation gets a new one and operators can tell keys apart. */
  private static String kid() {
    return "k" + DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
  }
}
