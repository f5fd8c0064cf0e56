package com.jobswipe.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the account mail a node without SMTP wrote to {@code <dataDir>/outbox/*.eml}, as the person running the
 * demo would open it. Waiting is on the file system's events, with a deadline.
 */
final class OutboxMail {

  private static final Pattern LINK_TOKEN = Pattern.compile("https?://\\S+?/verify-email\\?token=([A-Za-z0-9_\\-]+)");
  private static final Pattern TO = Pattern.compile("(?im)^To:\\s*(.+)$");

  private OutboxMail() {
  }

  /** The token of the verify-email link in the first mail to {@code email}; waits up to {@code timeout} for it. */
  static String awaitVerificationToken(Path outbox, String email, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    try {
      Files.createDirectories(outbox);
      try (WatchService watch = outbox.getFileSystem().newWatchService()) {
        outbox.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
        while (true) {
          Optional<String> token = find(outbox, email);
          if (token.isPresent()) {
            return token.get();
          }
          long left = Duration.between(Instant.now(), deadline).toMillis();
          if (left <= 0) {
            throw new IllegalStateException("no verification mail to " + email + " arrived in " + outbox + " within "
                + timeout.toSeconds() + " s");
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for mail to " + email, e);
    }
  }

  private static Optional<String> find(Path outbox, String email) throws IOException {
    try (Stream<Path> files = Files.list(outbox)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".eml")).sorted().toList()) {
        Optional<String> token = token(Files.readString(file, StandardCharsets.US_ASCII), email);
        if (token.isPresent()) {
          return token;
        }
      }
    }
    return Optional.empty();
  }

  /** The token, when {@code message} is addressed to {@code email} and carries a verify-email link. */
  static Optional<String> token(String message, String email) {
    Matcher to = TO.matcher(message);
    if (!to.find() || !to.group(1).toLowerCase(Locale.ROOT).contains(email.toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    Matcher link = LINK_TOKEN.matcher(quotedPrintable(message));
    return link.find() ? Optional.of(link.group(1)) : Optional.empty();
  }

  /** Undoes quoted-printable's soft line breaks and {@code =XX} escapes (RFC 2045 §6.7); plain 7-bit text passes. */
  static String quotedPrintable(String text) {
    String joined = text.replace("=\r\n", "").replace("=\n", "");
    StringBuilder out = new StringBuilder(joined.length());
    for (int i = 0; i < joined.length(); i++) {
      char c = joined.charAt(i);
      if (c == '=' && i + 2 < joined.length() && hex(joined.charAt(i + 1)) && hex(joined.charAt(i + 2))) {
        out.append((char) Integer.parseInt(joined.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
  }
}
