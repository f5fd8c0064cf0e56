package com.jobswipe.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Push providers. Each is off until configured; a half-configured one stops startup naming what is missing,
 * because a silently disabled channel would only show up as phones that never ring.
 */
public record PushConfig(Optional<Apns> apns, Optional<Fcm> fcm) {

  /**
   * APNs token authentication.
   *
   * @param keyFile the {@code .p8} signing key (PKCS#8 PEM) from the Apple developer account
   * @param production {@code api.push.apple.com} if true, else {@code api.sandbox.push.apple.com}. Required,
   *                   never defaulted: tokens of one environment are {@code BadDeviceToken} in the other, and
   *                   that answer removes the device
   */
  public record Apns(Path keyFile, String keyId, String teamId, String topic, boolean production) {
  }

  /**
   * FCM HTTP v1.
   *
   * @param serviceAccount the service account's JSON key (project_id, client_email, private_key, token_uri)
   * @param endpoint the FCM base URL when not {@code https://fcm.googleapis.com} (tests, mirrors)
   */
  public record Fcm(Path serviceAccount, Optional<URI> endpoint) {
  }

  public static final String APNS_KEY_FILE = "JOBSWIPE_APNS_KEY_FILE";
  public static final String APNS_KEY_ID = "JOBSWIPE_APNS_KEY_ID";
  public static final String APNS_TEAM_ID = "JOBSWIPE_APNS_TEAM_ID";
  public static final String APNS_TOPIC = "JOBSWIPE_APNS_TOPIC";
  public static final String APNS_ENVIRONMENT = "JOBSWIPE_APNS_ENVIRONMENT";
  public static final String FCM_SERVICE_ACCOUNT = "JOBSWIPE_FCM_SERVICE_ACCOUNT";
  public static final String FCM_ENDPOINT = "JOBSWIPE_FCM_ENDPOINT";

  static PushConfig from(Settings s) {
    return new PushConfig(apns(s), fcm(s));
  }

  private static Optional<Apns> apns(Settings s) {
    Map<String, Optional<String>> values = new LinkedHashMap<>();
    values.put(APNS_KEY_FILE, s.optionalString(APNS_KEY_FILE, "push.apns.keyFile"));
    values.put(APNS_KEY_ID, s.optionalString(APNS_KEY_ID, "push.apns.keyId"));
    values.put(APNS_TEAM_ID, s.optionalString(APNS_TEAM_ID, "push.apns.teamId"));
    values.put(APNS_TOPIC, s.optionalString(APNS_TOPIC, "push.apns.topic"));
    values.put(APNS_ENVIRONMENT, s.optionalString(APNS_ENVIRONMENT, "push.apns.environment"));
    if (values.values().stream().allMatch(Optional::isEmpty)) {
      return Optional.empty();
    }
    values.forEach((name, value) -> value.orElseThrow(() ->
        new ConfigException(name, "is required when any JOBSWIPE_APNS_* setting is set")));
    String environment = s.oneOf(APNS_ENVIRONMENT, "push.apns.environment", Set.of("sandbox", "production"));
    return Optional.of(new Apns(readableFile(APNS_KEY_FILE, values.get(APNS_KEY_FILE).get()),
        values.get(APNS_KEY_ID).get(), values.get(APNS_TEAM_ID).get(), values.get(APNS_TOPIC).get(),
        environment.equals("production")));
  }

  private static Optional<Fcm> fcm(Settings s) {
    Optional<URI> endpoint = s.optionalUri(FCM_ENDPOINT, "push.fcm.endpoint", Set.of("https", "http"));
    Optional<String> key = s.optionalString(FCM_SERVICE_ACCOUNT, "push.fcm.serviceAccount");
    if (key.isEmpty()) {
      endpoint.ifPresent(uri -> {
        throw new ConfigException(FCM_SERVICE_ACCOUNT, "is required when " + FCM_ENDPOINT + " is set");
      });
      return Optional.empty();
    }
    return Optional.of(new Fcm(readableFile(FCM_SERVICE_ACCOUNT, key.get()), endpoint));
  }

  private static Path readableFile(String variable, String value) {
    Path path = Path.of(value).toAbsolutePath().normalize();
    if (!Files.isRegularFile(path)) {
      throw new ConfigException(variable, "no such file " + path);
    }
    if (!Files.isReadable(path)) {
      throw new ConfigException(variable, "cannot read " + path);
    }
    return path;
  }
}
