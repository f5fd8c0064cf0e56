package com.jobswipe.config;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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

    /** The provider's name as sign-in screens show it ("Continue with LinkedIn"). */
    public String displayName() {
      return switch (name) {
        case "linkedin" -> "LinkedIn";
        default -> name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
      };
    }

    /** Every client id an id_token may be issued for. */
    public Set<String> acceptedAudiences() {
      Set<String> accepted = new LinkedHashSet<>(audiences);
      accepted.add(clientId);
      return accepted;
    }
  }

  /**
   * The registry of sign-in providers: every provider configured on this node, in the order sign-in screens list
   * them. The routes and the public list both read it, so a provider added here is offered everywhere at once.
   */
  public List<Provider> providers() {
    return Stream.of(google, linkedin).flatMap(Optional::stream).toList();
  }

  /** The configured provider of this name (the name in its paths), if any. */
  public Optional<Provider> provider(String name) {
    return providers().stream().filter(p -> p.name().equals(name)).findFirst();
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
