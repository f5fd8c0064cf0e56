package com.jobswipe.notification;

import com.jobswipe.config.MailConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.SMTPException;
import io.vertx.ext.mail.StartTLSOptions;

import java.util.Locale;
import java.util.UUID;

/**
 * Email through an SMTP relay ({@code SMTP_URL}). STARTTLS is required unless the URL relaxes it, so a relay (or a
 * man in the middle) that does not offer it gets no message rather than a plaintext one; certificates are checked
 * against the host name.
 */
final class SmtpEmail implements EmailChannel {

  private final MailClient client;
  private final String from;

  SmtpEmail(Vertx vertx, MailConfig.Smtp smtp, String from) {
    io.vertx.ext.mail.MailConfig options = new io.vertx.ext.mail.MailConfig()
        .setHostname(smtp.host())
        .setPort(smtp.port())
        .setSsl(smtp.implicitTls())
        .setStarttls(StartTLSOptions.valueOf(smtp.starttls().toUpperCase(Locale.ROOT)))
        .setHostnameVerificationAlgorithm("HTTPS")
        .setLogin(smtp.username().isPresent() ? LoginOption.REQUIRED : LoginOption.DISABLED)
        .setKeepAlive(true)
        .setMaxPoolSize(4);
    smtp.username().ifPresent(options::setUsername);
    smtp.password().ifPresent(options::setPassword);
    smtp.caPem().ifPresent(path -> options.setTrustOptions(new PemTrustOptions().addCertPath(path.toString())));
    this.client = MailClient.create(vertx, options);
    this.from = from;
  }

  @Override
  public Future<String> send(UUID deliveryId, OutgoingEmail email) {
    return client.sendMail(email.toMailMessage(from, deliveryId)).map(result -> OutgoingEmail.messageId(from, deliveryId));
  }

  /** A 5xx reply refuses this message for good; anything else (4xx, network, TLS set-up) may pass later. */
  @Override
  public boolean retryable(Throwable failure) {
    return !(failure instanceof SMTPException smtp && smtp.isPermanent());
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
