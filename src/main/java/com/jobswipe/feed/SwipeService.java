package com.jobswipe.feed;

import com.jobswipe.bus.ApplicationMessages.ApplicationQueued;
import com.jobswipe.bus.Bus;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.feed.SwipeRules.Decision;
import com.jobswipe.feed.SwipeRules.Swipe;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.UUID;

/**
 * Records swipes. EmptyRequest a swipe writes — the interaction and, for a right swipe, the application and its
 * task — commits in one transaction; automation hears of a new application only after that commit.
 */
final class SwipeService {

  private static final Logger log = LoggerFactory.getLogger(SwipeService.class);

  /**
   * Transactions a swipe may take. A unique violation means a concurrent swipe of this user committed the row
   * this one was about to write; the next attempt reads it and answers as for a replay or a conflict. More than
   * one retry is only needed when several swipes race at once.
   */
  private static final int ATTEMPTS = 3;
  private static final String UNIQUE_VIOLATION = "23505";

  /**
   * What the swipe did: {@code created} is false for a replay, which answers the stored swipe unchanged.
   * {@code applicationId} is there for a right swipe.
   */
  record Outcome(boolean created, Interaction interaction, Optional<UUID> applicationId) {
    JsonObject toJson() {
      JsonObject json = new JsonObject().put("interaction", interaction.toJson());
      applicationId.ifPresent(id -> json.put("applicationId", id.toString()));
      return json;
    }
  }

  private final SwipeStore store;
  private final EventBus bus;

  SwipeService(SwipeStore store, EventBus bus) {
    this.store = store;
    this.bus = bus;
  }

  Future<Outcome> swipe(UUID userId, Swipe swipe) {
    return attempt(userId, swipe, 1).onSuccess(outcome -> {
      if (outcome.created()) {
        outcome.applicationId().ifPresent(applicationId -> announce(userId, applicationId));
      }
    });
  }

  private Future<Outcome> attempt(UUID userId, Swipe swipe, int attempt) {
    return store.pool().withTransaction(tx -> record(tx, userId, swipe)).recover(failure -> {
      if (!(failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState()))) {
        return Future.failedFuture(failure);
      }
      if (attempt < ATTEMPTS) {
        return attempt(userId, swipe, attempt + 1);
      }
      return Future.failedFuture(new Problem(ProblemType.CONFLICT,
          "Other swipes on this job were being recorded at the same moment; send the swipe again"));
    });
  }

  private Future<Outcome> record(SqlConnection tx, UUID userId, Swipe swipe) {
    return store.byClientId(tx, userId, swipe.clientId()).compose(known -> {
      if (known.isPresent()) {
        return apply(tx, userId, swipe, SwipeRules.forKnownKey(swipe, known.get()), known);
      }
      return store.jobState(tx, swipe.jobId())
          .compose(job -> store.byJobForUpdate(tx, userId, swipe.jobId())
              .compose(current -> apply(tx, userId, swipe, SwipeRules.forNewKey(swipe, job, current), current)));
    });
  }

  /** Carries out the decision; {@code stored} is the interaction it was made against, if any. */
  private Future<Outcome> apply(SqlConnection tx, UUID userId, Swipe swipe, Decision decision,
                                Optional<Interaction> stored) {
    return switch (decision) {
      case INSERT -> store.insert(tx, userId, swipe).compose(created -> created(tx, userId, swipe, created));
      case REPLACE_SAVE -> store.replaceSave(tx, userId, stored.orElseThrow().id(), swipe)
          .compose(replaced -> created(tx, userId, swipe, replaced));
      case REPLAY -> replay(tx, userId, stored.orElseThrow());
      case KEY_USED_FOR_ANOTHER_SWIPE -> Future.failedFuture(new Problem(ProblemType.CONFLICT,
          "This clientId was already used for another swipe; send each swipe with a new clientId"));
      case NO_SUCH_JOB -> Future.failedFuture(new Problem(ProblemType.NOT_FOUND, "No such job"));
      case JOB_CLOSED -> Future.failedFuture(new Problem(ProblemType.CONFLICT,
          "This job is closed and takes no applications; it can still be saved or passed"));
      case ALREADY_SWIPED -> Future.failedFuture(new Problem(ProblemType.CONFLICT,
          "This job was already swiped " + stored.orElseThrow().direction().wire()
              + "; only a saved job can be swiped again"));
    };
  }

  private Future<Outcome> created(SqlConnection tx, UUID userId, Swipe swipe, Interaction interaction) {
    if (interaction.direction() != Direction.RIGHT) {
      return Future.succeededFuture(new Outcome(true, interaction, Optional.empty()));
    }
    return store.applicant(tx, userId).compose(applicant -> {
      // An application goes out under the account's email address: until that address is proven, only dry runs.
      // Failing here rolls the whole swipe back, so nothing is recorded and nothing is sent.
      if (!swipe.dryRun() && !applicant.dryRunsOnly() && !applicant.emailVerified()) {
        return Future.failedFuture(new Problem(ProblemType.EMAIL_UNVERIFIED,
            "Verify your email address before applying; a dry run (\"dryRun\": true) works meanwhile"));
      }
      return store.queueApplication(tx, userId, interaction.jobId(), interaction.id(), swipe.dryRun())
          .map(applicationId -> new Outcome(true, interaction, Optional.of(applicationId)));
    });
  }

  private Future<Outcome> replay(SqlConnection tx, UUID userId, Interaction interaction) {
    if (interaction.direction() != Direction.RIGHT) {
      return Future.succeededFuture(new Outcome(false, interaction, Optional.empty()));
    }
    return store.applicationFor(tx, userId, interaction.jobId())
        .map(applicationId -> new Outcome(false, interaction, applicationId));
  }

  /**
   * Tells automation, after the commit. A lost message costs latency only: automation's reconciler finds
   * QUEUED tasks in PostgreSQL, so the swipe has succeeded either way.
   */
  private void announce(UUID userId, UUID applicationId) {
    Bus.APPLICATION_QUEUED.request(bus, new ApplicationQueued(applicationId.toString(), userId.toString()))
        .onFailure(e -> log.warn("application {} is queued but automation was not told ({}); its reconciler will"
            + " pick the task up", applicationId, e.getMessage()));
  }
}
