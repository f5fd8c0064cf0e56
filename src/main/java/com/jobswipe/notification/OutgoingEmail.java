package com.jobswipe.notification;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.mail.MailMessage;

import java.util.Optional;
import java.util.UUID;

/**
 * A rendered email as it waits in the outbox, sealed ({@code notification_deliveries.message_enc}).
 *
 * @param unsubscribe where notification mail is turned off ({@code List-Unsubscribe}); none for account mail
 */
record OutgoingEmail(String to, String subject, String text, String html, Optional<String> unsubscribe) {

  static OutgoingEmail fromJson(JsonObject json) {
    return new OutgoingEmail(json.getString("to"), json.getString("subject"), json.getString("text"),
        json.getString("html"), Optional.ofNullable(json.getString("unsubscribe")));
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("to", to).put("subject", subject).put("text", text).put("html", html);
    unsubscribe.ifPresent(u -> json.put("unsubscribe", u));
    return json;
  }

  /**
   * The message for the wire. The {@code Message-ID} is derived from the delivery, so a resend after a crash
   * between the relay's accept and our commit carries the same id and receiving systems can drop the copy.
   */
  MailMessage toMailMessage(String from, UUID deliveryId) {
    MailMessage message = new MailMessage().setFrom(from).setTo(to).setSubject(subject).setText(text).setHtml(html);
    message.addHeader("Message-ID", messageId(from, deliveryId));
    unsubscribe.ifPresent(u -> message.addHeader("List-Unsubscribe", "<" + u + ">"));
    message.addHeader("Auto-Submitted", "auto-generated");
    return message;
  }

  static String messageId(String from, UUID deliveryId) {
    String address = from.contains("<") ? from.substring(from.indexOf('<') + 1, from.indexOf('>')) : from;
    String domain = address.contains("@") ? address.substring(address.lastIndexOf('@') + 1) : "jobswipe";
    return "<" + deliveryId + "@" + domain + ">";
  }
}
