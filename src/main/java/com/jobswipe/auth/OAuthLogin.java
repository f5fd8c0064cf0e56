package com.jobswipe.auth;

import com.jobswipe.config.OAuthConfig;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.oauth2.OAuth2Auth;
import io.vertx.ext.auth.oauth2.OAuth2AuthorizationURL;
import io.vertx.ext.auth.oauth2.OAuth2FlowType;
import io.vertx.ext.auth.oauth2.OAuth2Options;
import io.vertx.ext.auth.oauth2.Oauth2Credentials;
import io.vertx.ext.auth.oauth2.providers.OpenIDConnectAuth;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Sign-in with Google, LinkedIn or Apple: OpenID Connect authorization code flow with PKCE (S256), {@code state}
 * against CSRF and {@code nonce} against id_token replay. The flow is bound to the browser that started it (a
 * cookie whose hash is kept with the state), and it ends with a one-time code handed to the app's redirect,
 * which the app exchanges for tokens in a POST (with the verifier of the challenge it started with): tokens
 * never travel in a page a browser could cache or another app could read. Native SDK sign-in sends the
 * provider's id_token instead, with a nonce this server issued. The id_token is verified against the provider's
 * published keys; accounts are linked by the provider's stable subject, or by email only when the provider
 * says it verified that email. Apple departs from the common flow in a few places, handled by {@link AppleSignIn}:
 * it POSTs its answer to the callback, takes a client secret we sign, and tells the user's name once.
 */
public final class OAuthLogin {

  private static final Logger log = LoggerFactory.getLogger(OAuthLogin.class);
  static final Duration PENDING_TTL = Duration.ofMinutes(10);
  /** The one-time code only has to cross from the browser to the app. */
  private static final Duration EXCHANGE_TTL = Duration.ofSeconds(60);
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final long LEEWAY_SECONDS = 60;
  private static final List<String> SCOPES = List.of("openid", "email", "profile");
  static final String APPLE = "apple";

  private final Vertx vertx;
  private final AuthStore store;
  private final AccountService accounts;
  private final OAuthConfig config;
  private final URI publicUrl;
  private final IdTokens idTokens;
  private final DataKeyRing dataKeys;
  private final Optional<AppleSignIn> apple;
  /** Discovery runs on first use, so a provider outage never stops the API from starting. */
  private final Map<String, Future<OAuth2Auth>> clients = new ConcurrentHashMap<>();

  OAuthLogin(Vertx vertx, AuthStore store, AccountService accounts, OAuthConfig config, URI publicUrl,
             DataKeyRing dataKeys) {
    this.vertx = vertx;
    this.store = store;
    this.accounts = accounts;
    this.config = config;
    this.publicUrl = publicUrl;
    this.idTokens = new IdTokens(vertx);
    this.dataKeys = dataKeys;
    WebClient web = WebClient.create(vertx);
    this.apple = config.apple().map(settings -> new AppleSignIn(web, settings));
  }

  /** Whether this provider answers with a cross-site form POST (Apple), so the binding cookie must allow one. */
  boolean postsBack(String providerName) {
    return APPLE.equals(providerName);
  }

  /** The providers configured on this node, as sign-in screens offer them. */
  public JsonObject providers() {
    JsonArray list = new JsonArray();
    for (OAuthConfig.Provider provider : config.providers()) {
      list.add(new JsonObject().put("id", provider.name()).put("name", provider.displayName())
          .put("startUrl", "/v1/auth/oauth/" + provider.name() + "/start"));
    }
    return new JsonObject().put("providers", list);
  }

  /** A started sign-in: where to send the browser, and the cookie value that binds the flow to that browser. */
  public record Started(String location, String binding) {
  }

  /**
   * The provider's authorization URL to redirect the browser to.
   *
   * @param appChallenge the app's S256 challenge (RFC 7636) of a secret it keeps: only who holds that secret can
   *                     exchange the code this flow ends with
   */
  public Future<Started> start(String providerName, Optional<String> appChallenge) {
    OAuthConfig.Provider provider = provider(providerName);
    if (appChallenge.isPresent() && !CHALLENGE.matcher(appChallenge.get()).matches()) {
      return Future.failedFuture(new Problem(ProblemType.VALIDATION,
          "app_challenge must be the base64url SHA-256 of a code verifier (43 characters)"));
    }
    String state = OpaqueTokens.generate("");
    String verifier = OpaqueTokens.generate("");
    String nonce = OpaqueTokens.generate("");
    String binding = OpaqueTokens.generate("");
    return store.pool().preparedQuery("INSERT INTO oauth_states (state_hash, provider, code_verifier, nonce,"
            + " expires_at, binding_hash, app_challenge) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(state)), provider.name(), verifier, nonce,
            AuthStore.utc(Instant.now().plus(PENDING_TTL)), Buffer.buffer(OpaqueTokens.hash(binding)),
            appChallenge.orElse(null)))
        .compose(saved -> apple(provider).isPresent()
            ? apple(provider).get().authorizeUrl(redirectUri(provider), state, nonce, challenge(verifier))
                .recover(e -> Future.failedFuture(unavailable(provider)))
            : client(provider).map(client -> client.authorizeURL(new OAuth2AuthorizationURL()
                .setRedirectUri(redirectUri(provider))
                .setScopes(SCOPES)
                .setState(state)
                .setCodeChallenge(challenge(verifier))
                .setCodeChallengeMethod("S256")
                .putAdditionalParameter("nonce", nonce))))
        .map(location -> new Started(location, binding));
  }

  /**
   * Completes the flow the provider redirected back with, in the browser that started it ({@code binding} is
   * its cookie), and answers where to send that browser: the app's redirect with a one-time code.
   *
   * @param query  the redirect's query, or the form Apple posted
   * @param posted whether it came as a form POST, which only a form_post provider (Apple) sends
   */
  public Future<String> callback(String providerName, MultiMap query, boolean posted, Optional<String> binding) {
    OAuthConfig.Provider provider = provider(providerName);
    if (posted && apple(provider).isEmpty()) {
      return Future.failedFuture(new Problem(ProblemType.METHOD_NOT_ALLOWED,
          "This provider answers with a redirect, not a form"));
    }
    if (query.get("error") != null) {
      return Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED, "Sign-in was not completed at "
          + providerName));
    }
    String code = query.get("code");
    String state = query.get("state");
    if (code == null || state == null || code.length() > 2048 || state.length() > 256) {
      return Future.failedFuture(new Problem(ProblemType.BAD_REQUEST, "code and state are required"));
    }
    if (apple(provider).isPresent()) {
      Optional<String> name = AppleSignIn.nameFrom(query.get("user"));
      return consumeState(provider, state, binding)
          .compose(pending -> apple(provider).get().redeem(code, pending.verifier(), redirectUri(provider))
              .recover(e -> {
                log.warn("{} sign-in refused at the token endpoint: {}", provider.name(), e.toString());
                return Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED,
                    "The provider did not confirm the sign-in"));
              })
              .compose(idToken -> verifiedIdentity(provider, idToken, Optional.of(pending.nonce()), name))
              .compose(identity -> link(provider, identity))
              .compose(userId -> handOff(provider, userId, pending.appChallenge())));
    }
    return consumeState(provider, state, binding)
        .compose(pending -> client(provider).compose(client -> client.authenticate(new Oauth2Credentials()
                .setFlow(OAuth2FlowType.AUTH_CODE)
                .setCode(code)
                .setRedirectUri(redirectUri(provider))
                .setCodeVerifier(pending.verifier()))
            .recover(e -> Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED,
                "The provider did not confirm the sign-in")))
            .compose(user -> identity(client, provider, user, pending.nonce())))
            .compose(identity -> link(provider, identity))
            .compose(userId -> handOff(provider, userId, pending.appChallenge())));
  }

  /**
   * The app's half: the one-time code from its redirect (and the verifier of the challenge it started with, if
   * it gave one) for what a password sign-in answers — tokens, or the second step when MFA is on.
   */
  public Future<JsonObject> exchange(String code, Optional<String> verifier, RequestInfo request) {
    return store.pool().preparedQuery("DELETE FROM oauth_exchanges WHERE code_hash = $1 AND expires_at > now()"
            + " RETURNING user_id, provider, app_challenge")
        .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(code))))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new Problem(ProblemType.INVALID_TOKEN,
                "This sign-in code expired or was already used"));
          }
          Row row = rows.iterator().next();
          String expected = row.getString("app_challenge");
          if (expected != null && (verifier.isEmpty() || !MessageDigest.isEqual(
              expected.getBytes(StandardCharsets.US_ASCII), challenge(verifier.get()).getBytes(StandardCharsets.US_ASCII)))) {
            return Future.failedFuture(new Problem(ProblemType.INVALID_TOKEN,
                "This sign-in code belongs to the app that started the sign-in"));
          }
          return signIn(row.getString("provider"), row.getUUID("user_id"), request);
        });
  }

  /** A single-use nonce (10 minutes) for a native SDK sign-in to put in its id_token. */
  public Future<JsonObject> nonce(String providerName) {
    OAuthConfig.Provider provider = provider(providerName);
    String nonce = OpaqueTokens.generate("");
    return store.pool().preparedQuery("INSERT INTO oauth_nonces (nonce_hash, provider, expires_at) VALUES ($1, $2, $3)")
        .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(nonce)), provider.name(),
            AuthStore.utc(Instant.now().plus(PENDING_TTL))))
        .map(saved -> new JsonObject().put("nonce", nonce).put("expiresIn", PENDING_TTL.toSeconds()));
  }

  /**
   * Sign-in with an id_token the provider's native SDK gave the app: verified against the provider's keys, for
   * one of our client ids, unexpired, and carrying an unspent nonce from {@link #nonce} (as given, or as the
   * hex SHA-256 of it, which is how Apple's and some Google SDKs pass a nonce through).
   */
  public Future<JsonObject> signInWithIdToken(String providerName, String idToken, RequestInfo request) {
    OAuthConfig.Provider provider = provider(providerName);
    return verifiedClaims(provider, idToken, Optional.empty())
        .compose(claims -> spendNonce(provider, claims.getString("nonce")).map(claims))
        .compose(claims -> link(provider, identityOf(claims, Optional.empty())))
        .compose(userId -> signIn(provider.name(), userId, request));
  }

  /** An id_token verified against the provider's keys, and its claims checked (with the flow's nonce, if any). */
  private Future<JsonObject> verifiedClaims(OAuthConfig.Provider provider, String idToken, Optional<String> nonce) {
    return idTokens.verify(provider, idToken)
        .recover(e -> {
          log.warn("{} id_token refused: {}", provider.name(), e.toString());
          return Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED,
              "The provider's identity token was not acceptable; sign in again"));
        })
        .compose(claims -> {
          String problem = idTokenProblem(claims, provider, nonce);
          if (problem != null) {
            log.warn("{} id_token refused: {}", provider.name(), problem);
            return Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED,
                "The provider's identity token was not acceptable; sign in again"));
          }
          return Future.succeededFuture(claims);
        });
  }

  private Future<Identity> verifiedIdentity(OAuthConfig.Provider provider, String idToken, Optional<String> nonce,
                                            Optional<String> name) {
    return verifiedClaims(provider, idToken, nonce).map(claims -> identityOf(claims, name));
  }

  /** Apple may say {@code "email_verified": "true"} (a string), and the address may be a private relay one. */
  private static Identity identityOf(JsonObject claims, Optional<String> name) {
    return new Identity(claims.getString("sub"), claims.getString("email"), truthy(claims.getValue("email_verified")),
        name);
  }

  private Future<Void> spendNonce(OAuthConfig.Provider provider, String claimed) {
    if (claimed == null || claimed.length() > 256) {
      return Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED,
          "The identity token carries no nonce from this server; ask for one first"));
    }
    List<Buffer> hashes = new ArrayList<>(List.of(Buffer.buffer(OpaqueTokens.hash(claimed))));
    if (claimed.matches("[0-9a-f]{64}")) {
      hashes.add(Buffer.buffer(HexFormat.of().parseHex(claimed)));
    }
    return store.pool().preparedQuery("DELETE FROM oauth_nonces WHERE nonce_hash = ANY($1) AND provider = $2"
            + " AND expires_at > now() RETURNING nonce_hash")
        .execute(Tuple.of(hashes.toArray(Buffer[]::new), provider.name()))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED,
                "The identity token's nonce expired or was already used"))
            : Future.<Void>succeededFuture());
  }

  private record Pending(String verifier, String nonce, String appChallenge) {
  }

  /** @param name the user's name when the provider told it outside the id_token (Apple, first sign-in only) */
  private record Identity(String subject, String email, boolean emailVerified, Optional<String> name) {

    Identity(String subject, String email, boolean emailVerified) {
      this(subject, email, emailVerified, Optional.empty());
    }
  }

  private Future<Pending> consumeState(OAuthConfig.Provider provider, String state, Optional<String> binding) {
    return store.pool().preparedQuery("DELETE FROM oauth_states WHERE state_hash = $1 AND provider = $2"
            + " AND expires_at > now() RETURNING code_verifier, nonce, binding_hash, app_challenge")
        .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(state)), provider.name()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new Problem(ProblemType.INVALID_TOKEN,
                "This sign-in expired or was already used"));
          }
          Row row = rows.iterator().next();
          Buffer bound = row.getBuffer("binding_hash");
          if (bound == null || binding.isEmpty()
              || !MessageDigest.isEqual(bound.getBytes(), OpaqueTokens.hash(binding.get()))) {
            return Future.failedFuture(new Problem(ProblemType.UNAUTHORIZED,
                "This sign-in was started in another browser; start it again here"));
          }
          return Future.succeededFuture(new Pending(row.getString("code_verifier"), row.getString("nonce"),
              row.getString("app_challenge")));
        });
  }

  /**
   * The id_token's claims, completed from the userinfo endpoint when the token lacks the email. Vert.x
   * checks the signature, {@code iss} and {@code aud} when present, but drops a token that fails instead of
   * failing, and never checks {@code exp}, a missing {@code aud} or {@code nonce}: those are checked here.
   */
  private Future<Identity> identity(OAuth2Auth client, OAuthConfig.Provider provider, User user, String nonce) {
    JsonObject idToken = user.attributes().getJsonObject("idToken");
    String problem = idTokenProblem(idToken, provider, Optional.of(nonce));
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

  /** Why an id_token's claims are not acceptable, or null; {@code nonce} is checked here when the flow holds one. */
  static String idTokenProblem(JsonObject idToken, OAuthConfig.Provider provider, Optional<String> nonce) {
    if (idToken == null) {
      return "no verified id_token (bad signature, unknown key, wrong issuer or audience)";
    }
    if (idToken.getString("sub") == null) {
      return "no subject";
    }
    Object aud = idToken.getValue("aud");
    Set<String> ours = provider.acceptedAudiences();
    boolean forUs = aud instanceof String s ? ours.contains(s)
        : aud instanceof JsonArray list && list.stream().anyMatch(ours::contains);
    if (!forUs) {
      return "not issued for this client";
    }
    long now = Instant.now().getEpochSecond();
    if (!(idToken.getValue("exp") instanceof Number exp) || exp.longValue() + LEEWAY_SECONDS < now) {
      return "expired";
    }
    if (nonce.isPresent() && !MessageDigest.isEqual(nonce.get().getBytes(StandardCharsets.UTF_8),
        String.valueOf(idToken.getValue("nonce")).getBytes(StandardCharsets.UTF_8))) {
      return "nonce mismatch";
    }
    return null;
  }

  /** Links (or creates) the account the provider vouched for. */
  private Future<UUID> link(OAuthConfig.Provider provider, Identity identity) {
    return store.pool().withTransaction(tx -> linkedUser(tx, provider, identity))
        .onSuccess(accounts::announceChanged); // a claimed account lost its password and sessions
  }

  /** The one-time code for the app, and where the browser takes it. */
  private Future<String> handOff(OAuthConfig.Provider provider, UUID userId, String appChallenge) {
    String code = OpaqueTokens.generate("");
    return store.pool().preparedQuery("INSERT INTO oauth_exchanges (code_hash, user_id, provider, app_challenge,"
            + " expires_at) VALUES ($1, $2, $3, $4, $5)")
        .execute(Tuple.of(Buffer.buffer(OpaqueTokens.hash(code)), userId, provider.name(), appChallenge,
            AuthStore.utc(Instant.now().plus(EXCHANGE_TTL))))
        .map(saved -> {
          String target = appRedirect().toString();
          return target + (target.contains("?") ? "&" : "?") + "code=" + code;
        });
  }

  private Future<JsonObject> signIn(String provider, UUID userId, RequestInfo request) {
    return store.userById(store.pool(), userId)
        .compose(user -> user.isEmpty()
            ? Future.failedFuture(new Problem(ProblemType.INVALID_TOKEN, "This account no longer exists"))
            : accounts.firstFactorPassed(user.get(), "login.oauth." + provider, request, Proof.now(Proof.OAUTH)));
  }

  /** The app's link for finished sign-ins; the web client's page when none is configured. */
  private URI appRedirect() {
    return config.appRedirect().orElseGet(() -> publicUrl.resolve("/app/#/oauth"));
  }

  private Future<UUID> linkedUser(SqlClient tx, OAuthConfig.Provider provider, Identity identity) {
    return tx.preparedQuery("UPDATE oauth_identities SET last_login_at = now(), email = $3"
            + " WHERE provider = $1 AND subject = $2 RETURNING id, user_id")
        .execute(Tuple.of(provider.name(), identity.subject(), identity.email()))
        .compose(rows -> {
          if (rows.size() > 0) {
            Row linked = rows.iterator().next();
            return saveName(tx, linked.getUUID("id"), identity.name()).map(linked.getUUID("user_id"));
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
                      + " last_login_at) VALUES ($1, $2, $3, $4, now()) RETURNING id")
                  .execute(Tuple.of(userId, provider.name(), identity.subject(), email))
                  .compose(inserted -> saveName(tx, inserted.iterator().next().getUUID("id"), identity.name()))
                  .map(userId));
        });
  }

  /** Keeps the name a provider told (encrypted: it is personal data); nothing to do when it told none. */
  private Future<Void> saveName(SqlClient tx, UUID identityId, Optional<String> name) {
    if (name.isEmpty()) {
      return Future.succeededFuture();
    }
    byte[] sealed = dataKeys.encryptString(name.get(), EncryptedColumn.OAUTH_NAME.context(identityId));
    return tx.preparedQuery("UPDATE oauth_identities SET name_enc = $2, name_key_id = $3 WHERE id = $1")
        .execute(Tuple.of(identityId, Buffer.buffer(sealed), DataKeyRing.keyIdOf(sealed))).mapEmpty();
  }

  /**
   * Links an existing account by its email. If that account never proved its email, whoever registered it
   * may not own the address: the provider just proved the real owner does, so the unproven password and
   * sessions are dropped before linking.
   */
  private Future<UUID> claim(SqlClient tx, UserRow user) {
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
        .recover(e -> Future.failedFuture(unavailable(provider)));
  }

  private static Problem unavailable(OAuthConfig.Provider provider) {
    return new Problem(ProblemType.UNAVAILABLE, "Sign-in with " + provider.name() + " is unavailable right now");
  }

  /** Apple's own steps, when this is the Apple provider. */
  private Optional<AppleSignIn> apple(OAuthConfig.Provider provider) {
    return APPLE.equals(provider.name()) ? apple : Optional.empty();
  }

  private OAuthConfig.Provider provider(String name) {
    return config.provider(name)
        .orElseThrow(() -> new Problem(ProblemType.NOT_FOUND, "No sign-in provider '" + name + "'"));
  }

  private String redirectUri(OAuthConfig.Provider provider) {
    return publicUrl.resolve("/v1/auth/oauth/" + provider.name() + "/callback").toString();
  }

  static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean truthy(Object value) {
    return Boolean.TRUE.equals(value) || "true".equals(value);
  }
}
