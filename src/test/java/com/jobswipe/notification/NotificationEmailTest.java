package com.jobswipe.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.Role;
import com.jobswipe.config.MailConfig;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.FreePorts;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestCertificates;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Email over real SMTP (GreenMail): implicit TLS checked against a trusted certificate, authentication, multipart
 * text + HTML, a Message-ID derived from the delivery, List-Unsubscribe on notification mail but not on account
 * mail, and the verification link working end to end. A relay that cannot do STARTTLS gets nothing unless the URL
 * says STARTTLS is optional.
 */
class NotificationEmailTest {

  private static final String PASSWORD = "correct battery horse staple 7";
  private static final String FROM = "JobSwipe <no-reply@mail.jobswipe.test>";
  private static final Pattern TOKEN = Pattern.compile("verify-email\\?token=([A-Za-z0-9_\\-]+)");

  private static TestCertificates certificates;
  private static GreenMail smtps;
  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;

  @BeforeAll
  static void start() {
    certificates = TestCertificates.create(Path.of("target", "test-data", "tls"));
    System.setProperty("greenmail.tls.keystore.file", certificates.keyStore().toString());
    System.setProperty("greenmail.tls.keystore.password", certificates.password());
    System.setProperty("greenmail.tls.key.password", certificates.password());
    int port = FreePorts.next();
    smtps = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS));
    smtps.setUser("mailer@mail.jobswipe.test", "mailer", "relay p@ss");
    smtps.start();
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of(
        "SMTP_URL", "smtps://mailer:relay%20p%40ss@127.0.0.1:" + port,
        "JOBSWIPE_SMTP_CA_PEM", certificates.certificatePem().toString(),
        "JOBSWIPE_MAIL_FROM", FROM,
        "JOBSWIPE_PUBLIC_URL", "https://jobswipe.test"));
    api = new Api(vertx, node.port());
  }

  @AfterAll
  static void stop() {
    node.close();
    smtps.stop();
    vertx.close().await();
  }

  @Test
  void registrationMailArrivesOverTlsAndItsLinkVerifiesTheAddress() throws Exception {
    String email = "newcomer." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    int before = smtps.getReceivedMessages().length;
    String access = register(email);

    assertThat(smtps.waitForIncomingEmail(10_000, before + 1)).isTrue();
    MimeMessage mail = last(email);
    assertThat(mail.getHeader("From", ",")).contains("no-reply@mail.jobswipe.test");
    assertThat(mail.getSubject()).isEqualTo("Confirm your JobSwipe email address");
    assertThat(mail.getHeader("List-Unsubscribe")).as("account mail cannot be unsubscribed from").isNull();
    assertThat(mail.getContentType()).startsWith("multipart/alternative");
    String text = part(mail, "text/plain");
    String html = part(mail, "text/html");
    assertThat(text).contains("https://jobswipe.test/verify-email?token=");
    assertThat(html).contains("<a href=\"https://jobswipe.test/verify-email?token=");

    String deliveryId = scalar("SELECT d.id::text FROM notification_deliveries d JOIN notifications n"
        + " ON n.id = d.notification_id JOIN users u ON u.id = n.user_id WHERE u.email = ? AND d.channel = 'email'",
        email);
    assertThat(mail.getMessageID()).isEqualTo("<" + deliveryId + "@mail.jobswipe.test>");
    assertThat(scalar("SELECT status || ' ' || provider_id FROM notification_deliveries WHERE id = ?::uuid",
        deliveryId)).isEqualTo("sent <" + deliveryId + "@mail.jobswipe.test>");

    // The landing page is ours, same origin and locked down; it posts the token to the API, as we do here.
    Matcher m = TOKEN.matcher(text);
    assertThat(m.find()).isTrue();
    HttpResponse<Buffer> page = api.get("/verify-email?token=" + m.group(1), null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe");
    assertThat(page.bodyAsString()).contains("<script src=\"/link-pages.js\"");
    assertThat(api.post("/v1/auth/verify-email", new JsonObject().put("token", m.group(1))).statusCode())
        .isEqualTo(204);
    assertThat(api.get("/v1/me", access).bodyAsJsonObject().getBoolean("emailVerified")).isTrue();
  }

  @Test
  void applicationNotificationsCarryListUnsubscribeAndTheApplicationLink() throws Exception {
    String email = "applicant." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    int atStart = smtps.getReceivedMessages().length;
    register(email);
    assertThat(smtps.waitForIncomingEmail(10_000, atStart + 1)).as("the verification mail").isTrue();
    String userId = scalar("SELECT id::text FROM users WHERE email = ?", email);
    String applicationId = UUID.randomUUID().toString();
    int before = smtps.getReceivedMessages().length;

    ApplicationEvent submitted = new ApplicationEvent(9_001, applicationId, userId, "SUBMITTED", "submit", "ok",
        Instant.now().toString(), new JsonObject());
    Bus.APPLICATION_EVENTS.publish(node.app().vertx().eventBus(), submitted);
    // The same event again (an at-least-once bus): still one mail.
    Bus.APPLICATION_EVENTS.publish(node.app().vertx().eventBus(), submitted);

    assertThat(smtps.waitForIncomingEmail(10_000, before + 1)).isTrue();
    MimeMessage mail = last(email);
    assertThat(mail.getSubject()).isEqualTo("Application sent");
    assertThat(mail.getHeader("List-Unsubscribe", ",")).isEqualTo("<https://jobswipe.test/app/#/settings/notifications>");
    assertThat(part(mail, "text/plain")).contains("https://jobswipe.test/applications/" + applicationId);
    assertThat(scalar("SELECT count(*)::text FROM notifications WHERE user_id = ?::uuid AND kind = ?", userId,
        "application.submitted")).isEqualTo("1");
  }

  @Test
  void starttlsIsRequiredUnlessTheUrlSaysOtherwise() throws Exception {
    int port = FreePorts.next();
    GreenMail plain = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    plain.start();
    try {
      OutgoingEmail message = new OutgoingEmail("someone@example.com", "Hello", "text", "<p>html</p>",
          Optional.empty());
      SmtpEmail strict = new SmtpEmail(vertx, smtp(port, "required"), FROM);
      assertThatThrownBy(() -> strict.send(UUID.randomUUID(), message).await())
          .hasMessageContaining("STARTTLS");
      assertThat(strict.retryable(new IllegalStateException("connection reset"))).isTrue();
      assertThat(plain.getReceivedMessages()).as("nothing goes out in plain text").isEmpty();
      strict.close().await();

      SmtpEmail relaxed = new SmtpEmail(vertx, smtp(port, "optional"), FROM);
      UUID id = UUID.randomUUID();
      assertThat(relaxed.send(id, message).await()).isEqualTo("<" + id + "@mail.jobswipe.test>");
      assertThat(plain.getReceivedMessages()).hasSize(1);
      relaxed.close().await();
    } finally {
      plain.stop();
    }
  }

  private static MailConfig.Smtp smtp(int port, String starttls) {
    return new MailConfig.Smtp("127.0.0.1", port, false, starttls, Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  private static MimeMessage last(String to) throws Exception {
    MimeMessage found = null;
    for (MimeMessage m : smtps.getReceivedMessages()) {
      if (to.equals(m.getHeader("To", ","))) {
        found = m;
      }
    }
    assertThat(found).as("a mail to " + to).isNotNull();
    return found;
  }

  private static String part(MimeMessage mail, String type) throws Exception {
    Multipart multipart = (Multipart) mail.getContent();
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart part = multipart.getBodyPart(i);
      if (part.isMimeType(type)) {
        return (String) part.getContent();
      }
    }
    throw new AssertionError("no " + type + " part");
  }

  private static String register(String email) {
    HttpResponse<Buffer> response = api.post("/v1/auth/register",
        new JsonObject().put("email", email).put("password", PASSWORD));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject().getString("accessToken");
  }

  private static String scalar(String sql, String... params) throws Exception {
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setString(i + 1, params[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
