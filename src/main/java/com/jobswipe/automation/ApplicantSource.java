package com.jobswipe.automation;

import com.jobswipe.automation.browser.Applicant;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.text.CoverLetterTemplate;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What may be typed into a form for one application, read from the candidate's sealed profile, primary resume and
 * cover-letter template. The resume is written to a private temporary file for the upload; the caller deletes it
 * with {@link Loaded#close()} when the run ends, whatever happened.
 */
final class ApplicantSource {

  /** The applicant and the temporary resume file behind it. */
  record Loaded(Applicant applicant, Optional<Path> resumeFile) implements AutoCloseable {
    @Override
    public void close() {
      resumeFile.ifPresent(file -> {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** The profile lacks what every form needs (a name and an email): a person must complete it. */
  static final class IncompleteProfile extends RuntimeException {
    IncompleteProfile(String message) {
      super(message);
    }
  }

  private static final String SELECT = """
      SELECT u.email AS account_email, p.personal_enc, p.headline, p.skills,
             r.id AS resume_id, r.file_enc, r.filename, r.content_type,
             c.body AS letter, j.title AS job_title, j.company AS job_company, j.locations AS job_locations
      FROM applications a
      JOIN users u ON u.id = a.user_id
      JOIN jobs j ON j.id = a.job_id
      LEFT JOIN candidate_profiles p ON p.user_id = a.user_id
      LEFT JOIN LATERAL (SELECT id, file_enc, filename, content_type FROM resumes
                         WHERE user_id = a.user_id AND (a.resume_id IS NULL OR id = a.resume_id)
                         ORDER BY (id = a.resume_id) DESC NULLS LAST, is_primary DESC, created_at DESC LIMIT 1) r ON true
      LEFT JOIN LATERAL (SELECT body FROM cover_letter_templates
                         WHERE user_id = a.user_id AND (a.cover_letter_template_id IS NULL
                                                        OR id = a.cover_letter_template_id)
                         ORDER BY (id = a.cover_letter_template_id) DESC NULLS LAST, updated_at DESC LIMIT 1) c ON true
      WHERE a.id = $1""";

  private final Vertx vertx;
  private final Pool pool;
  private final DataKeyRing keys;
  private final Path scratch;

  ApplicantSource(Vertx vertx, Pool pool, DataKeyRing keys, Path scratch) {
    this.vertx = vertx;
    this.pool = pool;
    this.keys = keys;
    this.scratch = scratch;
  }

  Future<Loaded> load(UUID applicationId, UUID userId, Map<String, String> answers) {
    return pool.preparedQuery(SELECT).execute(Tuple.of(applicationId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(new IncompleteProfile("the application is gone"));
      }
      Row row = rows.iterator().next();
      return vertx.executeBlocking(() -> build(userId, row, answers), false);
    });
  }

  private Loaded build(UUID userId, Row row, Map<String, String> answers) throws IOException {
    JsonObject personal = row.getBuffer("personal_enc") == null ? new JsonObject()
        : new JsonObject(keys.decryptString(row.getBuffer("personal_enc").getBytes(),
            EncryptedColumn.PROFILE_PERSONAL.context(userId)));
    String fullName = personal.getString("fullName", "").strip();
    if (fullName.isEmpty()) {
      throw new IncompleteProfile("the profile has no full name");
    }
    String[] parts = fullName.split("\\s+", 2);
    String email = personal.getString("email", row.getString("account_email"));
    JsonObject links = personal.getJsonObject("links", new JsonObject());
    JsonArray other = links.getJsonArray("other", new JsonArray());
    Applicant.Builder applicant = Applicant.builder()
        .name(parts[0], parts.length > 1 ? parts[1] : parts[0])
        .fullName(fullName)
        .email(email)
        .phone(personal.getString("phone"))
        .location(personal.getString("location"))
        .links(links.getString("linkedin"), links.getString("github"), links.getString("portfolio"),
            other.isEmpty() ? null : other.getString(0));
    JsonObject authorization = personal.getJsonObject("workAuthorization");
    if (authorization != null) {
      Set<String> countries = new LinkedHashSet<>();
      authorization.getJsonArray("authorizedCountries", new JsonArray()).forEach(c -> countries.add(String.valueOf(c)));
      applicant.workAuthorization(countries, Optional.ofNullable(authorization.getBoolean("requiresSponsorship")));
    }
    Optional<Path> file = Optional.empty();
    if (row.getBuffer("file_enc") != null) {
      byte[] bytes = keys.decrypt(row.getBuffer("file_enc").getBytes(),
          EncryptedColumn.RESUME_FILE.context(row.getUUID("resume_id")));
      Files.createDirectories(scratch);
      Path path = Files.createTempFile(scratch, "resume-", ".upload",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(path, bytes);
      file = Optional.of(path);
      applicant.resume(path, row.getString("filename"), row.getString("content_type"));
    }
    if (row.getString("letter") != null) {
      applicant.coverLetter(CoverLetterTemplate.render(row.getString("letter"), letterValues(personal, row),
          CoverLetterTemplate.Escaping.PLAIN));
    }
    answers.forEach(applicant::answer);
    return new Loaded(applicant.build(), file);
  }

  private static Map<String, String> letterValues(JsonObject personal, Row row) {
    String[] locations = row.getArrayOfStrings("job_locations");
    String[] skills = row.getArrayOfStrings("skills");
    return CoverLetterTemplate.values(row.getString("job_title"), row.getString("job_company"),
        locations == null || locations.length == 0 ? null : locations[0], personal.getString("fullName"),
        personal.getString("email"), personal.getString("phone"), row.getString("headline"),
        skills == null ? java.util.List.of() : java.util.List.of(skills), LocalDate.now());
  }

}
