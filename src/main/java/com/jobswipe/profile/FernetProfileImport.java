package com.jobswipe.profile;

import com.jobswipe.crypto.CryptoException;
import com.jobswipe.crypto.Fernet;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Problem;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Brings profiles over from a predecessor system that sealed them as Fernet tokens: each record is opened
 * with the old system's key, validated like a {@code PUT /v1/profile}, and stored sealed under our own data
 * keys. Accounts that do not exist yet are created without a password; their owners claim them by password
 * reset or by signing in with Google or LinkedIn.
 */
public final class FernetProfileImport {

  /** What happened to each record; rejections name the line and why, never the content. */
  public record Report(int imported, int accountsCreated, List<String> rejected) {
  }

  private final Pool pool;
  private final ProfileService profiles;
  private final Fernet fernet;

  public FernetProfileImport(Pool pool, ProfileFeature feature, Fernet fernet) {
    this.pool = pool;
    this.profiles = feature.profiles();
    this.fernet = fernet;
  }

  /**
   * Imports JSON lines of the form {@code {"email": "...", "profile": "<Fernet token of the profile JSON>"}}.
   * Blocks the calling thread (a command-line tool, never an event loop).
   */
  public Report run(List<String> lines) {
    int imported = 0;
    int created = 0;
    List<String> rejected = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      try {
        JsonObject record = new JsonObject(line);
        String email = record.getString("email", "").trim().toLowerCase(Locale.ROOT);
        if (!Contract.get().accepts("Email", email)) {
          throw new IllegalArgumentException("no valid email");
        }
        JsonObject profile = new JsonObject(new String(fernet.decrypt(record.getString("profile", ""),
            Optional.empty(), java.time.Clock.systemUTC()), StandardCharsets.UTF_8));
        Contract.get().check("ProfileInput", profile);
        Optional<UUID> existing = userByEmail(email).await();
        UUID userId = existing.orElseGet(() -> createUser(email).await());
        created += existing.isPresent() ? 0 : 1;
        profiles.put(userId, profile).await();
        imported++;
      } catch (CryptoException e) {
        rejected.add("line " + (i + 1) + ": the token does not open with this key (" + e.reason() + ")");
      } catch (Problem e) {
        rejected.add("line " + (i + 1) + ": the profile is invalid: " + e.toJson(null).getJsonArray("errors"));
      } catch (DecodeException | IllegalArgumentException | ClassCastException e) {
        rejected.add("line " + (i + 1) + ": not a record {email, profile}");
      }
    }
    return new Report(imported, created, rejected);
  }

  private Future<Optional<UUID>> userByEmail(String email) {
    return pool.preparedQuery("SELECT id FROM users WHERE lower(email) = $1 AND deleted_at IS NULL")
        .execute(Tuple.of(email))
        .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0)));
  }

  private Future<UUID> createUser(String email) {
    return pool.preparedQuery("INSERT INTO users (email) VALUES ($1) RETURNING id").execute(Tuple.of(email))
        .map(rows -> rows.iterator().next().getUUID(0));
  }
}
