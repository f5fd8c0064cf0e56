package com.jobswipe.profile;

import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.profile.resume.Experience;
import com.jobswipe.profile.resume.SkillTaxonomy;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The candidate profile. EmptyRequest that identifies a person (name, contact, links, work authorisation,
 * equal-opportunity answers, work history, education) is sealed with AES-256-GCM under the current data key,
 * bound to the user; only what ranking needs in the clear (headline, skills, years, preferences) is not.
 */
public final class ProfileService {

  /** The fields that go into the sealed personal block. */
  static final List<String> PERSONAL = List.of("fullName", "email", "phone", "location", "links", "workAuthorization",
      "eeo");

  private static final String SELECT = "SELECT p.personal_enc, p.work_history_enc, p.education_enc, p.headline,"
      + " p.skills, p.years_experience, p.preferences, p.dry_run, p.updated_at, u.email AS account_email"
      + " FROM users u LEFT JOIN candidate_profiles p ON p.user_id = u.id WHERE u.id = $1 AND u.deleted_at IS NULL";

  private static final String UPSERT = """
      INSERT INTO candidate_profiles (user_id, personal_enc, personal_key_id, work_history_enc, education_enc,
                                      data_key_id, headline, skills, years_experience, preferences, dry_run)
      VALUES ($1, $2, $3, $4, $5, $3, $6, $7, $8, $9, $10)
      ON CONFLICT (user_id) DO UPDATE SET
        personal_enc = EXCLUDED.personal_enc, personal_key_id = EXCLUDED.personal_key_id,
        work_history_enc = EXCLUDED.work_history_enc, education_enc = EXCLUDED.education_enc,
        data_key_id = EXCLUDED.data_key_id, headline = EXCLUDED.headline, skills = EXCLUDED.skills,
        years_experience = EXCLUDED.years_experience, preferences = EXCLUDED.preferences,
        dry_run = EXCLUDED.dry_run, updated_at = now()""";

  private static final SkillTaxonomy TAXONOMY = SkillTaxonomy.standard();

  private final Pool pool;
  private final DataKeyRing keys;
  private final Clock clock;

  ProfileService(Pool pool, DataKeyRing keys, Clock clock) {
    this.pool = pool;
    this.keys = keys;
    this.clock = clock;
  }

  /** The profile, or an empty one carrying the account's email when none was saved yet. */
  public Future<JsonObject> get(UUID userId) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        throw new Problem(ProblemType.UNAUTHORIZED, "The account no longer exists");
      }
      Row row = rows.iterator().next();
      if (row.getValue("personal_enc") == null && row.getValue("headline") == null
          && row.getValue("preferences") == null) {
        return new JsonObject().put("email", row.getString("account_email")).put("skills", new JsonArray())
            .put("workHistory", new JsonArray()).put("education", new JsonArray())
            .put("preferences", new JsonObject()).put("dryRun", false);
      }
      return toJson(userId, row);
    });
  }

  /** Replaces the profile with {@code profile} (already checked against the contract's {@code ProfileInput}). */
  public Future<JsonObject> put(UUID userId, JsonObject profile) {
    JsonObject personal = new JsonObject();
    PERSONAL.forEach(field -> {
      if (profile.getValue(field) != null) {
        personal.put(field, profile.getValue(field));
      }
    });
    JsonArray history = profile.getJsonArray("workHistory", new JsonArray());
    JsonArray education = profile.getJsonArray("education", new JsonArray());
    List<String> skills = canonicalSkills(profile.getJsonArray("skills", new JsonArray()));
    double years = Experience.years(ranges(history), clock);
    Tuple values = Tuple.tuple()
        .addUUID(userId)
        .addBuffer(seal(EncryptedColumn.PROFILE_PERSONAL, userId, personal.encode()))
        .addString(keys.currentKeyId())
        .addBuffer(seal(EncryptedColumn.PROFILE_WORK_HISTORY, userId, history.encode()))
        .addBuffer(seal(EncryptedColumn.PROFILE_EDUCATION, userId, education.encode()))
        .addString(profile.getString("headline"))
        .addArrayOfString(skills.toArray(String[]::new))
        .addValue(years)
        .addValue(profile.getJsonObject("preferences", new JsonObject()))
        .addBoolean(profile.getBoolean("dryRun", false));
    return pool.preparedQuery(UPSERT).execute(values).compose(done -> get(userId));
  }

  private JsonObject toJson(UUID userId, Row row) {
    JsonObject profile = new JsonObject();
    if (row.getBuffer("personal_enc") != null) {
      profile.mergeIn(new JsonObject(open(EncryptedColumn.PROFILE_PERSONAL, userId, row.getBuffer("personal_enc"))));
    }
    profile.put("workHistory", row.getBuffer("work_history_enc") == null ? new JsonArray()
        : new JsonArray(open(EncryptedColumn.PROFILE_WORK_HISTORY, userId, row.getBuffer("work_history_enc"))));
    profile.put("education", row.getBuffer("education_enc") == null ? new JsonArray()
        : new JsonArray(open(EncryptedColumn.PROFILE_EDUCATION, userId, row.getBuffer("education_enc"))));
    if (profile.getString("email") == null) {
      profile.put("email", row.getString("account_email"));
    }
    profile.put("headline", row.getString("headline"));
    profile.put("skills", new JsonArray(List.of(row.getArrayOfStrings("skills"))));
    // From the history on every read, so a current job keeps counting after the profile was saved.
    profile.put("yearsOfExperience", Experience.years(ranges(profile.getJsonArray("workHistory")), clock));
    profile.put("preferences", row.getJsonObject("preferences"));
    profile.put("dryRun", row.getBoolean("dry_run"));
    profile.put("updatedAt", row.getOffsetDateTime("updated_at").toInstant().toString());
    return profile;
  }

  /** Known skills take their canonical spelling (k8s → Kubernetes); others are kept as typed. */
  static List<String> canonicalSkills(JsonArray raw) {
    Set<String> skills = new LinkedHashSet<>();
    for (Object value : raw) {
      String skill = String.valueOf(value).trim();
      if (!skill.isEmpty()) {
        skills.add(TAXONOMY.canonical(skill).orElse(skill));
      }
    }
    return new ArrayList<>(skills);
  }

  private static List<Experience.Range> ranges(JsonArray history) {
    List<Experience.Range> ranges = new ArrayList<>();
    for (Object item : history) {
      JsonObject job = (JsonObject) item;
      YearMonth start = YearMonth.parse(job.getString("startDate"));
      String end = job.getString("endDate");
      ranges.add(new Experience.Range(start, end == null ? null : YearMonth.parse(end)));
    }
    return ranges;
  }

  private Buffer seal(EncryptedColumn column, UUID userId, String json) {
    return Buffer.buffer(keys.encryptString(json, column.context(userId)));
  }

  private String open(EncryptedColumn column, UUID userId, Buffer sealed) {
    return keys.decryptString(sealed.getBytes(), column.context(userId));
  }
}
