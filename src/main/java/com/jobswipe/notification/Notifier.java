package com.jobswipe.notification;

import com.jobswipe.notification.push.PushChannels;
import com.jobswipe.bus.NotificationKind;
import com.jobswipe.bus.NotificationKind.Channel;
import com.jobswipe.crypto.DataKeyRing;
import com.jobswipe.crypto.EncryptedColumn;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a rendered notification into its inbox row and its outbox rows, in one transaction: one email delivery
 * (the rendered message sealed under the data keys) and one push delivery per active device, each as the user's
 * preferences and quiet hours say. The dedupe key makes a re-delivered event a no-op.
 */
final class Notifier {

  /** What to tell whom. {@code to} overrides the account's address (account mail goes where it was asked to). */
  record Draft(UUID userId, NotificationKind kind, String dedupeKey, Templates.Rendered rendered,
               Optional<String> to, Optional<String> unsubscribe) {
  }

  /** A notification that did not exist before. */
  record Created(UUID id, long seq, Instant createdAt, Draft draft) {
  }

  private final NotificationStore store;
  private final DataKeyRing keys;
  private final PushChannels push;
  private final Clock clock;

  Notifier(NotificationStore store, DataKeyRing keys, PushChannels push, Clock clock) {
    this.store = store;
    this.keys = keys;
    this.push = push;
    this.clock = clock;
  }

  /** Empty when the user is unknown or erased, or the notification exists already. */
  Future<Optional<Created>> create(Draft draft) {
    return store.pool().withTransaction(tx -> store.recipient(tx, draft.userId()).compose(found -> {
      if (found.isEmpty() || found.get().erased()) {
        return Future.succeededFuture(Optional.<Created>empty());
      }
      Templates.Rendered r = draft.rendered();
      return store.insertNotification(tx, draft.userId(), draft.kind().wire(), r.title(), r.body(), r.data(),
              draft.dedupeKey(), draft.kind().priority().wire())
          .compose(row -> row.isEmpty()
              ? Future.succeededFuture(Optional.<Created>empty())
              : enqueue(tx, draft, found.get(), row.get()).map(Optional::of));
    }));
  }

  private Future<Created> enqueue(SqlClient tx, Draft draft, NotificationStore.Recipient recipient, Row row) {
    UUID notificationId = row.getUUID("id");
    Created created = new Created(notificationId, row.getLong("seq"), row.getOffsetDateTime("created_at").toInstant(),
        draft);
    NotificationKind kind = draft.kind();
    Instant now = clock.instant();
    return store.preferences(tx, draft.userId(), kind.wire()).compose(stored -> {
      List<Future<Void>> rows = new ArrayList<>();
      draft.rendered().email().ifPresent(email -> rows.add(emailDelivery(tx, notificationId, draft, recipient, stored,
          email, now)));
      if (!kind.enabled(Channel.PUSH, Optional.ofNullable(stored.get(Channel.PUSH.wire())))) {
        return Future.all(rows).map(created);
      }
      Instant due = recipient.quiet().holdUntil(now, kind.urgent()).orElse(now);
      return store.devices(tx, draft.userId()).compose(devices -> {
        for (NotificationStore.Device device : devices) {
          String channel = PushChannels.channelOf(device.platform());
          boolean reachable = push.forChannel(channel).isPresent();
          rows.add(store.insertDelivery(tx, UUID.randomUUID(), notificationId, channel, device.id(),
              reachable ? "pending" : "skipped", null, null, due, reachable ? null : channel + " is not configured"));
        }
        return Future.all(rows).map(created);
      });
    });
  }

  private Future<Void> emailDelivery(SqlClient tx, UUID notificationId, Draft draft,
                                     NotificationStore.Recipient recipient, Map<String, Boolean> stored,
                                     Templates.Email email, Instant now) {
    UUID id = UUID.randomUUID();
    if (!draft.kind().enabled(Channel.EMAIL, Optional.ofNullable(stored.get(Channel.EMAIL.wire())))) {
      return store.insertDelivery(tx, id, notificationId, "email", null, "skipped", null, null, now,
          "turned off by the user");
    }
    OutgoingEmail outgoing = new OutgoingEmail(draft.to().orElse(recipient.email()), email.subject(), email.text(),
        email.html(), draft.unsubscribe());
    byte[] sealed = keys.encryptString(outgoing.toJson().encode(), EncryptedColumn.DELIVERY_MESSAGE.context(id));
    return store.insertDelivery(tx, id, notificationId, "email", null, "pending", sealed, DataKeyRing.keyIdOf(sealed),
        now, null);
  }
}
