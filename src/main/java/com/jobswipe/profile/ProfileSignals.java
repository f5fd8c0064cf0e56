package com.jobswipe.profile;

import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.profile.resume.ParsedResume;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The profile as ranking reads it ({@link CandidateSignals}), and the text its vector is made from. Only the
 * work-history titles are unsealed on every call (a small document); the resume text only when a vector is
 * (re)made, on the unsealing pool.
 */
public final class ProfileSignals {

  /** The model reads about 256 word pieces; more text only costs time. */
  private static final int MAX_EMBEDDING_TEXT = 2_000;

  private static final String SELECT = """
      SELECT p.headline, p.skills, p.preferences, p.work_history_enc, p.updated_at,
             r.id AS resume_id, r.parsed AS resume_parsed, r.updated_at AS resume_updated_at
      FROM users u
      LEFT JOIN candidate_profiles p ON p.user_id = u.id
      LEFT JOIN LATERAL (SELECT id, parsed, updated_at FROM resumes
                         WHERE user_id = u.id AND status = 'parsed'
                         ORDER BY is_primary DESC, created_at DESC LIMIT 1) r ON true
      WHERE u.id = $1""";

  private final Pool pool;
  private final DataKeyRing keys;
  private final BoundedWorkers unsealing;

  ProfileSignals(Pool pool, DataKeyRing keys, BoundedWorkers unsealing) {
    this.pool = pool;
    this.keys = keys;
    this.unsealing = unsealing;
  }

  public Future<CandidateSignals> signals(UUID userId) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(userId)).map(rows -> {
      if (rows.size() == 0) {
        return new CandidateSignals(List.of(), List.of(), Optional.empty(), new JsonObject(), "none");
      }
      Row row = rows.iterator().next();
      JsonObject preferences = Optional.ofNullable(row.getJsonObject("preferences")).orElseGet(JsonObject::new);
      Set<String> skills = new LinkedHashSet<>();
      String[] profileSkills = row.getArrayOfStrings("skills");
      if (profileSkills != null) {
        skills.addAll(List.of(profileSkills));
      }
      JsonObject resume = row.getJsonObject("resume_parsed");
      if (resume != null) {
        resume.getJsonArray("skills", new JsonArray()).forEach(s -> skills.add(String.valueOf(s)));
      }
      Set<String> titles = new LinkedHashSet<>();
      preferences.getJsonArray("titles", new JsonArray()).forEach(t -> titles.add(String.valueOf(t)));
      if (row.getBuffer("work_history_enc") != null) {
        JsonArray history = new JsonArray(keys.decryptString(row.getBuffer("work_history_enc").getBytes(),
            EncryptedColumn.PROFILE_WORK_HISTORY.context(userId)));
        history.forEach(job -> titles.add(((JsonObject) job).getString("title")));
      }
      String version = stamp(row, "updated_at") + "/" + Optional.ofNullable(row.getUUID("resume_id"))
          .map(UUID::toString).orElse("-") + "@" + stamp(row, "resume_updated_at");
      return new CandidateSignals(new ArrayList<>(skills), new ArrayList<>(titles),
          Optional.ofNullable(row.getString("headline")), preferences, version);
    });
  }

  /**
   * The text the profile vector is made from: headline, titles, skills, then the resume's summary and
   * experience sections (never its contact block), cut to what the model reads.
   */
  public Future<String> embeddingText(UUID userId, CandidateSignals signals) {
    StringBuilder text = new StringBuilder();
    signals.headline().ifPresent(h -> text.append(h).append(". "));
    if (!signals.titles().isEmpty()) {
      text.append(String.join(", ", signals.titles())).append(". ");
    }
    if (!signals.skills().isEmpty()) {
      text.append("Skills: ").append(String.join(", ", signals.skills())).append(". ");
    }
    return pool.preparedQuery("SELECT id, text_enc FROM resumes WHERE user_id = $1 AND status = 'parsed'"
            + " AND text_enc IS NOT NULL ORDER BY is_primary DESC, created_at DESC LIMIT 1")
        .execute(Tuple.of(userId))
        .compose(rows -> {
          if (rows.size() == 0 || text.length() >= MAX_EMBEDDING_TEXT) {
            return Future.succeededFuture(cut(text.toString()));
          }
          Row row = rows.iterator().next();
          return unsealing.execute(() -> {
            JsonObject parsed = new JsonObject(keys.decryptString(row.getBuffer("text_enc").getBytes(),
                EncryptedColumn.RESUME_TEXT.context(row.getUUID("id"))));
            JsonObject sections = parsed.getJsonObject("sections", new JsonObject());
            for (String name : List.of(ParsedResume.SUMMARY, ParsedResume.EXPERIENCE, ParsedResume.PROJECTS)) {
              Object section = sections.getValue(name);
              if (section != null) {
                text.append(section).append(' ');
              }
            }
            return cut(text.toString());
          }, ResumeService.BUSY);
        });
  }

  private static String cut(String text) {
    return text.length() <= MAX_EMBEDDING_TEXT ? text.strip() : text.substring(0, MAX_EMBEDDING_TEXT).strip();
  }

  private static String stamp(Row row, String column) {
    return row.getOffsetDateTime(column) == null ? "-" : Long.toString(row.getOffsetDateTime(column).toInstant()
        .toEpochMilli());
  }
}
