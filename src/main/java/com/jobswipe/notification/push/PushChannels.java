package com.jobswipe.notification.push;

import com.jobswipe.config.PushConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The push channels the configuration enables; a provider left unconfigured is simply absent. */
public final class PushChannels {

  private final Optional<PushChannel> apns;
  private final Optional<PushChannel> fcm;

  private PushChannels(Optional<PushChannel> apns, Optional<PushChannel> fcm) {
    this.apns = apns;
    this.fcm = fcm;
  }

  /**
   * Builds a channel per configured provider. Reads the key files, so call it while starting (they are small);
   * a key that cannot be used throws {@link com.jobswipe.config.ConfigException} naming its variable.
   * Connections open on the first send.
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

  /** For iOS devices. */
  public Optional<PushChannel> apns() {
    return apns;
  }

  /** For Android devices. */
  public Optional<PushChannel> fcm() {
    return fcm;
  }

  public Future<Void> close() {
    List<Future<Void>> closing = new ArrayList<>();
    apns.ifPresent(channel -> closing.add(channel.close()));
    fcm.ifPresent(channel -> closing.add(channel.close()));
    return Future.join(closing).mapEmpty();
  }
}
