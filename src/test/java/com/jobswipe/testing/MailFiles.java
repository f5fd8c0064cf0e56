package com.jobswipe.testing;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The mail a node without SMTP wrote to {@code <dataDir>/outbox/}: what a person running the jar locally opens.
 * Waiting is on the file system's own events (a {@link WatchService}), not on a timer.
 */
public final class MailFiles {

  private static final Pattern LINK = Pattern.compile("https?://\\S+[?&]token=([A-Za-z0-9_\\-]+)");

  /** One message as read back from its file. */
  public record Mail(Path file, MimeMessage message) {

    public String to() {
      try {
        return message.getHeader("To", ",");
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }

    public String subject() {
      try {
        return message.getSubject();
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }

    public String header(String name) {
      try {
        return message.getHeader(name, ",");
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The text of the part with this MIME type ({@code text/plain}, {@code text/html}). */
    public String part(String type) {
      try {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
          for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType(type)) {
              return (String) part.getContent();
            }
          }
          throw new IllegalStateException("no " + type + " part");
        }
        return (String) content;
      } catch (MessagingException | IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The one-time token in the message's link. */
    public String token() {
      Matcher m = LINK.matcher(part("text/plain"));
      if (!m.find()) {
        throw new IllegalStateException("no link with a token in " + file);
      }
      return m.group(1);
    }
  }

  private MailFiles() {
  }

  public static List<Mail> all(Path outbox) {
    if (!Files.isDirectory(outbox)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(outbox)) {
      List<Mail> mails = new ArrayList<>();
      files.filter(f -> f.toString().endsWith(".eml")).sorted((a, b) -> Long.compare(modified(a), modified(b)))
          .forEach(f -> mails.add(read(f)));
      return mails;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The newest message matching {@code wanted} whose file appears (or already exists) within {@code timeout}. */
  public static Mail await(Path outbox, Predicate<Mail> wanted, Duration timeout) {
    try {
      Files.createDirectories(outbox);
      try (WatchService watch = outbox.getFileSystem().newWatchService()) {
        outbox.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
          Optional<Mail> found = newest(outbox, wanted);
          if (found.isPresent()) {
            return found.get();
          }
          long left = Duration.between(Instant.now(), deadline).toMillis();
          if (left <= 0) {
            throw new AssertionError("no matching mail in " + outbox + " within " + timeout);
          }
          var key = watch.poll(left, TimeUnit.MILLISECONDS);
          if (key != null) {
            key.pollEvents();
            key.reset();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException | ClosedWatchServiceException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Optional<Mail> newest(Path outbox, Predicate<Mail> wanted) {
    List<Mail> mails = all(outbox);
    for (int i = mails.size() - 1; i >= 0; i--) {
      if (wanted.test(mails.get(i))) {
        return Optional.of(mails.get(i));
      }
    }
    return Optional.empty();
  }

  public static Mail read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return new Mail(file, new MimeMessage(Session.getInstance(new Properties()), in));
    } catch (IOException | MessagingException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
