package com.jobswipe.notification;

import com.jobswipe.notification.push.PushChannel;
import io.vertx.core.Future;

import java.util.Optional;

/**
 * The push providers this node can reach: APNs serves {@code ios} devices, FCM {@code android} ones. A provider
 * that is not configured leaves its deliveries {@code skipped}, with the reason, instead of queued forever.
 */
public record PushTargets(Optional<PushChannel> apns, Optional<PushChannel> fcm) {

  public static PushTargets none() {
    return new PushTargets(Optional.empty(), Optional.empty());
  }

  /** The outbox channel for a device platform: {@code apns} or {@code fcm}. */
  static String channelOf(String platform) {
    return "ios".equals(platform) ? "apns" : "fcm";
  }

  Optional<PushChannel> forChannel(String channel) {
    return "apns".equals(channel) ? apns : fcm;
  }

  Future<Void> close() {
    return Future.join(apns.map(PushChannel::close).orElse(Future.succeededFuture()),
        fcm.map(PushChannel::close).orElse(Future.succeededFuture())).mapEmpty();
  }
}
