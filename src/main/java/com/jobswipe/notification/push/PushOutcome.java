package com.jobswipe.notification.push;
// PushOutcome.java
public sealed interface PushOutcome {
  record Sent(String providerId) implements PushOutcome {}
  /** Try again no earlier than after (429/5xx; Retry-After honoured). */
  record Retry(java.time.Duration after, String reason) implements PushOutcome {}
  /** The device token is dead (APNs 410 Unregistered/BadDeviceToken, FCM UNREGISTERED/INVALID_ARGUMENT on the token): remove the device. */
  record Gone(String reason) implements PushOutcome {}
  /** Permanent failure for this message; do not retry. */
  record Failed(String reason) implements PushOutcome {}
}
