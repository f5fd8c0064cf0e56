package com.jobswipe.notification;

import io.vertx.core.json.JsonObject;

import java.util.Map;

/** Subject and text of each email the system sends; parameters arrive from the requesting role. */
final class EmailTemplates {

  record Rendered(String subject, String text) {
  }

  private static final Map<String, String> SUBJECTS = Map.of(
      "verify-email", "Confirm your JobSwipe email address",
      "reset-password", "Reset your JobSwipe password",
      "password-changed", "Your JobSwipe password was changed");

  private EmailTemplates() {
  }

  static boolean exists(String template) {
    return SUBJECTS.containsKey(template);
  }

  static Rendered render(String template, JsonObject params) {
    String subject = SUBJECTS.get(template);
    String text = switch (template) {
      case "verify-email" -> "Open this link to confirm your address: " + params.getString("link", "")
          + "\nIt expires in " + params.getString("expiresIn", "24 hours") + ".";
      case "reset-password" -> "Someone asked to reset your password. If it was you, open: "
          + params.getString("link", "") + "\nIt expires in " + params.getString("expiresIn", "30 minutes")
          + ". If it was not you, ignore this message.";
      default -> "Your password was changed and every session was signed out. If this was not you, reset it now.";
    };
    return new Rendered(subject, text);
  }
}
