package com.jobswipe.profile;

import com.jobswipe.auth.Access;
import com.jobswipe.auth.Principal;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.profile.resume.ParsedResume;
import com.jobswipe.profile.resume.ResumeParser;
import com.jobswipe.profile.resume.ResumeRejected;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.UUID;

/**
 * Resume uploads: parsed on a small dedicated worker pool (so a burst of hostile files cannot starve password
 * hashing or anything else), stored sealed — the original file and everything extracted from it — and
 * answered for the user to confirm into the profile. Rejected files are never stored.
 */
public final class ResumeService {

  private static final String META = "id, user_id, filename, content_type, size_bytes, status, is_primary, parsed,"
      + " created_at";

  static final String BUSY = "Too many requests are opening sealed data right now; try again shortly.";

  private final Pool pool;
  private final DataKeyRing keys;
  private final ResumeParser parser;
  /** Parsing: one per user at a time, bounded by the parse deadline. */
  private final BoundedWorkers parsers;
  /** Decryption of whole files and texts: blocks for milliseconds per megabyte. */
  private final BoundedWorkers unsealing;

  ResumeService(Pool pool, DataKeyRing keys, ResumeParser parser, BoundedWorkers parsers, BoundedWorkers unsealing) {
    this.pool = pool;
    this.keys = keys;
    this.parser = parser;
    this.parsers = parsers;
    this.unsealing = unsealing;
  }

  public Future<JsonObject> upload(UUID userId, byte[] file, String contentType, String filename) {
    return parsers.executeFor(userId, () -> parser.parse(file, contentType, filename),
            "A resume of yours is still being read; send the next one when it is done.",
            "Too many resumes are being read right now; try again shortly.")
        .recover(e -> Future.failedFuture(e instanceof ResumeRejected rejected ? problem(rejected) : e))
        .compose(parsed -> store(userId, file, contentType, filename, parsed));
  }

  private Future<JsonObject> store(UUID userId, byte[] file, String contentType, String filename,
                                   ParsedResume parsed) {
    UUID id = UUID.randomUUID();
    JsonObject full = ResumeJson.full(parsed);
    Tuple values = Tuple.tuple()
        .addUUID(id)
        .addUUID(userId)
        .addString(safeName(filename))
        .addString(contentType)
        .addInteger(file.length)
        .addBuffer(Buffer.buffer(sha256(file)))
        .addBuffer(Buffer.buffer(keys.encrypt(file, EncryptedColumn.RESUME_FILE.context(id))))
        .addBuffer(Buffer.buffer(keys.encryptString(full.encode(), EncryptedColumn.RESUME_TEXT.context(id))))
        .addString(keys.currentKeyId())
        .addValue(ResumeJson.summary(parsed));
    return pool.preparedQuery("INSERT INTO resumes (id, user_id, filename, content_type, size_bytes, sha256,"
            + " file_enc, text_enc, key_id, parsed, status, is_primary) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,"
            + " $10, 'parsed', NOT EXISTS (SELECT 1 FROM resumes WHERE user_id = $2 AND is_primary))"
            + " RETURNING " + META)
        .execute(values)
        .map(rows -> describe(rows.iterator().next()).put("parsed", full));
  }

  public Future<JsonArray> list(UUID userId) {
    return pool.preparedQuery("SELECT " + META + " FROM resumes WHERE user_id = $1 ORDER BY created_at DESC"
            + " LIMIT 100")
        .execute(Tuple.of(userId))
        .map(rows -> {
          JsonArray items = new JsonArray();
          rows.forEach(row -> items.add(describe(row)));
          return items;
        });
  }

  /** One resume with everything parsed from it; owner or admin. */
  public Future<JsonObject> get(Principal principal, UUID id) {
    return pool.preparedQuery("SELECT " + META + ", text_enc FROM resumes WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> {
          Row row = owned(principal, rows.size() == 0 ? null : rows.iterator().next());
          return describe(row).put("parsed", new JsonObject(
              keys.decryptString(row.getBuffer("text_enc").getBytes(), EncryptedColumn.RESUME_TEXT.context(id))));
        });
  }

  /** The original file, decrypted; owner or admin. */
  public Future<StoredFile> file(Principal principal, UUID id) {
    return pool.preparedQuery("SELECT user_id, filename, content_type, file_enc FROM resumes WHERE id = $1")
        .execute(Tuple.of(id))
        .compose(rows -> {
          Row row = owned(principal, rows.size() == 0 ? null : rows.iterator().next());
          // Decrypting up to 10 MiB is worker work, not event-loop work.
          return unsealing.execute(() -> new StoredFile(row.getString("filename"),
              row.getString("content_type"),
              keys.decrypt(row.getBuffer("file_enc").getBytes(), EncryptedColumn.RESUME_FILE.context(id))), BUSY);
        });
  }

  public record StoredFile(String filename, String contentType, byte[] bytes) {
  }

  /** Every resume of a user with its parsed content and the original file in base64, for the data export. */
  Future<JsonArray> exportAll(UUID userId) {
    return pool.preparedQuery("SELECT " + META + ", text_enc, file_enc FROM resumes WHERE user_id = $1"
            + " ORDER BY created_at")
        .execute(Tuple.of(userId))
        .compose(rows -> unsealing.execute(() -> {
          JsonArray items = new JsonArray();
          for (Row row : rows) {
            UUID id = row.getUUID("id");
            items.add(describe(row)
                .put("parsed", new JsonObject(keys.decryptString(row.getBuffer("text_enc").getBytes(),
                    EncryptedColumn.RESUME_TEXT.context(id))))
                .put("fileBase64", Base64.getEncoder().encodeToString(keys.decrypt(
                    row.getBuffer("file_enc").getBytes(), EncryptedColumn.RESUME_FILE.context(id)))));
          }
          return items;
        }, BUSY));
  }

  private static Row owned(Principal principal, Row row) {
    if (row == null) {
      throw new Problem(ProblemType.NOT_FOUND, "No such resume");
    }
    Access.requireOwnerOrAdmin(principal, row.getUUID("user_id"), "resume");
    return row;
  }

  private static JsonObject describe(Row row) {
    return new JsonObject()
        .put("id", row.getUUID("id").toString())
        .put("filename", row.getString("filename"))
        .put("contentType", row.getString("content_type"))
        .put("sizeBytes", row.getInteger("size_bytes"))
        .put("status", row.getString("status"))
        .put("primary", row.getBoolean("is_primary"))
        .put("summary", row.getJsonObject("parsed"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString());
  }

  private static Problem problem(ResumeRejected rejected) {
    ProblemType type = switch (rejected.reason()) {
      case TOO_LARGE -> ProblemType.PAYLOAD_TOO_LARGE;
      case UNSUPPORTED_TYPE, TYPE_MISMATCH -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
      default -> ProblemType.UNPROCESSABLE;
    };
    return new Problem(type, rejected.userMessage(), new JsonObject().put("reason", rejected.reason().name()));
  }

  /** Names are shown back to the user and used in downloads: keep them printable and short. */
  static String safeName(String filename) {
    String name = filename == null ? "resume" : filename.replaceAll("[^\\p{L}\\p{N} ._()-]", "_").trim();
    name = name.isEmpty() ? "resume" : name;
    return name.length() > 120 ? name.substring(name.length() - 120) : name;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
