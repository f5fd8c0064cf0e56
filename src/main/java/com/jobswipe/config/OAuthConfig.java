package com.jobswipe.config;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in with Google and LinkedIn (OpenID Connect, authorization code + PKCE, or an id_token from the provider's
 * native SDK).
 *
 * @param appRedirect where a finished sign-in sends the browser with its one-time code: the mobile app's link
 *                    ({@code jobswipe://oauth} or an https app link); the web client's page when not set
 */
public record OAuthConfig(Optional<Provider> google, Optional<Provider> linkedin, Optional<URI> appRedirect) {

  /**
   * @param issuer    the OpenID issuer whose discovery document describes the endpoints and keys
   * @param audiences client ids besides {@code clientId} whose id_tokens are accepted from native SDKs (the iOS
   *                  and Android apps have client ids of their own)
   */
  public record Provider(String name, String clientId, String clientSecret, URI issuer, List<String> audiences) {

    public Provider {
      audiences = List.copyOf(audiences);
    }

    /** Every client id an id_token may be issued for. */
    public Set<String> acceptedAudiences() {
      Set<String> accepted = new LinkedHashSet<>(audiences);
      accepted.add(clientId);
      return accepted;
    }
  }

  static OAuthConfig from(Settings s) {
    return new OAuthConfig(provider(s, "google", "GOOGLE"), provider(s, "linkedin", "LINKEDIN"),
        s.optionalUri("JOBSWIPE_OAUTH_APP_REDIRECT", "oauth.appRedirect", Set.of("http", "https", "jobswipe")));
  }

  private static Optional<Provider> provider(Settings s, String name, String env) {
    Optional<String> clientId = s.optionalString("JOBSWIPE_" + env + "_CLIENT_ID", "oauth." + name + ".clientId");
    if (clientId.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Provider(name, clientId.get(),
        s.string("JOBSWIPE_" + env + "_CLIENT_SECRET", "oauth." + name + ".clientSecret"),
        s.optionalUri("JOBSWIPE_" + env + "_ISSUER", "oauth." + name + ".issuer", Set.of("http", "https"))
            .orElseThrow(() -> new ConfigException("JOBSWIPE_" + env + "_ISSUER", "is required")),
        s.list("JOBSWIPE_" + env + "_AUDIENCES", "oauth." + name + ".audiences")));
  }
}
