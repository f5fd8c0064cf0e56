package com.jobswipe.bus;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of notification, by its stable wire name (stored in {@code notifications.kind}, shown to clients,
 * used as the preference key). The notification role creates them; the api role's inbox and preference routes
 * read the same list, so both agree on what a user may turn off.
 *
 * @param security account security mail: always emailed, the user cannot turn it off
 * @param carriesLink the email holds a one-time secret link: the inbox keeps only a redacted notice, no push
 * @param urgent may pass quiet hours, if the user lets urgent kinds through
 */
public enum NotificationKind {
  APPLICATION_NEEDS_HUMAN("application.needs-human", Priority.HIGH, false, false, true, true, true),
  APPLICATION_SUBMITTED("application.submitted", Priority.NORMAL, false, false, false, true, true),
  APPLICATION_FAILED("application.failed", Priority.NORMAL, false, false, false, true, true),
  APPLICATION_UNKNOWN("application.unknown", Priority.HIGH, false, false, true, true, true),
  APPLICATION_RATE_LIMITED("application.rate-limited", Priority.LOW, false, false, false, false, false),
  ACCOUNT_VERIFY_EMAIL("account.verify-email", Priority.HIGH, true, true, false, true, false),
  ACCOUNT_RESET_PASSWORD("account.reset-password", Priority.HIGH, true, true, false, true, false),
  ACCOUNT_PASSWORD_CHANGED("account.password-changed", Priority.HIGH, true, false, false, true, true),
  ACCOUNT_NEW_SIGN_IN("account.new-sign-in", Priority.HIGH, true, false, false, true, true),
  ACCOUNT_MFA_CHANGED("account.mfa-changed", Priority.HIGH, true, false, false, true, true),
  /** The daily digest of new jobs that match (the matching role picks them; at the user's digest hour). */
  DIGEST_NEW_MATCHES("digest.new-matches", Priority.LOW, false, false, false, true, true);

  /** Stored in {@code notifications.priority}; high ones ask phones for immediate delivery. */
  public enum Priority {
    LOW, NORMAL, HIGH;

    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The channels a user chooses between, as stored in {@code notification_preferences.channel}. */
  public enum Channel {
    EMAIL("email"), PUSH("push");

    private final String wire;

    Channel(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Optional<Channel> of(String wire) {
      return Arrays.stream(values()).filter(c -> c.wire.equals(wire)).findFirst();
    }
  }

  private final String wire;
  private final Priority priority;
  private final boolean security;
  private final boolean carriesLink;
  private final boolean urgent;
  private final boolean emailByDefault;
  private final boolean pushByDefault;

  NotificationKind(String wire, Priority priority, boolean security, boolean carriesLink, boolean urgent,
                   boolean emailByDefault, boolean pushByDefault) {
    this.wire = wire;
    this.priority = priority;
    this.security = security;
    this.carriesLink = carriesLink;
    this.urgent = urgent;
    this.emailByDefault = emailByDefault;
    this.pushByDefault = pushByDefault;
  }

  public String wire() {
    return wire;
  }

  public Priority priority() {
    return priority;
  }

  public boolean security() {
    return security;
  }

  public boolean carriesLink() {
    return carriesLink;
  }

  public boolean urgent() {
    return urgent;
  }

  /** Whether the channel is on when the user has said nothing; security mail is on whatever they say. */
  public boolean enabledByDefault(Channel channel) {
    return channel == Channel.EMAIL ? emailByDefault : pushByDefault && !carriesLink;
  }

  /** Whether the user may change the channel for this kind. Links never go to phones; security mail always goes. */
  public boolean adjustable(Channel channel) {
    return channel == Channel.EMAIL ? !security : !carriesLink;
  }

  /** The effective choice: the user's stored one where they may choose, else the default. */
  public boolean enabled(Channel channel, Optional<Boolean> stored) {
    return adjustable(channel) ? stored.orElse(enabledByDefault(channel)) : enabledByDefault(channel);
  }

  public static Optional<NotificationKind> of(String wire) {
    return Arrays.stream(values()).filter(k -> k.wire.equals(wire)).findFirst();
  }
}
