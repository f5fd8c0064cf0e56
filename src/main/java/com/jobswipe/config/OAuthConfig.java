package com.jobswipe.config;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sign-in with Google, LinkedIn and Apple (OpenID Connect, authorization code + PKCE, or an id_token from the
 * provider's native SDK).
 *
 * @param apple       the Apple provider with the key that signs its client secrets
 * @param appRedirect where a finished sign-in sends the browser with its one-time code: the mobile app's link
 *                    ({@code jobswipe://oauth} or an https app link); the web client's page when not set
 */
public record OAuthConfig(Optional<Provider> google, Optional<Provider> linkedin, Optional<Apple> apple,
                          Optional<URI> appRedirect) {

  /** Apple's issuer; also the audience of the client secrets we sign for it. */
  public static final URI APPLE_ISSUER = URI.create("https://appleid.apple.com");

  /**
   * @param issuer       the OpenID issuer whose discovery document describes the endpoints and keys
   * @param audiences    client ids besides {@code clientId} whose id_tokens are accepted from native SDKs (the iOS
   *                     and Android apps have client ids of their own)
   * @param clientSecret empty for Apple, whose client secret is a JWT signed afresh (see {@link Apple})
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
   * Sign in with Apple: the client id is the Services ID (web) and the audiences are the apps' bundle ids. Apple
   * takes no static client secret but an ES256 JWT signed with the team's key (a {@code .p8} from the developer
   * account), issued by the team for the client id.
   */
  public record Apple(Provider provider, String teamId, String keyId, ECPrivateKey privateKey) {

    @Override
    public String toString() {
      return "Apple[" + provider + ", teamId=" + teamId + ", keyId=" + keyId + ", privateKey=(hidden)]";
    }
  }

  /**
   * The registry of sign-in providers: every provider configured on this node, in the order sign-in screens list
   * them. The routes and the public list both read it, so a provider added here is offered everywhere at once.
   */
  public List<Provider> providers() {
    List<Provider> all = new ArrayList<>();
    google.ifPresent(all::add);
    linkedin.ifPresent(all::add);
    apple.map(Apple::provider).ifPresent(all::add);
    return List.copyOf(all);
  }

  /** The configured provider of this name. */
  public Optional<Provider> provider(String name) {
    return providers().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  static OAuthConfig from(Settings s) {
    return new OAuthConfig(provider(s, "google", "GOOGLE"), provider(s, "linkedin", "LINKEDIN"), apple(s),
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

  private static Optional<Apple> apple(Settings s) {
    Optional<String> clientId = s.optionalString("JOBSWIPE_APPLE_CLIENT_ID", "oauth.apple.clientId");
    if (clientId.isEmpty()) {
      return Optional.empty();
    }
    Provider provider = new Provider("apple", clientId.get(), "",
        s.optionalUri("JOBSWIPE_APPLE_ISSUER", "oauth.apple.issuer", Set.of("http", "https")).orElse(APPLE_ISSUER),
        s.list("JOBSWIPE_APPLE_AUDIENCES", "oauth.apple.audiences"));
    return Optional.of(new Apple(provider, s.string("JOBSWIPE_APPLE_TEAM_ID", "oauth.apple.teamId"),
        s.string("JOBSWIPE_APPLE_KEY_ID", "oauth.apple.keyId"),
        privateKey(s.string("JOBSWIPE_APPLE_PRIVATE_KEY", "oauth.apple.privateKey"))));
  }

  /** The {@code .p8} file's content: a PKCS#8 EC P-256 key in PEM (line breaks may be written as {@code \n}). */
  static ECPrivateKey privateKey(String pem) {
    String body = pem.replace("\\n", "\n").replace("-----BEGIN PRIVATE KEY-----", "")
        .replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
    try {
      byte[] der = Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
      if (KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der)) instanceof ECPrivateKey key
          && key.getParams().getCurve().getField().getFieldSize() == 256) {
        return key;
      }
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      // Reported below, without the key's content.
    }
    throw new ConfigException("JOBSWIPE_APPLE_PRIVATE_KEY", "must be the PEM of Apple's .p8 key (PKCS#8, EC P-256)");
  }
}
