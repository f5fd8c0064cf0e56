package com.jobswipe.notification.push;

import com.jobswipe.config.PushConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.Optional;

/**
 * The push providers this node can reach: APNs serves {@code ios} devices, FCM {@code android} ones. A provider
 * that is not configured is absent, and its deliveries end {@code skipped}, with the reason, instead of queued
 * forever.
 */
public record PushChannels(Optional<PushChannel> apns, Optional<PushChannel> fcm) {

  public static PushChannels none() {
    return new PushChannels(Optional.empty(), Optional.empty());
  }

  /**
   * Builds a channel per configured provider. Reads the key files (blocking: call it off the event loop); a key that
   * cannot be used throws {@link com.jobswipe.config.ConfigException} naming its variable. Connections open on the
   * first send.
   */
  public static PushChannels fromConfig(Vertx vertx, PushConfig config) {
    Optional<PushChannel> apns = config.apns().map(settings -> ApnsChannel.create(vertx, settings));
    Optional<PushChannel> fcm;
    try {
      fcm = config.fcm().map(settings -> FcmChannel.create(vertx, settings));
    } catch (RuntimeException e) {
      apns.ifPresent(PushChannel::close);
      throw e;
    }
    return new PushChannels(apns, fcm);
  }

  /** The outbox channel for a device platform: {@code apns} or {@code fcm}. */
  public static String channelOf(String platform) {
    return "ios".equals(platform) ? "apns" : "fcm";
  }

  public Optional<PushChannel> forChannel(String channel) {
    return "apns".equals(channel) ? apns : fcm;
  }

  public Future<Void> close() {
    return Future.join(apns.map(PushChannel::close).orElse(Future.succeededFuture()),
        fcm.map(PushChannel::close).orElse(Future.succeededFuture())).mapEmpty();
  }
}
