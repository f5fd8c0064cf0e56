package com.jobswipe.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Accounts.
 *
 * @param adminEmails accounts with one of these verified emails get the admin role
 * @param emailVerification {@code required} (default) or {@code off} for local demos
 */
public record AccountsConfig(List<String> adminEmails, String emailVerification) {

  static AccountsConfig from(Settings s) {
    return new AccountsConfig(
        s.list("JOBSWIPE_ADMIN_EMAILS", "accounts.adminEmails").stream()
            .map(email -> email.toLowerCase(Locale.ROOT)).toList(),
        s.oneOf("JOBSWIPE_EMAIL_VERIFICATION", "accounts.emailVerification", Set.of("required", "off")));
  }
}
