package com.jobswipe.auth;

import com.jobswipe.config.OAuthConfig;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in with Google or LinkedIn: OpenID Connect authorization code flow with PKCE (S256), {@code state}
 * against CSRF and {@code nonce} against id_token replay. The id_token is verified against the provider's
 * published keys; accounts are linked by the provider's stable subject, or by email only when the provider
 * says it verified that email.
 */
public final class OAuthLogin {

  private static final Logger log = LoggerFactory.getLogger(OAuthLogin.class);
  private static final Duration PENDING_TTL = Duration.ofMinutes(10);
  private static final long LEEWAY_SECONDS = 60;
  private static final List<String> SCOPES = List.of("openid", "email", "profile");

  private final Vertx vertx;
  private final AuthStore store;
  private final AccountService accounts;
  private final OAuthConfig config;
  private final URI publicUrl;
  /** Discovery runs on first use, so a provider outage never stops the API from starting. */
  private final Map<String, Future<OAuth2Auth>> clients = new ConcurrentHashMap<>();

  OAuthLogin(Vertx vertx, AuthStore store, AccountService accounts, OAuthConfig config, URI publicUrl) {
    this.vertx = vertx;
    this.store = store;
    this.accounts = accounts;
    this.config = config;
    this.publicUrl = publicUrl;
  }

  /** The provider's authorization URL to redirect the browser to. */
  public Future<String> start(String providerName) {
    OAuthConfig.Provider provider = provider(providerName);
    String state = OpaqueTokens.generate("");
    String verifier = OpaqueTokens.generate("");
    String nonce = OpaqueTokens.generate("");
    return store.pool().preparedQuery("INSERT INTO oauth_states (state_hash, provider, code_verifier, nonce,"
            + " expires_at) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(state)), provider.name(), verifier, nonce,
            AuthStore.utc(Instant.now().plus(PENDING_TTL))))
        .compose(saved -> client(provider))
        .map(client -> client.authorizeURL(new OAuth2AuthorizationURL()
            .setRedirectUri(redirectUri(provider))
            .setScopes(SCOPES)
            .setState(state)
            .setCodeChallenge(challenge(verifier))
            .setCodeChallengeMethod("S256")
            .putAdditionalParameter("nonce", nonce)));
  }

  /** Completes the flow the provider redirected back with, and signs the user in. */
  public Future<JsonObject> callback(String providerName, MultiMap query, RequestInfo request) {
    OAuthConfig.Provider provider = provider(providerName);
    if (query.get("error") != null) {
      return Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED, "Sign-in was not completed at "
          + providerName));
    }
    String code = query.get("code");
    String state = query.get("state");
    if (code == null || state == null || code.length() > 2048 || state.length() > 256) {
      return Future.failedFuture(new Problem(ProblemType.BAD_REQUEST, "code and state are required"));
    }
    return consumeState(provider, state)
        .compose(pending -> client(provider).compose(client -> client.authenticate(new Oauth2Credentials()
                .setFlow(OAuth2FlowType.AUTH_CODE)
                .setCode(code)
                .setRedirectUri(redirectUri(provider))
                .setCodeVerifier(pending.verifier()))
            .recover(e -> Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED,
                "The provider did not confirm the sign-in")))
            .compose(user -> identity(client, provider, user, pending.nonce()))))
        .compose(identity -> signIn(provider, identity, request));
  }

  private record Pending(String verifier, String nonce) {
  }

  private record Identity(String subject, String email, boolean emailVerified) {
  }

  private Future<Pending> consumeState(OAuthConfig.Provider provider, String state) {
    return store.pool().preparedQuery("DELETE FROM oauth_states WHERE state_hash = $1 AND provider = $2"
            + " AND expires_at > now() RETURNING code_verifier, nonce")
        .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(state)), provider.name()))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(new Problem(ProblemType.INVALID_TOKEN, "This sign-in expired or was already used"))
            : Future.succeededFuture(new Pending(rows.iterator().next().getString("code_verifier"),
                rows.iterator().next().getString("nonce"))));
  }

  /**
   * The id_token's claims, completed from the userinfo endpoint when the token lacks the email. Vert.x
   * checks the signature, {@code iss} and {@code aud} when present, but drops a token that fails instead of
   * failing, and never checks {@code exp}, a missing {@code aud} or {@code nonce}: those are checked here.
   */
  private Future<Identity> identity(OAuth2Auth client, OAuthConfig.Provider provider, User user, String nonce) {
    JsonObject idToken = user.attributes().getJsonObject("idToken");
    String problem = idTokenProblem(idToken, provider, nonce);
    if (problem != null) {
      log.warn("{} sign-in refused: {}", provider.name(), problem);
      return Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED,
          "The provider's identity token was not acceptable; try again"));
    }
    if (idToken.getString("email") != null) {
      return Future.succeededFuture(new Identity(idToken.getString("sub"), idToken.getString("email"),
          truthy(idToken.getValue("email_verified"))));
    }
    return client.userInfo(user).map(info -> {
      if (!idToken.getString("sub").equals(info.getString("sub"))) {
        throw new Problem(ProblemType.UNAUTHORIZED, "The provider's user info does not match the identity token");
      }
      return new Identity(idToken.getString("sub"), info.getString("email"), truthy(info.getValue("email_verified")));
    });
  }

  static String idTokenProblem(JsonObject idToken, OAuthConfig.Provider provider, String nonce) {
    if (idToken == null) {
      return "no verified id_token (bad signature, unknown key, wrong issuer or audience)";
    }
    if (idToken.getString("sub") == null) {
      return "no subject";
    }
    Object aud = idToken.getValue("aud");
    boolean forUs = aud instanceof String s ? s.equals(provider.clientId())
        : aud instanceof io.vertx.core.json.JsonArray list && list.contains(provider.clientId());
    if (!forUs) {
      return "not issued for this client";
    }
    long now = Instant.now().getEpochSecond();
    if (!(idToken.getValue("exp") instanceof Number exp) || exp.longValue() + LEEWAY_SECONDS < now) {
      return "expired";
    }
    if (!MessageDigest.isEqual(nonce.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        String.valueOf(idToken.getValue("nonce")).getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
      return "nonce mismatch";
    }
    return null;
  }

  private Future<JsonObject> signIn(OAuthConfig.Provider provider, Identity identity, RequestInfo request) {
    return store.pool().withTransaction(tx -> linkedUser(tx, provider, identity))
        .onSuccess(accounts::announceChanged) // a claimed account lost its password and sessions
        .compose(userId -> store.userById(store.pool(), userId))
        .compose(user -> accounts.firstFactorPassed(user.orElseThrow(), "login.oauth." + provider.name(), request,
            Proof.now(Proof.OAUTH)));
  }

  private Future<java.util.UUID> linkedUser(SqlClient tx, OAuthConfig.Provider provider, Identity identity) {
    return tx.preparedQuery("UPDATE oauth_identities SET last_login_at = now(), email = $3"
            + " WHERE provider = $1 AND subject = $2 RETURNING user_id")
        .execute(Tuple.of(provider.name(), identity.subject(), identity.email()))
        .compose(rows -> {
          if (rows.size() > 0) {
            return Future.succeededFuture(rows.iterator().next().getUUID(0));
          }
          if (identity.email() == null || !identity.emailVerified()) {
            return Future.failedFuture(new Problem(ProblemType.FORBIDDEN,
                "The provider has not verified this email address"));
          }
          String email = AccountService.normalizeEmail(identity.email());
          return store.userByEmail(tx, email).compose(existing -> existing.isPresent()
                  ? claim(tx, existing.get())
                  : store.insertUser(tx, email, null, true).map(UserRow::id))
              .compose(userId -> tx.preparedQuery("INSERT INTO oauth_identities (user_id, provider, subject, email,"
                      + " last_login_at) VALUES ($1, $2, $3, $4, now())")
                  .execute(Tuple.of(userId, provider.name(), identity.subject(), email))
                  .map(userId));
        });
  }

  /**
   * Links an existing account by its email. If that account never proved its email, whoever registered it
   * may not own the address: the provider just proved the real owner does, so the unproven password and
   * sessions are dropped before linking.
   */
  private Future<java.util.UUID> claim(SqlClient tx, UserRow user) {
    if (user.emailVerified()) {
      return Future.succeededFuture(user.id());
    }
    return tx.preparedQuery("UPDATE users SET password_hash = NULL, email_verified_at = now(),"
            + " updated_at = now() WHERE id = $1")
        .execute(Tuple.of(user.id()))
        .compose(done -> store.revokeAllSessions(tx, user.id(), "claimed-by-oauth"))
        .map(done -> user.id());
  }

  private Future<OAuth2Auth> client(OAuthConfig.Provider provider) {
    return clients.compute(provider.name(), (name, existing) -> existing != null && !existing.failed()
        ? existing
        : OpenIDConnectAuth.discover(vertx, new OAuth2Options()
            .setClientId(provider.clientId())
            .setClientSecret(provider.clientSecret())
            .setSite(provider.issuer().toString()))
            // A token signed with a key we have not seen means the provider rotated: fetch the keys again,
            // so the next attempt verifies (this one has already spent its code).
            .map(auth -> auth.missingKeyHandler(kid -> auth.jWKSet())))
        .recover(e -> Future.failedFuture(new Problem(ProblemType.UNAVAILABLE,
            "Sign-in with " + provider.name() + " is unavailable right now")));
  }

  private OAuthConfig.Provider provider(String name) {
    Optional<OAuthConfig.Provider> provider = switch (name) {
      case "google" -> config.google();
      case "linkedin" -> config.linkedin();
      default -> Optional.empty();
    };
    return provider.orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No sign-in provider '" + name + "'"));
  }

  private String redirectUri(OAuthConfig.Provider provider) {
    return publicUrl.resolve("/v1/auth/oauth/" + provider.name() + "/callback").toString();
  }

  static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean truthy(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }
}
