package com.jobswipe.crypto;

import java.util.List;

/**
 * Every column that holds ciphertext under the data keys, and the context each value is bound to (so a
 * value copied to another row or column does not decrypt). Features encrypt through these constants; the
 * key-rotation command walks the same list, so a new encrypted column is rotated as soon as it is added here.
 *
 * @param keyIdColumn the column naming the key of the row's values, updated on rotation
 */
public record EncryptedColumn(String table, String idColumn, String column, String keyIdColumn) {

  public static final EncryptedColumn MFA_SECRET = new EncryptedColumn("users", "id", "mfa_secret_enc", "mfa_key_id");
  public static final EncryptedColumn PROFILE_PERSONAL =
      new EncryptedColumn("candidate_profiles", "user_id", "personal_enc", "personal_key_id");
  public static final EncryptedColumn PROFILE_WORK_HISTORY =
      new EncryptedColumn("candidate_profiles", "user_id", "work_history_enc", "data_key_id");
  public static final EncryptedColumn PROFILE_EDUCATION =
      new EncryptedColumn("candidate_profiles", "user_id", "education_enc", "data_key_id");
  public static final EncryptedColumn RESUME_FILE = new EncryptedColumn("resumes", "id", "file_enc", "key_id");
  public static final EncryptedColumn RESUME_TEXT = new EncryptedColumn("resumes", "id", "text_enc", "key_id");
  public static final EncryptedColumn TASK_ANSWERS =
      new EncryptedColumn("application_tasks", "id", "answers_enc", "answers_key_id");
  public static final EncryptedColumn SCREENSHOT =
      new EncryptedColumn("application_screenshots", "id", "data_enc", "key_id");
  /** A rendered email waiting in the outbox (it may carry a one-time link); dropped once sent. */
  public static final EncryptedColumn DELIVERY_MESSAGE =
      new EncryptedColumn("notification_deliveries", "id", "message_enc", "message_key_id");
  /** The name Apple tells once, on a user's first Sign in with Apple. */
  public static final EncryptedColumn OAUTH_NAME =
      new EncryptedColumn("oauth_identities", "id", "name_enc", "name_key_id");

  public static final List<EncryptedColumn> ALL = List.of(MFA_SECRET, OAUTH_NAME, PROFILE_PERSONAL, PROFILE_WORK_HISTORY,
      PROFILE_EDUCATION, RESUME_FILE, RESUME_TEXT, TASK_ANSWERS, SCREENSHOT, DELIVERY_MESSAGE);

  /** The AEAD context of the value in row {@code id}: {@code table.column:id}. */
  public String context(Object id) {
    return table + "." + column + ":" + id;
  }
}
