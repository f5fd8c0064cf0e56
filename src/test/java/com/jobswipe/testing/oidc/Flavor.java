package com.jobswipe.testing.oidc;

import com.jobswipe.testing.oidc.LocalOidcProvider.User;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which real provider a {@link LocalOidcProvider} imitates: endpoint paths, and the shape of the discovery
 * document, id_token claims, userinfo reply and token response, each modelled on the real one
 * (accounts.google.com, www.linkedin.com/oauth and appleid.apple.com). Where the local provider does less than the real one
 * (only {@code code}, only S256, no refresh or revocation), the document says only what it does.
 */
public enum Flavor {

  /** Paths as under https://accounts.google.com, oauth2.googleapis.com and www.googleapis.com. */
  GOOGLE("/google", "/o/oauth2/v2/auth", "/token", "/v1/userinfo", "/oauth2/v3/certs", "4/0A", "ya29."),

  /** Paths as under https://www.linkedin.com and api.linkedin.com. */
  LINKEDIN("/linkedin", "/oauth/v2/authorization", "/oauth/v2/accessToken", "/v2/userinfo", "/oauth/openid/jwks",
      "AQ", "AQ"),

  /**
   * Paths as under https://appleid.apple.com. Apple has no userinfo endpoint, answers with a form POST
   * ({@code response_mode=form_post}), takes an ES256 JWT as client secret and tells the name only once, in the form.
   */
  APPLE("/apple", "/auth/authorize", "/auth/token", null, "/auth/keys", "c", "a");

  private final String pathPrefix;
  private final String authorizationPath;
  private final String tokenPath;
  private final String userinfoPath;
  private final String jwksPath;
  private final String codePrefix;
  private final String accessTokenPrefix;

  Flavor(String pathPrefix, String authorizationPath, String tokenPath, String userinfoPath, String jwksPath,
         String codePrefix, String accessTokenPrefix) {
    this.pathPrefix = pathPrefix;
    this.authorizationPath = authorizationPath;
    this.tokenPath = tokenPath;
    this.userinfoPath = userinfoPath;
    this.jwksPath = jwksPath;
    this.codePrefix = codePrefix;
    this.accessTokenPrefix = accessTokenPrefix;
  }

  String pathPrefix() {
    return pathPrefix;
  }

  String authorizationPath() {
    return authorizationPath;
  }

  String tokenPath() {
    return tokenPath;
  }

  /** Null for Apple, which has no userinfo endpoint. */
  String userinfoPath() {
    return userinfoPath;
  }

  String jwksPath() {
    return jwksPath;
  }

  /** Google's codes start "4/0A" and so carry a slash: a client that forgets to URL-encode breaks here too. */
  String newCode(String random) {
    return codePrefix + random;
  }

  String newAccessToken(String random) {
    return accessTokenPrefix + random;
  }

  /** Field names as OpenID Connect Discovery 1.0 §3; values as the real documents, trimmed to what is served. */
  JsonObject discovery(String issuer) {
    JsonObject document = new JsonObject()
        .put("issuer", issuer)
        .put("authorization_endpoint", issuer + authorizationPath)
        .put("token_endpoint", issuer + tokenPath);
    if (userinfoPath != null) {
      document.put("userinfo_endpoint", issuer + userinfoPath);
    }
    document.put("jwks_uri", issuer + jwksPath)
        .put("response_types_supported", new JsonArray().add("code"));
    return switch (this) {
      case GOOGLE -> document
          .put("subject_types_supported", new JsonArray().add("public"))
          .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"))
          .put("scopes_supported", new JsonArray().add("openid").add("email").add("profile"))
          .put("token_endpoint_auth_methods_supported",
              new JsonArray().add("client_secret_post").add("client_secret_basic"))
          .put("claims_supported", new JsonArray(List.of("aud", "email", "email_verified", "exp", "family_name",
              "given_name", "iat", "iss", "name", "picture", "sub")))
          .put("code_challenge_methods_supported", new JsonArray().add("S256"))
          // Vert.x reads this and refuses a flow whose grant type is not listed.
          .put("grant_types_supported", new JsonArray().add("authorization_code"));
      // LinkedIn's real document has no token_endpoint_auth_methods_supported, code_challenge_methods_supported
      // or grant_types_supported, and says pairwise: kept so, so nothing passes here that relies on them.
      case LINKEDIN -> document
          .put("subject_types_supported", new JsonArray().add("pairwise"))
          .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"))
          .put("scopes_supported", new JsonArray().add("openid").add("profile").add("email"))
          .put("claims_supported", new JsonArray(List.of("iss", "aud", "iat", "exp", "sub", "name", "given_name",
              "family_name", "picture", "email", "email_verified", "locale")));
      case APPLE -> document
          .put("response_modes_supported", new JsonArray().add("query").add("fragment").add("form_post"))
          .put("subject_types_supported", new JsonArray().add("pairwise"))
          .put("id_token_signing_alg_values_supported", new JsonArray().add("RS256"))
          .put("scopes_supported", new JsonArray().add("openid").add("email").add("name"))
          .put("token_endpoint_auth_methods_supported", new JsonArray().add("client_secret_post"))
          .put("claims_supported", new JsonArray(List.of("aud", "email", "email_verified", "exp", "iat",
              "is_private_email", "iss", "nonce", "nonce_supported", "real_user_status", "sub", "transfer_sub")));
    };
  }

  /** Query parameters of the redirect back to the client after consent, in the provider's order. */
  Map<String, String> authorizationResponse(String code, String state, List<String> scopes) {
    Map<String, String> parameters = new LinkedHashMap<>();
    switch (this) {
      case GOOGLE -> {
        parameters.put("state", state);
        parameters.put("code", code);
        parameters.put("scope", String.join(" ", scopes));
        parameters.put("authuser", "0");
        parameters.put("prompt", "consent");
      }
      case LINKEDIN, APPLE -> {
        parameters.put("code", code);
        parameters.put("state", state);
      }
    }
    return parameters;
  }

  /** LinkedIn reports granted scopes comma-separated ({@code "email,openid,profile"}), Google space-separated. */
  String grantedScope(List<String> scopes) {
    return String.join(this == LINKEDIN ? "," : " ", scopes);
  }

  /**
   * The id_token claims before signing. Email claims need the {@code email} scope and name and picture the
   * {@code profile} scope, as at both real providers.
   */
  JsonObject idTokenClaims(IdTokenRequest request) {
    User user = request.user();
    if (this == APPLE) {
      return appleIdTokenClaims(request);
    }
    JsonObject claims = new JsonObject().put("iss", request.issuer());
    if (this == GOOGLE) {
      claims.put("azp", request.clientId());
    }
    claims.put("aud", request.clientId());
    if (this == LINKEDIN) {
      claims.put("iat", request.issuedAt()).put("exp", request.expiresAt());
    }
    claims.put("sub", user.subject());
    if (request.scopes().contains("email")) {
      claims.put("email", user.email()).put("email_verified", user.emailVerified());
    }
    if (this == GOOGLE) {
      claims.put("at_hash", request.accessTokenHash());
    }
    if (request.nonce() != null) {
      claims.put("nonce", request.nonce());
    }
    if (request.scopes().contains("profile")) {
      putProfile(claims, user, request.issuer());
    }
    if (this == GOOGLE) {
      claims.put("iat", request.issuedAt()).put("exp", request.expiresAt());
    }
    return claims;
  }

  /**
   * Apple's id_token: email claims as strings ({@code "email_verified": "true"}), a relay address flagged by
   * {@code is_private_email}, and never a name.
   */
  private static JsonObject appleIdTokenClaims(IdTokenRequest request) {
    User user = request.user();
    JsonObject claims = new JsonObject().put("iss", request.issuer()).put("aud", request.clientId())
        .put("exp", request.expiresAt()).put("iat", request.issuedAt()).put("sub", user.subject());
    if (request.nonce() != null) {
      claims.put("nonce", request.nonce());
    }
    if (request.scopes().contains("email")) {
      claims.put("email", user.email()).put("email_verified", Boolean.toString(user.emailVerified()))
          .put("is_private_email", Boolean.toString(user.email().endsWith("@privaterelay.appleid.com")));
    }
    return claims.put("auth_time", request.issuedAt()).put("nonce_supported", true);
  }

  /** The userinfo reply. LinkedIn's carries locale as an object, as api.linkedin.com/v2/userinfo returns it. */
  JsonObject userinfo(User user, List<String> scopes, String issuer) {
    JsonObject claims = new JsonObject().put("sub", user.subject());
    if (scopes.contains("profile")) {
      putProfile(claims, user, issuer);
      if (this == LINKEDIN) {
        claims.put("locale", new JsonObject().put("country", "US").put("language", "en"));
      }
    }
    if (scopes.contains("email")) {
      claims.put("email", user.email()).put("email_verified", user.emailVerified());
    }
    return claims;
  }

  private static void putProfile(JsonObject claims, User user, String issuer) {
    claims.put("name", user.name());
    int space = user.name().indexOf(' ');
    if (space < 0) {
      claims.put("given_name", user.name());
    } else {
      claims.put("given_name", user.name().substring(0, space)).put("family_name", user.name().substring(space + 1));
    }
    // Under the local issuer, so nothing in a test ever points at the real network.
    claims.put("picture", issuer + "/pictures/" + user.subject());
  }

  /** What goes into one id_token; times in epoch seconds. */
  record IdTokenRequest(String issuer, String clientId, User user, List<String> scopes, String nonce,
                        String accessTokenHash, long issuedAt, long expiresAt) {
  }
}
