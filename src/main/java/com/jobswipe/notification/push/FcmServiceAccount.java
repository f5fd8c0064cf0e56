package com.jobswipe.notification.push;

import com.jobswipe.config.ConfigException;
import com.jobswipe.config.PushConfig;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The parts of a Google service account JSON key that FCM needs. {@code token_uri} is read from the key, as
 * Google's own libraries do, so a test key can name a local token endpoint.
 *
 * @param privateKeyPem PKCS#8 PEM, RSA
 * @param privateKeyId the JWT {@code kid}; Google finds the public key by it
 */
record FcmServiceAccount(String projectId, String clientEmail, String privateKeyPem, Optional<String> privateKeyId,
    URI tokenUri) {

  static final URI GOOGLE_TOKEN_URI = URI.create("https://oauth2.googleapis.com/token");

  /** Reads the key file named by {@code JOBSWIPE_FCM_SERVICE_ACCOUNT}; a bad file is a config error. */
  static FcmServiceAccount read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw problem("cannot read " + file + " (" + e.getMessage() + ")");
    }
    try {
      return parse(new JsonObject(text));
    } catch (DecodeException | ClassCastException e) {
      throw problem(file + " is not a service account JSON key");
    }
  }

  static FcmServiceAccount parse(JsonObject key) {
    if (!"service_account".equals(key.getString("type"))) {
      throw problem("expected a key with \"type\": \"service_account\"");
    }
    String pem = required(key, "private_key");
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw problem("private_key is not a PKCS#8 PEM key");
    }
    URI tokenUri = Optional.ofNullable(key.getString("token_uri")).map(URI::create).orElse(GOOGLE_TOKEN_URI);
    return new FcmServiceAccount(required(key, "project_id"), required(key, "client_email"), pem,
        Optional.ofNullable(key.getString("private_key_id")), tokenUri);
  }

  private static String required(JsonObject key, String field) {
    String value = key.getString(field);
    if (value == null || value.isBlank()) {
      throw problem("the key has no " + field);
    }
    return value;
  }

  private static ConfigException problem(String problem) {
    return new ConfigException(PushConfig.FCM_SERVICE_ACCOUNT, problem);
  }

  @Override
  public String toString() {
    return "FcmServiceAccount[" + clientEmail + ", project " + projectId + "]";
  }
}
