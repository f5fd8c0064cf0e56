package com.jobswipe.auth;

import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keys for service clients: {@code jsk_<prefix>_<secret>}. The prefix finds the row and may be shown in lists;
 * only the SHA-256 of the whole key is stored, so the key is visible exactly once, at creation or rotation.
 */
public final class ApiKeyService {

  /**
   * What a key may be granted, each naming the admin routes it opens (see {@link Authn#adminOr}); {@code admin}
   * opens every admin route. No scope opens a user's routes or data. A write scope does not include the read.
   */
  public static final Set<String> SCOPES = Set.of(Scopes.ADMIN, Scopes.SOURCES_READ, Scopes.SOURCES_WRITE,
      Scopes.DOMAINS_READ, Scopes.DOMAINS_WRITE, Scopes.REPORTS_READ);

  static final Pattern FORMAT = Pattern.compile("jsk_([a-z2-7]{10})_([A-Za-z0-9_-]{43})");
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = "id, name, prefix, scopes, created_by, created_at, last_used_at, revoked_at,"
      + " rotated_from, expires_at";

  private final Pool pool;
  private final AuthStore store;

  ApiKeyService(AuthStore store) {
    this.store = store;
    this.pool = store.pool();
  }

  /** A new key; one with {@code expiresAt} is refused from then on. */
  public Future<JsonObject> create(String name, List<String> scopes, Optional<Instant> expiresAt, Principal creator,
                                   RequestInfo request) {
    return insert(pool, name, scopes, expiresAt.orElse(null), creator, null).compose(created -> store.audit(creator.userId().orElse(null),
        "api-key.created", request, new JsonObject().put("keyId", created.getString("id"))).map(created));
  }

  public Future<JsonArray> list() {
    return pool.query("SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at DESC LIMIT 500").execute()
        .map(rows -> {
          JsonArray keys = new JsonArray();
          rows.forEach(row -> keys.add(describe(row)));
          return keys;
        });
  }

  /**
   * Replaces a key with a new secret (same name, scopes and expiry) and revokes the old one, in one transaction. An
   * expired key cannot be rotated back to life.
   */
  public Future<JsonObject> rotate(UUID id, Principal actor, RequestInfo request) {
    return pool.withTransaction(tx -> tx.preparedQuery("UPDATE api_keys SET revoked_at = now() WHERE id = $1"
                + " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())"
                + " RETURNING name, scopes, expires_at")
            .execute(Tuple.of(id))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(new Problem(ProblemType.NOT_FOUND, "No such active API key"));
              }
              Row old = rows.iterator().next();
              OffsetDateTime expires = old.getOffsetDateTime("expires_at");
              return insert(tx, old.getString("name"), List.of(old.getArrayOfStrings("scopes")),
                  expires == null ? null : expires.toInstant(), actor, id);
            }))
        .compose(created -> store.audit(actor.userId().orElse(null), "api-key.rotated", request,
            new JsonObject().put("keyId", id.toString()).put("newKeyId", created.getString("id"))).map(created));
  }

  public Future<Void> revoke(UUID id, Principal actor, RequestInfo request) {
    return pool.preparedQuery("UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL")
        .execute(Tuple.of(id))
        .compose(rows -> rows.rowCount() == 0
            ? Future.failedFuture(new Problem(ProblemType.NOT_FOUND, "No such active API key"))
            : store.audit(actor.userId().orElse(null), "api-key.revoked", request,
                new JsonObject().put("keyId", id.toString())));
  }

  /** The service principal for a presented key, or empty when it is malformed, unknown, revoked or expired. */
  public Future<Optional<Principal>> authenticate(String presented) {
    Matcher m = FORMAT.matcher(presented);
    if (!m.matches()) {
      return Future.succeededFuture(Optional.empty());
    }
    return pool.preparedQuery("SELECT id, key_hash, scopes FROM api_keys WHERE prefix = $1 AND revoked_at IS NULL"
            + " AND (expires_at IS NULL OR expires_at > now())")
        .execute(Tuple.of(m.group(1)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture(Optional.empty());
          }
          Row row = rows.iterator().next();
          if (!MessageDigest.isEqual(row.getBuffer("key_hash").getBytes(), OpaqueTokens.hash(presented))) {
            return Future.succeededFuture(Optional.empty());
          }
          UUID id = row.getUUID("id");
          // At most one write a minute per key: "last used" is for humans, not an access log.
          return pool.preparedQuery("UPDATE api_keys SET last_used_at = now() WHERE id = $1"
                  + " AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')")
              .execute(Tuple.of(id))
              .map(done -> Optional.of(Principal.service(id, new HashSet<>(List.of(row.getArrayOfStrings("scopes"))))));
        });
  }

  private Future<JsonObject> insert(io.vertx.sqlclient.SqlClient client, String name, List<String> scopes,
                                    Instant expiresAt, Principal creator, UUID rotatedFrom) {
    String prefix = randomPrefix();
    String key = "jsk_" + prefix + "_" + OpaqueTokens.generate("");
    return client.preparedQuery("INSERT INTO api_keys (name, prefix, key_hash, scopes, created_by, rotated_from,"
            + " expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING " + COLUMNS)
        .execute(Tuple.from(new Object[] {name, prefix, Buffer.buffer(OpaqueTokens.hash(key)),
            scopes.toArray(String[]::new), creator.userId().orElse(null), rotatedFrom,
            expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC)}))
        .map(rows -> describe(rows.iterator().next()).put("key", key));
  }

  private static JsonObject describe(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("name", row.getString("name"))
        .put("prefix", "jsk_" + row.getString("prefix"))
        .put("scopes", new JsonArray(List.of(row.getArrayOfStrings("scopes"))))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("lastUsedAt", row.getOffsetDateTime("last_used_at") == null ? null
            : row.getOffsetDateTime("last_used_at").toInstant().toString())
        .put("revoked", row.getValue("revoked_at") != null)
        .put("expiresAt", row.getOffsetDateTime("expires_at") == null ? null
            : row.getOffsetDateTime("expires_at").toInstant().toString())
        .put("rotatedFrom", row.getUUID("rotated_from") == null ? null : row.getUUID("rotated_from").toString());
  }

  private static String randomPrefix() {
    StringBuilder prefix = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      prefix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return prefix.toString();
  }
}
