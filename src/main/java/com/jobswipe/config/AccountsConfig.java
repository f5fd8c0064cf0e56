package com.jobswipe.config;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Accounts.
 *
 * @param adminEmails accounts with one of these emails, proven through a delivered link, are admins
 * @param emailVerification {@code required} (default) or {@code off} for local demos
 */
public record AccountsConfig(List<String> adminEmails, String emailVerification) {

  static AccountsConfig from(Settings s) {
    return new AccountsConfig(
        s.list("JOBSWIPE_ADMIN_EMAILS", "accounts.adminEmails").stream()
            .map(email -> email.toLowerCase(Locale.ROOT)).toList(),
        s.oneOf("JOBSWIPE_EMAIL_VERIFICATION", "accounts.emailVerification", Set.of("required", "off")));
  }

  /**
   * The one admin rule: the address is on the list this node runs with, and its owner opened a link delivered to
   * it. Nothing stored grants admin, so an address taken off the list loses it with the next read of the account.
   * An address a sign-in provider vouches for is not proven this way.
   */
  public boolean isAdmin(String email, boolean provenByLink) {
    return provenByLink && adminEmails.contains(email.toLowerCase(Locale.ROOT));
  }
}
