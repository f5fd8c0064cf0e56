package com.jobswipe.embedding;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.EmbeddingMessages.EmbedRequest;
import com.jobswipe.bus.EmbeddingMessages.Embeddings;
import com.jobswipe.bus.EmbeddingMessages.ModelInfo;
import com.jobswipe.bus.FailureCode;
import com.jobswipe.bus.Role;
import com.jobswipe.config.EmbeddingConfig;
import com.jobswipe.config.NodeContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns texts into vectors for the whole cluster ({@code embedding.embed}) and says which model it runs
 * ({@code embedding.model}). Requests from every caller go into one bounded {@link EmbeddingQueue} and reach the
 * model in batches; a full queue refuses at once with UNAVAILABLE. Deployed as a worker, and inference runs on the
 * embedder's own thread (or on the Ollama server), so this verticle's context only queues, answers and counts: it
 * keeps taking and refusing requests while the model works.
 */
public final class EmbeddingVerticle extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(EmbeddingVerticle.class);
  private static final Duration[] LATENCY_BUCKETS = Stream.of(10, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000,
      30_000, 60_000).map(Duration::ofMillis).toArray(Duration[]::new);

  private final String nodeId;
  private final EmbeddingConfig config;
  private final MeterRegistry registry;
  private final List<Meter> meters = new ArrayList<>();
  private Embedder embedder;
  private EmbeddingQueue queue;
  private RequestLimits limits;
  private boolean inFlight;
  private boolean stopping;

  private Counter embedded;
  private Counter batches;
  private DistributionSummary batchSize;
  private Counter batchFailures;
  private Counter rejectedFull;
  private Counter rejectedInvalid;
  private Counter rejectedExpired;
  private Timer latency;
  private Timer inference;

  public EmbeddingVerticle(NodeContext node, EmbeddingConfig config) {
    this.nodeId = node.nodeId();
    this.config = config;
    this.registry = node.metrics();
  }

  @Override
  public Future<?> start() {
    return load().compose(loaded -> {
      embedder = loaded;
      queue = new EmbeddingQueue(config.batchSize(), config.queueTexts(), Bus.EMBED.timeout().toNanos(),
          System::nanoTime);
      limits = new RequestLimits(config.maxTextsPerRequest(), config.maxTextChars());
      registerMetrics(Tags.of("model", embedder.model()));
      log.info("embedding with {} ({}), batches of {}, queue of {} texts", embedder.model(), config.mode(),
          config.batchSize(), config.queueTexts());
      var bus = vertx.eventBus();
      return Future.join(List.of(
          Bus.answerPings(bus, Role.EMBEDDING, nodeId, this::status).completion(),
          Bus.EMBED.serve(bus, this::embed).completion(),
          Bus.EMBEDDING_MODEL.serve(bus, all -> Future.succeededFuture(
              new ModelInfo(embedder.model(), embedder.dimensions()))).completion()));
    });
  }

  private Future<Embedder> load() {
    if (config.ollamaUrl().isEmpty()) {
      return MiniLmEmbedder.load(vertx).map(embedder -> embedder);
    }
    OllamaEmbedder ollama = new OllamaEmbedder(vertx, config.ollamaUrl().get(), config.ollamaModel(),
        config.ollamaTimeout());
    // Not awaited: an Ollama that starts after us must not keep this node from starting. Until it answers,
    // requests fail UNAVAILABLE and callers back off.
    ollama.embed(List.of("ready?")).onComplete(probe -> {
      if (probe.succeeded()) {
        log.info("ollama answers: {}, {} dimensions", ollama.model(), ollama.dimensions());
      } else {
        log.warn("{}; embedding requests fail until it answers", probe.cause().getMessage());
      }
    });
    return Future.succeededFuture(ollama);
  }

  @Override
  public Future<?> stop() {
    stopping = true;
    queue.failAll(new BusFailure(FailureCode.UNAVAILABLE, "the embedding role is stopping"));
    meters.forEach(registry::remove);
    return embedder.close();
  }

  private Future<Embeddings> embed(EmbedRequest request) {
    long arrived = System.nanoTime();
    List<String> texts;
    try {
      texts = limits.admit(request.texts());
    } catch (BusFailure invalid) {
      rejectedInvalid.increment();
      return Future.failedFuture(invalid);
    }
    if (stopping) {
      return Future.failedFuture(new BusFailure(FailureCode.UNAVAILABLE, "the embedding role is stopping"));
    }
    Optional<CompletableFuture<List<float[]>>> queued = queue.offer(texts);
    if (queued.isEmpty()) {
      rejectedFull.increment();
      return Future.failedFuture(new BusFailure(FailureCode.UNAVAILABLE, "the embedding queue is full ("
          + queue.queuedTexts() + " of " + config.queueTexts() + " texts waiting); retry later"));
    }
    pump();
    return Future.fromCompletionStage(queued.get(), context)
        .map(vectors -> new Embeddings(embedder.model(), vectors.get(0).length, vectors))
        .andThen(done -> latency.record(System.nanoTime() - arrived, TimeUnit.NANOSECONDS));
  }

  /** Hands the next batch to the model unless one is out already; called whenever requests arrive or one returns. */
  private void pump() {
    if (inFlight) {
      return;
    }
    int expired = queue.dropExpired();
    if (expired > 0) {
      rejectedExpired.increment(expired);
    }
    Optional<EmbeddingQueue.Batch> next = queue.nextBatch();
    if (next.isEmpty()) {
      return;
    }
    EmbeddingQueue.Batch batch = next.get();
    inFlight = true;
    long started = System.nanoTime();
    embedder.embed(batch.texts()).onComplete(done -> context.runOnContext(v -> {
      inFlight = false;
      inference.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      if (done.succeeded()) {
        int size = batch.texts().size();
        batches.increment();
        batchSize.record(size);
        embedded.increment(size);
        queue.complete(batch, done.result());
      } else {
        batchFailures.increment();
        queue.fail(batch, unavailable(done.cause()));
      }
      pump();
    }));
  }

  private static BusFailure unavailable(Throwable cause) {
    if (cause instanceof BusFailure known) {
      log.warn("embedding batch failed: {}", known.getMessage());
      return known;
    }
    log.error("embedding batch failed", cause);
    return new BusFailure(FailureCode.UNAVAILABLE, "the model failed: " + cause.getClass().getSimpleName());
  }

  private void registerMetrics(Tags tags) {
    embedded = keep(Counter.builder("jobswipe.embedding.texts").description("Texts embedded").tags(tags)
        .register(registry));
    batches = keep(Counter.builder("jobswipe.embedding.batches").description("Model calls that succeeded")
        .tags(tags).register(registry));
    batchSize = keep(DistributionSummary.builder("jobswipe.embedding.batch.size")
        .description("Texts per model call").tags(tags).register(registry));
    batchFailures = keep(Counter.builder("jobswipe.embedding.batch.failures")
        .description("Model calls that failed (their requests answered UNAVAILABLE)").tags(tags).register(registry));
    rejectedFull = rejected("queue_full", tags);
    rejectedInvalid = rejected("invalid", tags);
    rejectedExpired = rejected("expired", tags);
    // Buckets, because queueing time is the back-pressure signal worth alerting on: from one batch to a full queue.
    latency = keep(Timer.builder("jobswipe.embedding.request")
        .description("From a request's arrival to its answer: queueing plus inference").tags(tags)
        .serviceLevelObjectives(LATENCY_BUCKETS).register(registry));
    inference = keep(Timer.builder("jobswipe.embedding.inference").description("One model call")
        .tags(tags).register(registry));
    keep(Gauge.builder("jobswipe.embedding.queue.texts", queue, EmbeddingQueue::queuedTexts)
        .description("Texts waiting for the model").tags(tags).strongReference(true).register(registry));
  }

  private Counter rejected(String reason, Tags tags) {
    return keep(Counter.builder("jobswipe.embedding.rejected")
        .description("Requests refused: queue_full (back-pressure), invalid (BAD_REQUEST), expired (waited past"
            + " the caller's timeout)")
        .tags(tags).tag("reason", reason).register(registry));
  }

  private <M extends Meter> M keep(M meter) {
    meters.add(meter);
    return meter;
  }

  private JsonObject status() {
    JsonObject status = new JsonObject().put("mode", config.mode()).put("model", embedder.model())
        .put("dimensions", embedder.dimensions()).put("queuedTexts", queue.queuedTexts())
        .put("queueTexts", config.queueTexts()).put("batchSize", config.batchSize());
    config.ollamaUrl().ifPresent(url -> status.put("ollamaUrl", url.toString()));
    return status;
  }
}
