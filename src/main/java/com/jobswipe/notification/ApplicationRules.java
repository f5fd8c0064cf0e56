package com.jobswipe.notification;

import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.NotificationKind;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Which application events are worth telling the user about. NEEDS_HUMAN (the one that needs them), SUBMITTED,
 * FAILED and UNKNOWN always are. RATE_LIMITED is only when it lasts: the task comes back by itself, so a wait
 * under {@link #LASTING} stays silent; a longer one (the event's {@code retryAt} at least that far from the event)
 * is told once. Every other status (queued, running, filling, cancelled by the user) is not news.
 */
final class ApplicationRules {

  static final Duration LASTING = Duration.ofHours(1);

  private ApplicationRules() {
  }

  static Optional<NotificationKind> kindOf(ApplicationEvent event) {
    return switch (String.valueOf(event.status())) {
      case "NEEDS_HUMAN" -> Optional.of(NotificationKind.APPLICATION_NEEDS_HUMAN);
      case "SUBMITTED" -> Optional.of(NotificationKind.APPLICATION_SUBMITTED);
      case "FAILED" -> Optional.of(NotificationKind.APPLICATION_FAILED);
      case "UNKNOWN" -> Optional.of(NotificationKind.APPLICATION_UNKNOWN);
      case "RATE_LIMITED" -> lasting(event) ? Optional.of(NotificationKind.APPLICATION_RATE_LIMITED) : Optional.empty();
      default -> Optional.empty();
    };
  }

  private static boolean lasting(ApplicationEvent event) {
    try {
      Instant at = Instant.parse(event.at());
      Instant retryAt = Instant.parse(event.detail().getString("retryAt", event.at()));
      return Duration.between(at, retryAt).compareTo(LASTING) >= 0;
    } catch (DateTimeParseException | NullPointerException e) {
      return false;
    }
  }

  /** One notification per event: the audit line's id is unique per application and a re-delivery repeats it. */
  static String dedupeKey(ApplicationEvent event) {
    return "application:" + event.applicationId() + ":" + event.eventId();
  }
}
