package com.jobswipe.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Notifications: the SMTP relay, the outbox's retry and lease timings, retention and the app-link files.
 *
 * @param smtp         the relay from {@code SMTP_URL}; empty means mail goes to {@code <dataDir>/outbox/*.eml}
 * @param from         the {@code From} address ({@code JOBSWIPE_MAIL_FROM})
 * @param maxAttempts  sends of one delivery before it ends failed
 * @param backoffBase  the first retry's delay; each further one doubles, up to {@code backoffMax}, with jitter
 * @param lease        how long a node owns a claimed delivery; a node that dies mid-send frees it after this
 * @param retention    how long inbox entries are kept
 * @param appleAppSiteAssociation JSON served at {@code /.well-known/apple-app-site-association}, if set
 * @param assetLinks   JSON served at {@code /.well-known/assetlinks.json}, if set
 * @param digest       the daily "new matches" digest
 */
public record MailConfig(Optional<Smtp> smtp, String from, int maxAttempts, Duration backoffBase,
                         Duration backoffMax, Duration lease, Duration retention,
                         Optional<String> appleAppSiteAssociation, Optional<String> assetLinks, Digest digest) {

  /**
   * @param size      jobs named at most
   * @param minScore  the feed score (0–1] a new job needs to be named
   * @param checkEvery how often each notification node looks for users whose digest hour has come
   */
  public record Digest(int size, double minScore, Duration checkEvery) {
  }

  /**
   * {@code smtp://user:pass@host:587} (STARTTLS required), {@code smtps://...:465} (TLS from the first byte);
   * {@code ?starttls=optional} or {@code ?starttls=disabled} relax STARTTLS for a relay that cannot do it.
   *
   * @param caPem extra trusted certificates (PEM) for a relay behind a private CA ({@code JOBSWIPE_SMTP_CA_PEM})
   */
  public record Smtp(String host, int port, boolean implicitTls, String starttls, Optional<String> username,
                     Optional<String> password, Optional<Path> caPem) {

    @Override
    public String toString() {
      return (implicitTls ? "smtps" : "smtp") + "://" + host + ":" + port + " (starttls " + starttls + ")";
    }
  }

  static MailConfig from(Settings s) {
    Optional<Path> caPem = s.optionalString("JOBSWIPE_SMTP_CA_PEM", "mail.smtpCaPem").map(Path::of);
    return new MailConfig(
        s.optionalUri("SMTP_URL", "mail.smtpUrl", Set.of("smtp", "smtps")).map(uri -> smtp(uri, caPem)),
        s.string("JOBSWIPE_MAIL_FROM", "mail.from"),
        s.integer("JOBSWIPE_NOTIFY_MAX_ATTEMPTS", "mail.maxAttempts", 1, 50),
        s.seconds("JOBSWIPE_NOTIFY_BACKOFF_SECONDS", "mail.backoffSeconds", 1, 3600),
        s.seconds("JOBSWIPE_NOTIFY_BACKOFF_MAX_SECONDS", "mail.backoffMaxSeconds", 1, 24 * 3600),
        s.seconds("JOBSWIPE_NOTIFY_LEASE_SECONDS", "mail.leaseSeconds", 5, 3600),
        Duration.ofDays(s.integer("JOBSWIPE_NOTIFY_RETENTION_DAYS", "mail.retentionDays", 1, 3650)),
        json("JOBSWIPE_APPLE_APP_SITE_ASSOCIATION", s.optionalString("JOBSWIPE_APPLE_APP_SITE_ASSOCIATION",
            "mail.appleAppSiteAssociation")),
        json("JOBSWIPE_ASSETLINKS", s.optionalString("JOBSWIPE_ASSETLINKS", "mail.assetLinks")),
        new Digest(s.integer("JOBSWIPE_DIGEST_SIZE", "mail.digestSize", 1, 20),
            s.integer("JOBSWIPE_DIGEST_MIN_SCORE_PERCENT", "mail.digestMinScorePercent", 0, 100) / 100.0,
            s.seconds("JOBSWIPE_DIGEST_CHECK_SECONDS", "mail.digestCheckSeconds", 1, 3600)));
  }

  /** The phones fetch these documents as they are: one that does not parse is refused at start. */
  private static Optional<String> json(String name, Optional<String> value) {
    value.ifPresent(text -> {
      try {
        io.vertx.core.json.Json.decodeValue(text);
      } catch (io.vertx.core.json.DecodeException e) {
        throw new ConfigException(name, "is not valid JSON");
      }
    });
    return value;
  }

  private static Smtp smtp(URI uri, Optional<Path> caPem) {
    boolean implicitTls = "smtps".equals(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : implicitTls ? 465 : 587;
    String starttls = implicitTls ? "disabled" : "required";
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        String[] kv = pair.split("=", 2);
        if (!"starttls".equals(kv[0]) || kv.length != 2 || !Set.of("required", "optional", "disabled").contains(kv[1])) {
          throw new ConfigException("SMTP_URL", "the only query parameter is starttls=required|optional|disabled");
        }
        starttls = kv[1];
      }
    }
    Optional<String> user = Optional.empty();
    Optional<String> password = Optional.empty();
    if (uri.getRawUserInfo() != null) {
      String[] parts = uri.getRawUserInfo().split(":", 2);
      user = Optional.of(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
      password = parts.length == 2 ? Optional.of(URLDecoder.decode(parts[1], StandardCharsets.UTF_8)) : Optional.empty();
    }
    return new Smtp(uri.getHost(), port, implicitTls, starttls, user, password, caPem);
  }
}
