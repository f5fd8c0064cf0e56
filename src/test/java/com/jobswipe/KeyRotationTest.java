package com.jobswipe;

import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Migrations;
import com.jobswipe.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rotate-keys} against a real database holding values sealed under an old key. */
class KeyRotationTest {

  private TestDatabase database;
  private ConnectionSettings settings;

  @BeforeEach
  void migrate() {
    database = TestDatabase.create();
    settings = ConnectionSettings.fromUrl(database.url());
    Migrations.migrate(settings);
  }

  @AfterEach
  void drop() {
    database.close();
  }

  @Test
  void everySealedValueMovesToTheNewKeyAndStaysReadable() throws Exception {
    DataKeyRing old = DataKeyRing.generate("old");
    UUID user = UUID.randomUUID();
    UUID resume = UUID.randomUUID();
    try (Connection c = database.connect()) {
      exec(c, "INSERT INTO users (id, email, mfa_secret_enc, mfa_key_id) VALUES (?::uuid, 'r@example.com', ?, 'old')",
          user.toString(), old.encryptString("TOTPSECRET", EncryptedColumn.MFA_SECRET.context(user)));
      exec(c, "INSERT INTO candidate_profiles (user_id, personal_enc, personal_key_id, work_history_enc, education_enc,"
              + " data_key_id) VALUES (?::uuid, ?, 'old', ?, ?, 'old')", user.toString(),
          old.encryptString("{\"fullName\":\"Rosa Rotate\"}", EncryptedColumn.PROFILE_PERSONAL.context(user)),
          old.encryptString("[{\"company\":\"Acme\"}]", EncryptedColumn.PROFILE_WORK_HISTORY.context(user)),
          old.encryptString("[]", EncryptedColumn.PROFILE_EDUCATION.context(user)));
      exec(c, "INSERT INTO resumes (id, user_id, filename, content_type, size_bytes, sha256, file_enc, text_enc, key_id,"
              + " status) VALUES (?::uuid, ?::uuid, 'cv.pdf', 'application/pdf', 4, ?, ?, ?, 'old', 'parsed')",
          resume.toString(), user.toString(), new byte[32],
          old.encrypt("%PDF".getBytes(StandardCharsets.US_ASCII), EncryptedColumn.RESUME_FILE.context(resume)),
          old.encryptString("{\"text\":\"Rosa\"}", EncryptedColumn.RESUME_TEXT.context(resume)));
    }
    UUID job = UUID.randomUUID();
    UUID application = UUID.randomUUID();
    UUID task = UUID.randomUUID();
    UUID screenshot = UUID.randomUUID();
    try (Connection c = database.connect()) {
      exec(c, "INSERT INTO jobs (id, title, company, apply_url) VALUES (?::uuid, 'Engineer', 'Acme', 'https://x.example/1')",
          job.toString());
      exec(c, "INSERT INTO applications (id, user_id, job_id) VALUES (?::uuid, ?::uuid, ?::uuid)",
          application.toString(), user.toString(), job.toString());
      exec(c, "INSERT INTO application_tasks (id, application_id, state, answers_enc, answers_key_id)"
              + " VALUES (?::uuid, ?::uuid, 'NEEDS_HUMAN', ?, 'old')", task.toString(), application.toString(),
          old.encryptString("{\"visa\":\"no\"}", EncryptedColumn.TASK_ANSWERS.context(task)));
      exec(c, "INSERT INTO application_screenshots (id, application_id, seq, content_type, data_enc, key_id)"
              + " VALUES (?::uuid, ?::uuid, 0, 'image/png', ?, 'old')", screenshot.toString(), application.toString(),
          old.encrypt("PNG of Rosa".getBytes(StandardCharsets.US_ASCII), EncryptedColumn.SCREENSHOT.context(screenshot)));
    }
    DataKeyRing rotated = old.withNewCurrentKey("new");

    Map<String, Integer> first = KeyRotation.run(settings, rotated);
    Map<String, Integer> second = KeyRotation.run(settings, rotated);

    assertThat(first).containsEntry("users.mfa_key_id", 1).containsEntry("candidate_profiles.personal_key_id", 1)
        .containsEntry("candidate_profiles.data_key_id", 1).containsEntry("resumes.key_id", 1)
        .containsEntry("application_tasks.answers_key_id", 1).containsEntry("application_screenshots.key_id", 1);
    assertThat(second.values()).allMatch(rows -> rows == 0);
    DataKeyRing newOnly = DataKeyRing.parse(rotated.spec().split(",")[0]);
    try (Connection c = database.connect()) {
      assertThat(newOnly.decryptString(bytes(c, "SELECT mfa_secret_enc FROM users"),
          EncryptedColumn.MFA_SECRET.context(user))).isEqualTo("TOTPSECRET");
      assertThat(newOnly.decryptString(bytes(c, "SELECT personal_enc FROM candidate_profiles"),
          EncryptedColumn.PROFILE_PERSONAL.context(user))).contains("Rosa Rotate");
      assertThat(newOnly.decryptString(bytes(c, "SELECT work_history_enc FROM candidate_profiles"),
          EncryptedColumn.PROFILE_WORK_HISTORY.context(user))).contains("Acme");
      assertThat(newOnly.decrypt(bytes(c, "SELECT file_enc FROM resumes"), EncryptedColumn.RESUME_FILE.context(resume)))
          .isEqualTo("%PDF".getBytes(StandardCharsets.US_ASCII));
      assertThat(newOnly.decryptString(bytes(c, "SELECT text_enc FROM resumes"),
          EncryptedColumn.RESUME_TEXT.context(resume))).contains("Rosa");
      assertThat(DataKeyRing.keyIdOf(bytes(c, "SELECT education_enc FROM candidate_profiles"))).isEqualTo("new");
      assertThat(newOnly.decryptString(bytes(c, "SELECT answers_enc FROM application_tasks"),
          EncryptedColumn.TASK_ANSWERS.context(task))).contains("visa");
      assertThat(newOnly.decrypt(bytes(c, "SELECT data_enc FROM application_screenshots"),
          EncryptedColumn.SCREENSHOT.context(screenshot))).isEqualTo("PNG of Rosa".getBytes(StandardCharsets.US_ASCII));
    }
  }

  private static void exec(Connection c, String sql, Object... params) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      s.executeUpdate();
    }
  }

  private static byte[] bytes(Connection c, String sql) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getBytes(1);
    }
  }
}
