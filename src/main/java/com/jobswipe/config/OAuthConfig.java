package com.jobswipe.config;

import java.net.URI;
import java.util.Optional;
import java.util.Set;

/** Sign-in with Google and LinkedIn (OpenID Connect, authorization code + PKCE). */
public record OAuthConfig(Optional<Provider> google, Optional<Provider> linkedin) {

  /**
   * @param issuer the OpenID issuer whose discovery document describes the endpoints and keys
   */
  public record Provider(String name, String clientId, String clientSecret, URI issuer) {
  }

  static OAuthConfig from(Settings s) {
    return new OAuthConfig(provider(s, "google", "GOOGLE"), provider(s, "linkedin", "LINKEDIN"));
  }

  private static Optional<Provider> provider(Settings s, String name, String env) {
    Optional<String> clientId = s.optionalString("JOBSWIPE_" + env + "_CLIENT_ID", "oauth." + name + ".clientId");
    if (clientId.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Provider(name, clientId.get(),
        s.string("JOBSWIPE_" + env + "_CLIENT_SECRET", "oauth." + name + ".clientSecret"),
        s.optionalUri("JOBSWIPE_" + env + "_ISSUER", "oauth." + name + ".issuer", Set.of("http", "https"))
            .orElseThrow(() -> new ConfigException("JOBSWIPE_" + env + "_ISSUER", "is required"))));
  }
}
