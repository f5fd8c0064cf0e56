package com.jobswipe.notification;

import com.jobswipe.bus.Accepted;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.EmailRequest;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.bus.Role;
import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.db.Pools;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores and delivers notifications. Without email or push credentials only the inbox and WebSocket
 * channels work: an email request is kept in the recipient's inbox and logged, never lost.
 */
public final class NotificationVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(NotificationVerticle.class);

  private static final String INSERT_INBOX = """
      INSERT INTO notifications (user_id, kind, title, body, data)
      VALUES ($1, $2, $3, $4, $5)
      RETURNING id""";

  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private final String nodeId;
  private final ConnectionSettings database;
  private Pool pool;

  public NotificationVerticle(String nodeId, ConnectionSettings database) {
    this.nodeId = nodeId;
    this.database = database;
  }

  @Override
  public Future<?> start() {
    pool = Pools.shared(vertx, database, "notification", 4);
    return Future.join(
        Bus.answerPings(vertx.eventBus(), Role.NOTIFICATION, nodeId, this::status).completion(),
        Bus.EMAIL.serve(vertx.eventBus(), this::email).completion());
  }

  private JsonObject status() {
    return new JsonObject().put("channels", new JsonArray().add("inbox").add("websocket"));
  }

  private Future<Accepted> email(EmailRequest request) {
    if (!EmailTemplates.exists(request.template())) {
      return Future.failedFuture(new BusFailure(FailureCode.BAD_REQUEST, "unknown template " + request.template()));
    }
    EmailTemplates.Rendered mail = EmailTemplates.render(request.template(), request.params());
    return pool.preparedQuery(INSERT_INBOX)
        .execute(Tuple.of(request.userId(), "email." + request.template(), mail.subject(), mail.text(),
            request.params()))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && FOREIGN_KEY_VIOLATION.equals(pg.getSqlState())
            ? new BusFailure(FailureCode.NOT_FOUND, "no user " + request.userId()) : e))
        .map(rows -> {
          String id = rows.iterator().next().getUUID("id").toString();
          log.info("email '{}' for user {} kept in the inbox as {} (no SMTP channel configured)",
              request.template(), request.userId(), id);
          return new Accepted(id);
        });
  }
}
