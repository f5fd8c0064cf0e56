package com.jobswipe.testing.oidc;

import com.jobswipe.testing.oidc.LocalOidcProvider.User;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local provider speaks OpenID Connect well enough for a plain HTTP client checking every step by
 * hand, and for vertx-auth-oauth2's own discovery and code flow. The vertx-auth-oauth2 tests also pin down
 * what that library checks in an id_token and what it leaves to us.
 */
@ExtendWith(VertxExtension.class)
class LocalOidcProviderTest {

  private static final String CLIENT_ID = "1059384710-jobswipe.apps.googleusercontent.com";
  private static final String CLIENT_SECRET = "GOCSPX-local+test/secret";
  private static final String REDIRECT_URI = "http://127.0.0.1:8080/v1/auth/google/callback";
  /** RFC 7636 Appendix B: a verifier and its S256 challenge, computed by someone other than us. */
  private static final String RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
  private static final String RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  private static final String NONCE = "n-0S6_WzA2Mj";
  private static final User ADA = new User("110248495921238986420", "ada@example.com", true, "Ada Lovelace");

  private WebClient http;
  private LocalOidcProvider google;

  @BeforeEach
  void startGoogle(Vertx vertx, VertxTestContext test) {
    http = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
    LocalOidcProvider.start(vertx, Flavor.GOOGLE, CLIENT_ID, CLIENT_SECRET).onComplete(test.succeeding(started -> {
      google = started.nextUser(ADA).allowRedirectUri(REDIRECT_URI);
      test.completeNow();
    }));
  }

  @AfterEach
  void stopGoogle(VertxTestContext test) {
    google.close().onComplete(test.succeedingThenComplete());
  }

  @Test
  void pkceChallengeMatchesTheRfcExample() {
    assertThat(Pkce.challenge(RFC_VERIFIER)).isEqualTo(RFC_CHALLENGE);
  }

  @Test
  void discoveryDocumentListsEndpointsUnderTheIssuer(VertxTestContext test) {
    discovery(google).onComplete(test.succeeding(document -> test.verify(() -> {
      String issuer = google.issuer().toString();
      assertThat(issuer).matches("http://127\\.0\\.0\\.1:\\d+/google");
      assertThat(document.getString("issuer")).isEqualTo(issuer);
      assertThat(document.getString("authorization_endpoint")).isEqualTo(issuer + "/o/oauth2/v2/auth");
      assertThat(document.getString("token_endpoint")).isEqualTo(issuer + "/token");
      assertThat(document.getString("userinfo_endpoint")).isEqualTo(issuer + "/v1/userinfo");
      assertThat(document.getString("jwks_uri")).isEqualTo(issuer + "/oauth2/v3/certs");
      assertThat(document.getJsonArray("response_types_supported").getList()).containsExactly("code");
      assertThat(document.getJsonArray("subject_types_supported").getList()).containsExactly("public");
      assertThat(document.getJsonArray("id_token_signing_alg_values_supported").getList()).containsExactly("RS256");
      assertThat(document.getJsonArray("scopes_supported").getList()).containsExactly("openid", "email", "profile");
      assertThat(document.getJsonArray("token_endpoint_auth_methods_supported").getList())
          .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post");
      assertThat(document.getJsonArray("code_challenge_methods_supported").getList()).containsExactly("S256");
      assertThat(document.getJsonArray("claims_supported").getList())
          .contains("sub", "iss", "aud", "email", "email_verified", "name");
      test.completeNow();
    })));
  }

  @Test
  void linkedInDiscoveryKeepsLinkedInsShape(Vertx vertx, VertxTestContext test) {
    LocalOidcProvider.start(vertx, Flavor.LINKEDIN, CLIENT_ID, CLIENT_SECRET)
        .compose(linkedIn -> discovery(linkedIn).map(document -> Map.entry(linkedIn.issuer().toString(), document)))
        .onComplete(test.succeeding(found -> test.verify(() -> {
          String issuer = found.getKey();
          JsonObject document = found.getValue();
          assertThat(issuer).endsWith("/linkedin");
          assertThat(document.getString("issuer")).isEqualTo(issuer);
          assertThat(document.getString("authorization_endpoint")).isEqualTo(issuer + "/oauth/v2/authorization");
          assertThat(document.getString("token_endpoint")).isEqualTo(issuer + "/oauth/v2/accessToken");
          assertThat(document.getString("userinfo_endpoint")).isEqualTo(issuer + "/v2/userinfo");
          assertThat(document.getString("jwks_uri")).isEqualTo(issuer + "/oauth/openid/jwks");
          assertThat(document.getJsonArray("subject_types_supported").getList()).containsExactly("pairwise");
          assertThat(document.getJsonArray("claims_supported").getList()).contains("locale", "given_name");
          assertThat(document.containsKey("code_challenge_methods_supported")).isFalse();
          test.completeNow();
        })));
  }

  @Test
  void codeFlowWithPkceIssuesTokensWhoseIdTokenVerifiesAgainstTheJwks(VertxTestContext test) {
    authorize(google, authorizationParameters()).compose(redirect -> {
      Map<String, String> callback = query(redirect.getHeader("Location"));
      return exchangeWithBasic(google, callback.get("code"), RFC_VERIFIER, CLIENT_SECRET)
          .compose(tokens -> jwks(google).map(jwks -> List.of(redirect, tokens, jwks)));
    }).onComplete(test.succeeding(results -> test.verify(() -> {
      HttpResponse<?> redirect = (HttpResponse<?>) results.get(0);
      assertThat(redirect.statusCode()).isEqualTo(302);
      assertThat(redirect.getHeader("Location")).startsWith(REDIRECT_URI + "?");
      Map<String, String> callback = query(redirect.getHeader("Location"));
      assertThat(callback).containsEntry("state", "st-8c1d").containsKey("code");
      assertThat(callback.get("code")).startsWith("4/0A");

      HttpResponse<?> tokens = (HttpResponse<?>) results.get(1);
      assertThat(tokens.statusCode()).isEqualTo(200);
      assertThat(tokens.getHeader("Cache-Control")).isEqualTo("no-store");
      assertThat(tokens.getHeader("Content-Type")).startsWith("application/json");
      JsonObject body = tokens.bodyAsJsonObject();
      assertThat(body.getString("token_type")).isEqualTo("Bearer");
      assertThat(body.getLong("expires_in")).isEqualTo(3599);
      assertThat(body.getString("scope")).isEqualTo("openid email profile");
      assertThat(body.getString("access_token")).isNotBlank();

      JsonObject jwks = (JsonObject) results.get(2);
      JsonObject header = jwtPart(body.getString("id_token"), 0);
      assertThat(header.getString("alg")).isEqualTo("RS256");
      assertThat(header.getString("typ")).isEqualTo("JWT");
      JsonObject key = jwks.getJsonArray("keys").getJsonObject(0);
      assertThat(key.fieldNames()).contains("kty", "use", "alg", "kid", "n", "e");
      assertThat(key.getString("kid")).isEqualTo(header.getString("kid"));

      JsonObject claims = verifiedClaims(body.getString("id_token"), jwks);
      assertThat(claims.getString("iss")).isEqualTo(google.issuer().toString());
      assertThat(claims.getString("aud")).isEqualTo(CLIENT_ID);
      assertThat(claims.getString("azp")).isEqualTo(CLIENT_ID);
      assertThat(claims.getString("sub")).isEqualTo(ADA.subject());
      assertThat(claims.getString("email")).isEqualTo(ADA.email());
      assertThat(claims.getBoolean("email_verified")).isTrue();
      assertThat(claims.getString("name")).isEqualTo("Ada Lovelace");
      assertThat(claims.getString("given_name")).isEqualTo("Ada");
      assertThat(claims.getString("family_name")).isEqualTo("Lovelace");
      assertThat(claims.getString("nonce")).isEqualTo(NONCE);
      assertThat(claims.getString("at_hash")).hasSize(22);
      assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(3600);

      JsonObject sent = google.tokenRequests().get(0);
      assertThat(sent.getString("client_auth_method")).isEqualTo("client_secret_basic");
      assertThat(sent.getString("basic_client_id")).isEqualTo(CLIENT_ID);
      assertThat(sent.getString("code_verifier")).isEqualTo(RFC_VERIFIER);
      assertThat(google.authorizationRequests()).isEqualTo(1);
      test.completeNow();
    })));
  }

  @Test
  void linkedInTakesClientSecretPostAndAnswersUserinfoInLinkedInsShape(Vertx vertx, VertxTestContext test) {
    LocalOidcProvider.start(vertx, Flavor.LINKEDIN, CLIENT_ID, CLIENT_SECRET).compose(linkedIn -> {
      linkedIn.nextUser(ADA);
      return authorize(linkedIn, authorizationParameters())
          .map(redirect -> query(redirect.getHeader("Location")).get("code"))
          .compose(code -> discovery(linkedIn).compose(document -> http.postAbs(document.getString("token_endpoint"))
              .sendForm(tokenForm(code, RFC_VERIFIER).add("client_id", CLIENT_ID).add("client_secret", CLIENT_SECRET))))
          .compose(tokens -> userinfo(linkedIn, tokens.bodyAsJsonObject().getString("access_token"))
              .map(info -> List.of(linkedIn, tokens.bodyAsJsonObject(), info.bodyAsJsonObject())));
    }).onComplete(test.succeeding(results -> test.verify(() -> {
      LocalOidcProvider linkedIn = (LocalOidcProvider) results.get(0);
      JsonObject tokens = (JsonObject) results.get(1);
      assertThat(tokens.getString("scope")).isEqualTo("openid,email,profile");
      JsonObject claims = jwtPart(tokens.getString("id_token"), 1);
      assertThat(claims.getString("iss")).isEqualTo(linkedIn.issuer().toString());
      assertThat(claims.containsKey("azp")).isFalse();
      assertThat(linkedIn.tokenRequests().get(0).getString("client_auth_method")).isEqualTo("client_secret_post");

      JsonObject userinfo = (JsonObject) results.get(2);
      assertThat(userinfo.fieldNames()).containsExactlyInAnyOrder("sub", "name", "given_name", "family_name",
          "picture", "locale", "email", "email_verified");
      assertThat(userinfo.getJsonObject("locale"))
          .isEqualTo(new JsonObject().put("country", "US").put("language", "en"));
      assertThat(userinfo.getBoolean("email_verified")).isTrue();
      test.completeNow();
    })));
  }

  @Test
  void wrongCodeVerifierIsInvalidGrant(VertxTestContext test) {
    code(google)
        .compose(code -> exchangeWithBasic(google, code, Pkce.newVerifier(), CLIENT_SECRET))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertTokenError(response, 400, "invalid_grant");
          test.completeNow();
        })));
  }

  @Test
  void reusedCodeIsInvalidGrantAndRevokesTheTokenItBought(VertxTestContext test) {
    List<HttpResponse<Buffer>> responses = new CopyOnWriteArrayList<>();
    code(google).compose(code -> exchangeWithBasic(google, code, RFC_VERIFIER, CLIENT_SECRET)
            .onSuccess(responses::add)
            .compose(first -> exchangeWithBasic(google, code, RFC_VERIFIER, CLIENT_SECRET)))
        .onSuccess(responses::add)
        .compose(second -> userinfo(google, responses.get(0).bodyAsJsonObject().getString("access_token")))
        .onComplete(test.succeeding(userinfo -> test.verify(() -> {
          assertThat(responses.get(0).statusCode()).isEqualTo(200);
          assertTokenError(responses.get(1), 400, "invalid_grant");
          assertThat(userinfo.statusCode()).isEqualTo(401);
          test.completeNow();
        })));
  }

  @Test
  void codeOlderThanSixtySecondsIsInvalidGrant(VertxTestContext test) {
    code(google)
        .compose(code -> {
          google.advanceClock(Duration.ofSeconds(61));
          return exchangeWithBasic(google, code, RFC_VERIFIER, CLIENT_SECRET);
        })
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertTokenError(response, 400, "invalid_grant");
          test.completeNow();
        })));
  }

  @Test
  void wrongClientSecretIsInvalidClient(VertxTestContext test) {
    code(google)
        .compose(code -> exchangeWithBasic(google, code, RFC_VERIFIER, "not-the-secret"))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertTokenError(response, 401, "invalid_client");
          assertThat(response.getHeader("WWW-Authenticate")).startsWith("Basic");
          test.completeNow();
        })));
  }

  @Test
  void grantTypesOtherThanAuthorizationCodeAreUnsupported(VertxTestContext test) {
    discovery(google)
        .compose(document -> http.postAbs(document.getString("token_endpoint"))
            .basicAuthentication(CLIENT_ID, CLIENT_SECRET)
            .sendForm(MultiMap.caseInsensitiveMultiMap().add("grant_type", "password")
                .add("username", "ada").add("password", "x")))
        .onComplete(test.succeeding(response -> test.verify(() -> {
          assertTokenError(response, 400, "unsupported_grant_type");
          test.completeNow();
        })));
  }

  @Test
  void userinfoAnswersOnlyAValidBearerToken(VertxTestContext test) {
    List<HttpResponse<Buffer>> responses = new CopyOnWriteArrayList<>();
    userinfo(google, null).onSuccess(responses::add)
        .compose(none -> userinfo(google, "ya29.forged")).onSuccess(responses::add)
        .compose(forged -> code(google))
        .compose(code -> exchangeWithBasic(google, code, RFC_VERIFIER, CLIENT_SECRET))
        .compose(tokens -> userinfo(google, tokens.bodyAsJsonObject().getString("access_token")))
        .onComplete(test.succeeding(valid -> test.verify(() -> {
          HttpResponse<Buffer> without = responses.get(0);
          assertThat(without.statusCode()).isEqualTo(401);
          assertThat(without.getHeader("WWW-Authenticate")).startsWith("Bearer realm=").doesNotContain("error=");
          HttpResponse<Buffer> forged = responses.get(1);
          assertThat(forged.statusCode()).isEqualTo(401);
          assertThat(forged.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");

          assertThat(valid.statusCode()).isEqualTo(200);
          JsonObject claims = valid.bodyAsJsonObject();
          assertThat(claims.getString("sub")).isEqualTo(ADA.subject());
          assertThat(claims.getString("email")).isEqualTo(ADA.email());
          assertThat(claims.getBoolean("email_verified")).isTrue();
          assertThat(claims.getString("name")).isEqualTo(ADA.name());
          assertThat(claims.getString("picture")).startsWith(google.issuer().toString());
          test.completeNow();
        })));
  }

  @Test
  void authorizationWithoutAnS256ChallengeIsRefused(VertxTestContext test) {
    Map<String, String> withoutChallenge = authorizationParameters();
    withoutChallenge.remove("code_challenge");
    Map<String, String> plain = authorizationParameters();
    plain.put("code_challenge_method", "plain");
    plain.put("code_challenge", RFC_VERIFIER);
    List<HttpResponse<Buffer>> responses = new CopyOnWriteArrayList<>();
    authorize(google, withoutChallenge).onSuccess(responses::add)
        .compose(first -> authorize(google, plain))
        .onComplete(test.succeeding(second -> test.verify(() -> {
          for (HttpResponse<Buffer> response : List.of(responses.get(0), second)) {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.getHeader("Location")).isNull();
            assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("invalid_request");
          }
          assertThat(google.authorizationRequests()).isEqualTo(2);
          test.completeNow();
        })));
  }

  @Test
  void unregisteredRedirectUriIsRefusedWithoutRedirecting(VertxTestContext test) {
    Map<String, String> elsewhere = authorizationParameters();
    elsewhere.put("redirect_uri", "https://attacker.example/callback");
    authorize(google, elsewhere).onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.getHeader("Location")).isNull();
      assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo("redirect_uri_mismatch");
      test.completeNow();
    })));
  }

  @Test
  void withoutAConsentingUserTheRedirectCarriesAccessDenied(VertxTestContext test) {
    google.nextUser(null);
    authorize(google, authorizationParameters()).onComplete(test.succeeding(response -> test.verify(() -> {
      assertThat(response.statusCode()).isEqualTo(302);
      assertThat(query(response.getHeader("Location")))
          .containsExactly(Map.entry("error", "access_denied"), Map.entry("state", "st-8c1d"));
      test.completeNow();
    })));
  }

  @Test
  void vertxDiscoversTheProviderAndItsCodeFlowYieldsTheIdTokenClaims(Vertx vertx, VertxTestContext test) {
    discoverWithVertx(vertx, google)
        .compose(oauth2 -> signInWithVertx(oauth2, NONCE))
        .onComplete(test.succeeding(user -> test.verify(() -> {
          JsonObject sent = google.tokenRequests().get(0);
          assertThat(sent.getString("grant_type")).isEqualTo("authorization_code");
          assertThat(sent.getString("client_auth_method")).isEqualTo("client_secret_basic");
          assertThat(sent.getString("redirect_uri")).isEqualTo(REDIRECT_URI);
          assertThat(sent.getString("code_verifier")).isNotBlank();

          // The raw token response is the principal; decoded, verified tokens go to the attributes.
          assertThat(user.principal().getString("id_token")).isNotBlank();
          assertThat(user.principal().getString("access_token")).startsWith("ya29.");
          JsonObject idToken = user.attributes().getJsonObject("idToken");
          assertThat(idToken).isNotNull();
          assertThat(idToken.getString("iss")).isEqualTo(google.issuer().toString());
          assertThat(idToken.getString("aud")).isEqualTo(CLIENT_ID);
          assertThat(idToken.getString("sub")).isEqualTo(ADA.subject());
          assertThat(idToken.getString("email")).isEqualTo(ADA.email());
          assertThat(idToken.getBoolean("email_verified")).isTrue();
          assertThat(idToken.getString("nonce")).isEqualTo(NONCE);
          // sub, name, email and picture are also copied to the top of the attributes.
          assertThat(user.attributes().getString("sub")).isEqualTo(ADA.subject());
          assertThat(user.attributes().getString("email")).isEqualTo(ADA.email());
          assertThat(user.subject()).isEqualTo(ADA.subject());
          test.completeNow();
        })));
  }

  @Test
  void vertxDropsAnIdTokenForAnotherAudienceOrIssuerYetStillAuthenticates(Vertx vertx, VertxTestContext test) {
    List<io.vertx.ext.auth.User> users = new CopyOnWriteArrayList<>();
    discoverWithVertx(vertx, google).compose(oauth2 -> {
      google.forgeNextIdToken(claims -> claims.put("aud", "someone-elses-client"));
      return signInWithVertx(oauth2, NONCE).onSuccess(users::add).compose(first -> {
        google.forgeNextIdToken(claims -> claims.put("iss", "https://accounts.google.com"));
        return signInWithVertx(oauth2, NONCE);
      });
    }).onComplete(test.succeeding(second -> test.verify(() -> {
      for (io.vertx.ext.auth.User user : List.of(users.get(0), second)) {
        assertThat(user.attributes().containsKey("idToken")).isFalse();
        assertThat(user.principal().getString("id_token")).isNotBlank();
      }
      test.completeNow();
    })));
  }

  @Test
  void vertxKeepsAnIdTokenThatExpiredCarriesAnotherNonceOrNoAudience(Vertx vertx, VertxTestContext test) {
    long anHourAgo = System.currentTimeMillis() / 1000 - 3600;
    discoverWithVertx(vertx, google).compose(oauth2 -> {
      google.forgeNextIdToken(claims -> {
        claims.remove("aud");
        return claims.put("exp", anHourAgo).put("iat", anHourAgo - 3600).put("nonce", "replayed-nonce");
      });
      return signInWithVertx(oauth2, NONCE);
    }).onComplete(test.succeeding(user -> test.verify(() -> {
      JsonObject idToken = user.attributes().getJsonObject("idToken");
      assertThat(idToken).as("vert.x checks neither exp, nor nonce, nor a missing aud").isNotNull();
      assertThat(idToken.getLong("exp")).isEqualTo(anHourAgo);
      assertThat(idToken.getString("nonce")).isEqualTo("replayed-nonce");
      test.completeNow();
    })));
  }

  @Test
  void vertxLeavesOutAnIdTokenSignedByAnUnknownKeyAndSaysWhichKid(Vertx vertx, VertxTestContext test) {
    Promise<String> reportedKid = Promise.promise();
    discoverWithVertx(vertx, google).compose(oauth2 -> {
      // Vert.x calls this after authenticate has already succeeded, on a later turn of the event loop.
      oauth2.missingKeyHandler(reportedKid::tryComplete);
      google.signNextIdTokenWithUnknownKey();
      return signInWithVertx(oauth2, NONCE);
    }).compose(user -> reportedKid.future().map(kid -> Map.entry(user, kid)))
        .onComplete(test.succeeding(signedIn -> test.verify(() -> {
          io.vertx.ext.auth.User user = signedIn.getKey();
          String kid = jwtPart(user.principal().getString("id_token"), 0).getString("kid");
          assertThat(user.attributes().containsKey("idToken")).isFalse();
          assertThat(user.attributes().getString("missing-kid")).isEqualTo(signedIn.getValue()).contains(kid);
          test.completeNow();
        })));
  }

  @Test
  void vertxPicksUpARotatedKeyWhenItsMissingKeyHandlerRefreshesTheJwks(Vertx vertx, VertxTestContext test) {
    Promise<Void> refreshed = Promise.promise();
    List<io.vertx.ext.auth.User> users = new CopyOnWriteArrayList<>();
    discoverWithVertx(vertx, google).compose(oauth2 -> {
      oauth2.missingKeyHandler(kid -> oauth2.jWKSet().onComplete(refreshed));
      return google.rotateSigningKey()
          .compose(rotated -> signInWithVertx(oauth2, NONCE))
          .onSuccess(users::add)
          .compose(beforeRefresh -> refreshed.future())
          .compose(afterRefresh -> signInWithVertx(oauth2, NONCE));
    }).onComplete(test.succeeding(afterRefresh -> test.verify(() -> {
      io.vertx.ext.auth.User beforeRefresh = users.get(0);
      assertThat(beforeRefresh.attributes().containsKey("idToken")).isFalse();
      assertThat(beforeRefresh.attributes().containsKey("missing-kid")).isTrue();
      assertThat(afterRefresh.attributes().getJsonObject("idToken").getString("sub")).isEqualTo(ADA.subject());
      assertThat(afterRefresh.attributes().containsKey("missing-kid")).isFalse();
      test.completeNow();
    })));
  }

  private Future<OAuth2Auth> discoverWithVertx(Vertx vertx, LocalOidcProvider provider) {
    return OpenIDConnectAuth.discover(vertx, new OAuth2Options()
        .setClientId(CLIENT_ID)
        .setClientSecret(CLIENT_SECRET)
        .setSite(provider.issuer().toString()));
  }

  /** The code flow as our production code will run it: vert.x builds the URL and redeems the code. */
  private Future<io.vertx.ext.auth.User> signInWithVertx(OAuth2Auth oauth2, String nonce) {
    String verifier = Pkce.newVerifier();
    String url = oauth2.authorizeURL(new OAuth2AuthorizationURL()
        .setRedirectUri(REDIRECT_URI)
        .setScopes(List.of("openid", "email", "profile"))
        .setState("vertx-state")
        .setCodeChallenge(Pkce.challenge(verifier))
        .setCodeChallengeMethod("S256")
        .putAdditionalParameter("nonce", nonce));
    return http.getAbs(url).send().compose(redirect -> oauth2.authenticate(new Oauth2Credentials()
        .setFlow(OAuth2FlowType.AUTH_CODE)
        .setCode(query(redirect.getHeader("Location")).get("code"))
        .setRedirectUri(REDIRECT_URI)
        .setCodeVerifier(verifier)));
  }

  private Future<JsonObject> discovery(LocalOidcProvider provider) {
    return http.getAbs(provider.issuer() + "/.well-known/openid-configuration").send()
        .map(HttpResponse::bodyAsJsonObject);
  }

  private Future<JsonObject> jwks(LocalOidcProvider provider) {
    return discovery(provider).compose(document -> http.getAbs(document.getString("jwks_uri")).send())
        .map(HttpResponse::bodyAsJsonObject);
  }

  private static Map<String, String> authorizationParameters() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("response_type", "code");
    parameters.put("client_id", CLIENT_ID);
    parameters.put("redirect_uri", REDIRECT_URI);
    parameters.put("scope", "openid email profile");
    parameters.put("state", "st-8c1d");
    parameters.put("nonce", NONCE);
    parameters.put("code_challenge", RFC_CHALLENGE);
    parameters.put("code_challenge_method", "S256");
    return parameters;
  }

  /** What the browser gets back from the authorization endpoint; redirects are not followed. */
  private Future<HttpResponse<Buffer>> authorize(LocalOidcProvider provider, Map<String, String> parameters) {
    return discovery(provider).compose(document -> {
      HttpRequest<Buffer> request = http.getAbs(document.getString("authorization_endpoint"));
      parameters.forEach(request::addQueryParam);
      return request.send();
    });
  }

  private Future<String> code(LocalOidcProvider provider) {
    return authorize(provider, authorizationParameters())
        .map(redirect -> query(redirect.getHeader("Location")).get("code"));
  }

  private Future<HttpResponse<Buffer>> exchangeWithBasic(LocalOidcProvider provider, String code, String verifier,
                                                         String secret) {
    return discovery(provider).compose(document -> http.postAbs(document.getString("token_endpoint"))
        .basicAuthentication(CLIENT_ID, secret)
        .sendForm(tokenForm(code, verifier)));
  }

  private Future<HttpResponse<Buffer>> userinfo(LocalOidcProvider provider, String accessToken) {
    return discovery(provider).compose(document -> {
      HttpRequest<Buffer> request = http.getAbs(document.getString("userinfo_endpoint"));
      if (accessToken != null) {
        request.bearerTokenAuthentication(accessToken);
      }
      return request.send();
    });
  }

  private static MultiMap tokenForm(String code, String verifier) {
    return MultiMap.caseInsensitiveMultiMap()
        .add("grant_type", "authorization_code")
        .add("code", code)
        .add("redirect_uri", REDIRECT_URI)
        .add("code_verifier", verifier);
  }

  private static void assertTokenError(HttpResponse<Buffer> response, int status, String error) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
    assertThat(response.bodyAsJsonObject().getString("error")).isEqualTo(error);
  }

  private static Map<String, String> query(String location) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      int equals = pair.indexOf('=');
      parameters.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return parameters;
  }

  private static JsonObject jwtPart(String jwt, int index) {
    return new JsonObject(Buffer.buffer(Base64.getUrlDecoder().decode(jwt.split("\\.")[index])));
  }

  /** Verifies an RS256 JWT against a JWK Set with java.security alone and returns its claims. */
  private static JsonObject verifiedClaims(String jwt, JsonObject jwks) throws Exception {
    String[] parts = jwt.split("\\.");
    String kid = jwtPart(jwt, 0).getString("kid");
    JsonObject jwk = jwks.getJsonArray("keys").stream().map(JsonObject.class::cast)
        .filter(key -> kid.equals(key.getString("kid"))).findFirst().orElseThrow();
    Base64.Decoder base64url = Base64.getUrlDecoder();
    PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(
        new BigInteger(1, base64url.decode(jwk.getString("n"))),
        new BigInteger(1, base64url.decode(jwk.getString("e")))));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(key);
    rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(base64url.decode(parts[2]))).as("RS256 signature").isTrue();
    return jwtPart(jwt, 1);
  }
}
