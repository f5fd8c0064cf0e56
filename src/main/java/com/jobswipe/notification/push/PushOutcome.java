package com.jobswipe.notification.push;

import java.time.Duration;

/**
 * How a provider answered one message to one device. A channel's future fails only for a bug on our side;
 * everything the provider or the network does is one of these.
 */
public sealed interface PushOutcome {

  /** Accepted by the provider; {@code providerId} is the APNs {@code apns-id} or the FCM message name. */
  record Sent(String providerId) implements PushOutcome {
  }

  /** Try again no earlier than after (429/5xx; Retry-After honoured). */
  record Retry(Duration after, String reason) implements PushOutcome {
  }

  /**
   * The device token is dead (APNs 410 Unregistered/BadDeviceToken, FCM UNREGISTERED/INVALID_ARGUMENT on the
   * token): remove the device.
   */
  record Gone(String reason) implements PushOutcome {
  }

  /** Permanent failure for this message; do not retry. */
  record Failed(String reason) implements PushOutcome {
  }
}
