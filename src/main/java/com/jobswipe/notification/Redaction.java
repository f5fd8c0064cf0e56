package com.jobswipe.notification;

/** What may be shown of a secret-carrying email where the email itself is not: the address, masked. */
final class Redaction {

  private Redaction() {
  }

  /** {@code alice@example.com} → {@code a•••@example.com}: enough to recognise, not enough to harvest. */
  static String maskEmail(String email) {
    int at = email.lastIndexOf('@');
    if (at <= 0) {
      return "•••";
    }
    return email.charAt(0) + "•••" + email.substring(at);
  }
}
