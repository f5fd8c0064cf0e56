package com.jobswipe.notification;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.mailencoder.MailEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * The embedded default without an SMTP relay: each message becomes {@code <dataDir>/outbox/<delivery id>.eml}
 * (the exact bytes SMTP would carry, readable by any mail program), readable only by the owner because it holds
 * live links. The log names the file, never the message.
 */
final class FileEmail implements EmailChannel {

  private static final Logger LOG = LoggerFactory.getLogger(FileEmail.class);

  private final Vertx vertx;
  private final Path directory;
  private final String from;

  FileEmail(Vertx vertx, Path directory, String from) {
    this.vertx = vertx;
    this.directory = directory;
    this.from = from;
  }

  @Override
  public Future<String> send(UUID deliveryId, OutgoingEmail email) {
    String encoded = new MailEncoder(email.toMailMessage(from, deliveryId), "jobswipe").encode();
    Path file = directory.resolve(deliveryId + ".eml");
    return vertx.executeBlocking(() -> {
      write(file, encoded);
      return OutgoingEmail.messageId(from, deliveryId);
    }, false).onSuccess(id -> LOG.info("email {} written to {} (no SMTP_URL set)", id, file));
  }

  /** Written under a temporary name first, so a reader never sees half a message; 0600 from the first byte. */
  private void write(Path file, String encoded) {
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path partial = directory.resolve(file.getFileName() + ".part");
      Files.deleteIfExists(partial);
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(partial, encoded, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
      Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public boolean retryable(Throwable failure) {
    return true;
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }
}
