package com.jobswipe.auth;

import com.jobswipe.config.AccountsConfig;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.edge.Requests;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Authenticates {@code Authorization: Bearer …}: an access token for users, an API key ({@code jsk_…}) for
 * services. Every failure is the same 401 with {@code WWW-Authenticate}; the reason goes to the log only.
 */
public final class Authn {

  private static final String KEY = "principal";
  private static final String EXPIRES = "credentialExpires";
  private static final String CHECKED = "credentialChecked";
  private static final String PROOF = "credentialProof";

  /**
   * How recently a user must have entered their password or second factor for a sensitive act (MFA changes, new
   * backup codes, export, erasure, API keys, password change): a stolen access token alone cannot do them.
   */
  public static final Duration STEP_UP_MAX_AGE = Duration.ofMinutes(5);

  private final TokenService tokens;
  private final ApiKeyService apiKeys;
  private final AuthStore store;
  private final AuthMemory memory;
  private final AccountsConfig accounts;

  Authn(TokenService tokens, ApiKeyService apiKeys, AuthStore store, AuthMemory memory, AccountsConfig accounts) {
    this.tokens = tokens;
    this.apiKeys = apiKeys;
    this.store = store;
    this.memory = memory;
    this.accounts = accounts;
  }

  /**
   * Reads the request's credential, if it has one, and notes who it speaks for; refuses nothing. Runs before the
   * anonymous per-IP quota, which then applies to every request without a valid principal — an invented
   * {@code Authorization} header included, on every route. The request stays paused meanwhile: uploads and socket
   * handshakes are read only after their own checks.
   */
  public Handler<RoutingContext> identify() {
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      if (header == null) {
        ctx.next();
        return;
      }
      Requests.pause(ctx);
      authenticate(header).onComplete(result -> {
        Optional<Grant> grant = result.succeeded() ? result.result() : Optional.empty();
        ctx.put(CHECKED, new Checked(header, grant));
        grant.ifPresent(g -> accept(ctx, g));
        ctx.next();
      });
    };
  }

  /** Requires a valid user or service principal (the one {@link #identify()} found, unless the header changed). */
  public Handler<RoutingContext> required() {
    return ctx -> {
      String header = ctx.request().getHeader("Authorization");
      Checked checked = ctx.get(CHECKED);
      Future<Optional<Grant>> grant = checked != null && checked.header().equals(header)
          ? Future.succeededFuture(checked.grant())
          : authenticate(header);
      grant.onComplete(result -> {
        if (result.succeeded() && result.result().isPresent()) {
          accept(ctx, result.result().get());
          ctx.next();
          return;
        }
        ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"jobswipe\"");
        ctx.fail(new Problem(ProblemType.UNAUTHORIZED, "A valid access token or API key is required"));
      });
    };
  }

  /** A header already checked on this request, and what it was found to be. */
  private record Checked(String header, Optional<Grant> grant) {
  }

  private static void accept(RoutingContext ctx, Grant grant) {
    ctx.put(KEY, grant.principal());
    ctx.put(EXPIRES, grant.expiresAt());
    ctx.put(PROOF, grant.proof());
  }

  /**
   * Requires a signed-in user who entered their password or second factor within {@link #STEP_UP_MAX_AGE}; use
   * after {@link #required()}. Anyone else gets 403 {@code step-up-required} with an RFC 9470 challenge: the client
   * calls {@code POST /v1/auth/step-up} and retries with the token it answers. API keys never pass: no one
   * re-authenticates behind them.
   */
  public static Handler<RoutingContext> recentlyAuthenticated() {
    return ctx -> {
      Proof proof = ctx.get(PROOF);
      boolean fresh = proof != null && principal(ctx).userId().isPresent()
          && proof.at().isAfter(Instant.now().minus(STEP_UP_MAX_AGE));
      if (fresh) {
        ctx.next();
        return;
      }
      ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"jobswipe\","
          + " error=\"insufficient_user_authentication\", max_age=" + STEP_UP_MAX_AGE.toSeconds());
      ctx.fail(new Problem(ProblemType.STEP_UP_REQUIRED, "Confirm it is you: enter the password or a second-factor"
          + " code at POST /v1/auth/step-up, then try again", new io.vertx.core.json.JsonObject()
          .put("maxAge", STEP_UP_MAX_AGE.toSeconds())));
    };
  }

  /** Requires an admin user or a service key with the {@code admin} scope; others get 403. */
  public static Handler<RoutingContext> admin() {
    return ctx -> {
      if (principal(ctx).isAdmin()) {
        ctx.next();
      } else {
        ctx.fail(new Problem(ProblemType.FORBIDDEN, "Admins only"));
      }
    };
  }

  /**
   * Requires an admin user, or a service key that carries {@code scope} (or {@code admin}); others get 403. Use after
   * {@link #required()}.
   */
  public static Handler<RoutingContext> adminOr(String scope) {
    return ctx -> {
      Principal principal = principal(ctx);
      if (principal.isAdmin() || principal.scopes().contains(scope)) {
        ctx.next();
      } else {
        ctx.fail(new Problem(ProblemType.FORBIDDEN, "Admins, or an API key with the " + scope + " scope, only"));
      }
    };
  }

  /** Fails with 403 when the principal is a service; use after {@link #required()}. */
  public static Handler<RoutingContext> usersOnly() {
    return ctx -> {
      if (principal(ctx).userId().isPresent()) {
        ctx.next();
      } else {
        ctx.fail(new Problem(ProblemType.FORBIDDEN, "This route is for signed-in users, not API keys"));
      }
    };
  }

  /**
   * A credential that was accepted: who it speaks for, until when (API keys: {@link Instant#MAX}), and when its user
   * last proved who they are (API keys: never).
   */
  public record Grant(Principal principal, Instant expiresAt, Proof proof) {
  }

  /** When the request's credential stops being valid; use after {@link #required()}. */
  public static Instant credentialExpires(RoutingContext ctx) {
    Instant expires = ctx.get(EXPIRES);
    if (expires == null) {
      throw new IllegalStateException("route is missing Authn.required()");
    }
    return expires;
  }

  /**
   * Checks a user's access token exactly as a request's is checked (signature, session still live, account still
   * there); for credentials that arrive other than in a header, such as a socket re-authenticating.
   */
  public Future<Optional<Grant>> checkAccessToken(String token) {
    return tokens.verify(token, TokenService.Use.ACCESS)
        .compose(claims -> checkSession(UUID.fromString(claims.getString("sub")),
            UUID.fromString(claims.getString("sid")), Instant.ofEpochSecond(claims.getLong("exp")),
            Proof.fromClaims(claims)))
        .otherwise(Optional.empty());
  }

  /**
   * Checks what an access token vouched for, when the token itself is no longer at hand (a socket ticket it was
   * exchanged for): the session still live, the account still there, with its current role.
   */
  public Future<Optional<Grant>> checkSession(UUID userId, UUID sessionId, Instant expiresAt, Proof proof) {
    if (memory.sessionEnded(sessionId, System.currentTimeMillis())) {
      return Future.succeededFuture(Optional.empty());
    }
    return account(userId)
        .map(user -> user.map(u -> new Grant(Principal.user(u.id(), u.role(), sessionId), expiresAt, proof)));
  }

  /** Lets a request in on a credential checked other than by {@link #required()}, as that handler would. */
  public static void admit(RoutingContext ctx, Grant grant) {
    accept(ctx, grant);
  }

  public static Principal principal(RoutingContext ctx) {
    Principal principal = ctx.get(KEY);
    if (principal == null) {
      throw new IllegalStateException("route is missing Authn.required()");
    }
    return principal;
  }

  /** The principal, when the request carries a valid credential (for observers that run on any route). */
  public static Optional<Principal> principalOf(RoutingContext ctx) {
    return Optional.ofNullable(ctx.get(KEY));
  }

  /** The user id when the request carries a valid credential; used as a rate-limit key. */
  public static Optional<String> principalKey(RoutingContext ctx) {
    Principal principal = ctx.get(KEY);
    if (principal == null) {
      return Optional.empty();
    }
    return principal.userId().map(UUID::toString).or(() -> principal.apiKeyId().map(id -> "key:" + id));
  }

  /**
   * The account behind the token, not the token's own claims: an erased account's tokens stop, and a role change
   * applies to the next request rather than after the token expires (see KnownUsers). A session that was ended
   * (sign-out, revocation, reuse, reset) takes its access tokens with it.
   */
  private Future<Optional<Grant>> authenticate(String header) {
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.succeededFuture(Optional.empty());
    }
    String credential = header.substring(7).trim();
    if (credential.startsWith("jsk_")) {
      return apiKeys.authenticate(credential).map(key -> key.map(principal -> new Grant(principal, Instant.MAX, Proof.NONE)));
    }
    return checkAccessToken(credential);
  }

  private Future<Optional<KnownUsers.Known>> account(UUID userId) {
    long now = System.currentTimeMillis();
    Optional<KnownUsers.Known> known = memory.users().get(userId, now);
    if (known.isPresent()) {
      return Future.succeededFuture(known);
    }
    return store.userById(store.pool(), userId).map(row -> row.map(u -> {
      KnownUsers.Known user = new KnownUsers.Known(u.id(), u.role(accounts));
      memory.users().remember(user, now);
      return user;
    }));
  }
}
