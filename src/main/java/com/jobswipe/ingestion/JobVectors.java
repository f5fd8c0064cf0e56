package com.jobswipe.ingestion;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.EmbeddingMessages.EmbedRequest;
import com.jobswipe.bus.EmbeddingMessages.Embeddings;
import com.jobswipe.bus.EmptyRequest;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.bus.SourceMessages.JobsChanged;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Keeps the vectors of open jobs current. A pass asks the embedding role which model it runs, puts jobs whose
 * vector another model made back on the backlog, then walks the backlog (new jobs, changed text, other model) in
 * id order, {@value #BATCH} jobs at a time: embed over the bus, store each vector with the model's id only if the
 * job's text has not changed meanwhile, and publish {@code jobs.upserted} (textChanged=false) so matching
 * re-indexes the written jobs.
 *
 * <p>One pass at a time in the whole cluster: it holds a PostgreSQL advisory lock on its own connection (released
 * when the pass ends, or by the server if the node dies), and a node that finds it taken skips. Without an
 * embedding role anywhere (NO_HANDLER) a pass ends quietly; when the role is overloaded or its model server down
 * (UNAVAILABLE, TIMEOUT) passes pause with a doubling backoff. EmptyRequest here is asynchronous: the event loop
 * only builds texts and hands results on.
 */
final class JobVectors {

  private static final Logger log = LoggerFactory.getLogger(JobVectors.class);
  static final int BATCH = 32;
  private static final UUID FIRST = new UUID(0, 0);
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(5);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);

  private final EventBus bus;
  private final JobStore store;
  private boolean running;
  private boolean again;
  private Duration backoff = Duration.ZERO;
  private long notBefore = System.nanoTime();

  JobVectors(EventBus bus, JobStore store) {
    this.bus = bus;
    this.store = store;
  }

  /**
   * Starts a pass, unless backing off. While one runs, a request makes it run once more right after, so jobs
   * written during a pass do not wait for the next timer tick.
   */
  void request() {
    if (running) {
      again = true;
      return;
    }
    if (System.nanoTime() - notBefore < 0) {
      return;
    }
    running = true;
    again = false;
    pass().onComplete(done -> {
      running = false;
      if (done.succeeded()) {
        backoff = Duration.ZERO;
      } else if (!backOff(done.cause())) {
        return;
      }
      if (again) {
        request();
      }
    });
  }

  /** Answers whether passes may go on now; otherwise logs why not and when they resume. */
  private boolean backOff(Throwable failure) {
    if (failure instanceof BusFailure bus && bus.code() == FailureCode.NO_HANDLER) {
      log.debug("job vectors wait: no embedding role is up");
      return true;
    }
    backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
    notBefore = System.nanoTime() + backoff.toNanos();
    log.warn("job vectors paused for {} s: {}", backoff.toSeconds(), failure.getMessage());
    return false;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** One pass; answers how many vectors it wrote (0 when another node's pass is running). */
  Future<Integer> pass() {
    long started = System.nanoTime();
    return Bus.EMBEDDING_MODEL.request(bus, new EmptyRequest())
        .compose(info -> store.pool().getConnection().compose(session -> store.tryVectorsLock(session)
            .compose(locked -> locked
                ? walk(session, info.model()).eventually(() -> store.releaseVectorsLock(session).otherwiseEmpty())
                : Future.succeededFuture(0))
            .eventually(() -> session.close().otherwiseEmpty())))
        .onSuccess(written -> {
          if (written > 0) {
            log.info("job vectors: {} written in {} ms", written, (System.nanoTime() - started) / 1_000_000);
          }
        });
  }

  private Future<Integer> walk(SqlConnection session, String model) {
    return store.requeueOtherModels(session, model).compose(requeued -> {
      if (requeued > 0) {
        log.info("job vectors: {} jobs have vectors of another model; re-embedding them with {}", requeued, model);
      }
      Promise<Integer> done = Promise.promise();
      step(session, model, FIRST, 0, done);
      return done.future();
    });
  }

  /**
   * One batch of the walk, then the next from its callback: each step starts on a fresh stack, however long the
   * backlog (a chain of composed futures would complete through one frame per batch).
   */
  private void step(SqlConnection session, String model, UUID after, int written, Promise<Integer> done) {
    store.vectorsDue(session, after, BATCH).onComplete(read -> {
      if (read.failed()) {
        done.fail(read.cause());
        return;
      }
      List<JobStore.VectorDue> due = read.result();
      if (due.isEmpty()) {
        done.complete(written);
        return;
      }
      UUID last = due.get(due.size() - 1).id();
      embedAndStore(session, model, due).onComplete(stored -> {
        if (stored.failed()) {
          done.fail(stored.cause());
        } else if (stored.result() < 0) {
          done.complete(written);
        } else if (due.size() < BATCH) {
          done.complete(written + stored.result());
        } else {
          step(session, model, last, written + stored.result(), done);
        }
      });
    });
  }

  /** Answers how many vectors were stored, or -1 when the embedding role changed model mid-pass (stop). */
  private Future<Integer> embedAndStore(SqlConnection session, String model, List<JobStore.VectorDue> due) {
    List<JobStore.VectorDue> jobs = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (JobStore.VectorDue job : due) {
      String text = JobText.of(job.title(), job.company(), job.skills(), job.description());
      if (!text.isBlank()) {
        jobs.add(job);
        texts.add(text);
      }
    }
    if (jobs.isEmpty()) {
      return Future.succeededFuture(0);
    }
    return Bus.EMBED.request(bus, new EmbedRequest(texts)).compose(embeddings -> {
      if (embeddings.vectors().size() != jobs.size()) {
        return Future.failedFuture(new IllegalStateException("embedding.embed answered "
            + embeddings.vectors().size() + " vectors for " + jobs.size() + " texts"));
      }
      if (!embeddings.model().equals(model)) {
        // Another embedding node with another model answered (a rollout): store nothing of it; the next pass
        // asks again which model is current.
        log.info("job vectors: the embedding role answered with {} during a pass for {}; stopping the pass",
            embeddings.model(), model);
        return Future.succeededFuture(-1);
      }
      return store.writeVectors(session, vectors(jobs, embeddings), model).map(ids -> {
        if (!ids.isEmpty()) {
          Bus.JOBS_UPSERTED.publish(bus, new JobsChanged(ids, false));
        }
        return ids.size();
      });
    });
  }

  private static List<JobStore.JobVector> vectors(List<JobStore.VectorDue> jobs, Embeddings embeddings) {
    List<JobStore.JobVector> vectors = new ArrayList<>(jobs.size());
    for (int i = 0; i < jobs.size(); i++) {
      vectors.add(new JobStore.JobVector(jobs.get(i).id(), jobs.get(i).version(), embeddings.vectors().get(i)));
    }
    return vectors;
  }
}
