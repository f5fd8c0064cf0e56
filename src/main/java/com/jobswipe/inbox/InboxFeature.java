package com.jobswipe.inbox;

import com.jobswipe.config.MailConfig;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/**
 * Notifications as the api role serves them: the inbox, devices and preferences (read and written here, with the
 * api's own pool; the notification role writes the inbox rows and sends), and the pages account links land on.
 */
public final class InboxFeature {

  private final NotificationRoutes notifications;
  private final DeviceRoutes devices;
  private final LinkPages pages;

  public InboxFeature(Pool pool, MailConfig config) {
    InboxStore store = new InboxStore(pool);
    this.notifications = new NotificationRoutes(store);
    this.devices = new DeviceRoutes(store);
    this.pages = new LinkPages(config);
  }

  public void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    notifications.mount(router, signedIn, userLimit);
    devices.mount(router, signedIn, userLimit);
    pages.mount(router);
  }
}
