package com.jobswipe.bench;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.jobswipe.testing.TestNodes;
import com.jobswipe.bus.Role;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.EmbeddingMessages.EmbedRequest;
import com.jobswipe.config.EmbeddingConfig;
import com.jobswipe.embedding.EmbeddingVerticle;
import com.sun.management.OperatingSystemMXBean;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embedding throughput for job-length texts (title, company, skills and ~1,000 characters of description, as
 * ingestion builds them): the raw in-process model called in batches on one thread, against the same texts sent
 * through {@code embedding.embed} on the event bus by several concurrent callers (coalescing queue, worker
 * verticle, base64 vectors). Each round runs both paths on the same texts, back to back, so both see the same
 * machine state. Prints texts/s of each, the pipeline's overhead, and the share of each bus run during which a batch
 * was out to the model (what is missing from 100 % is time the queue kept the model waiting).
 *
 * <p>{@code bench/embedding.sh [texts] [callers] [texts per request] [rounds]} (defaults 400 8 8 8)
 */
public final class EmbeddingBench {

  private static final int BATCH = 32;
  private static final String[] TITLES = {"Senior Backend Engineer", "Data Scientist", "Product Designer",
      "Account Executive", "Site Reliability Engineer", "Marketing Manager", "QA Engineer", "Financial Analyst"};
  private static final String[] SKILLS = {"Java, Kafka, PostgreSQL", "Python, SQL, PyTorch", "Figma, user research",
      "Salesforce, negotiation", "Kubernetes, Terraform, Go", "SEO, content strategy", "Playwright, Cypress",
      "Excel, forecasting, IFRS"};
  private static final String DESCRIPTION = "You will join a team of eight that owns a product used by thousands of "
      + "customers every day. We work in small increments, review each other's work, and ship several times a day. "
      + "You will talk to customers, shape the roadmap with product and design, and take part in an on-call rotation "
      + "that rarely wakes anyone up. We care about clear writing, kind feedback and sustainable pace. Requirements: "
      + "several years of professional experience in a similar role, fluency in English, and curiosity about how "
      + "the business works. Nice to have: experience in a regulated industry, mentoring, public speaking. We offer "
      + "a salary band published in every posting, 30 days of paid leave, a learning budget, a home-office budget, "
      + "and the choice between our offices in Berlin, Lisbon and Toronto or working remotely within two hours of "
      + "their time zones.";

  private EmbeddingBench() {
  }

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 400;
    int callers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int perRequest = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
    List<String> texts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      texts.add(jobText(i));
    }
    System.out.printf("texts=%d (avg %d chars) callers=%d textsPerRequest=%d modelBatch=%d cores=%d%n", count,
        texts.stream().mapToInt(String::length).sum() / count, callers, perRequest, BATCH,
        Runtime.getRuntime().availableProcessors());

    EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
    Vertx vertx = Vertx.vertx();
    PrometheusMeterRegistry metrics = TestNodes.metrics();
    EmbeddingConfig config = new EmbeddingConfig(Optional.empty(), "all-minilm", BATCH, 4096, 256, 2000,
        Duration.ofSeconds(30));
    vertx.deployVerticle(new EmbeddingVerticle(TestNodes.context("bench", Role.EMBEDDING, metrics), config),
        new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)).await();
    try {
      // Warm up both paths (JIT, ONNX Runtime's arenas) before measuring.
      raw(model, texts.subList(0, Math.min(128, count)));
      bus(vertx, texts.subList(0, Math.min(128, count)), callers, perRequest);

      // The machine may be shared: each round measures both paths back to back (order alternating), and the
      // overhead is taken per round, so a load change between rounds does not count as pipeline cost. CPU time
      // of this process per text is measured too: other processes' load does not move it.
      double[] rawRates = new double[rounds];
      double[] busRates = new double[rounds];
      double[] overheads = new double[rounds];
      double[] cpuOverheads = new double[rounds];
      double[] busy = new double[rounds];
      Timer inference = metrics.get("jobswipe.embedding.inference").timer();
      for (int r = 0; r < rounds; r++) {
        Run raw = null;
        if (r % 2 == 0) {
          raw = Run.of(texts.size(), () -> raw(model, texts));
        }
        double modelSecondsBefore = inference.totalTime(TimeUnit.SECONDS);
        Run bus = Run.of(texts.size(), () -> bus(vertx, texts, callers, perRequest));
        // Share of the bus run with a batch out to the model: the rest is the pipeline keeping the model waiting.
        busy[r] = 100 * (inference.totalTime(TimeUnit.SECONDS) - modelSecondsBefore) / bus.wallSeconds();
        if (r % 2 == 1) {
          raw = Run.of(texts.size(), () -> raw(model, texts));
        }
        rawRates[r] = raw.textsPerSecond();
        busRates[r] = bus.textsPerSecond();
        overheads[r] = 100 * (rawRates[r] - busRates[r]) / rawRates[r];
        cpuOverheads[r] = 100 * (bus.cpuSeconds() - raw.cpuSeconds()) / raw.cpuSeconds();
        System.out.printf("round %d: raw %.1f texts/s | bus %.1f texts/s | overhead %.1f %% wall, %.1f %% CPU"
            + " | batch in flight %.1f %%%n", r + 1, rawRates[r], busRates[r], overheads[r], cpuOverheads[r], busy[r]);
      }
      var batchSize = metrics.get("jobswipe.embedding.batch.size").summary();
      System.out.printf("median: raw %.1f texts/s, bus %.1f texts/s, pipeline overhead %.1f %% wall time, %.1f %% CPU"
              + " time; a batch in flight %.1f %% of each bus run (model batches averaged %.1f texts)%n",
          median(rawRates), median(busRates), median(overheads), median(cpuOverheads), median(busy),
          batchSize.mean());
    } finally {
      vertx.close().await();
    }
  }

  /** Wall and process CPU time of one run over {@code texts} texts. */
  private record Run(int texts, double wallSeconds, double cpuSeconds) {
    private static final OperatingSystemMXBean OS =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static Run of(int texts, Runnable work) {
      long cpu = OS.getProcessCpuTime();
      long wall = System.nanoTime();
      work.run();
      return new Run(texts, (System.nanoTime() - wall) / 1e9, (OS.getProcessCpuTime() - cpu) / 1e9);
    }

    double textsPerSecond() {
      return texts / wallSeconds;
    }
  }

  /** The model called directly, {@value #BATCH} texts at a time, on this thread. */
  private static void raw(EmbeddingModel model, List<String> texts) {
    for (int from = 0; from < texts.size(); from += BATCH) {
      model.embedAll(texts.subList(from, Math.min(from + BATCH, texts.size())).stream().map(TextSegment::from)
          .toList());
    }
  }

  /** {@code callers} closed-loop callers, each sending its next request as soon as its last one is answered. */
  private static void bus(Vertx vertx, List<String> texts, int callers, int perRequest) {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger running = new AtomicInteger(callers);
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> {
      for (int c = 0; c < callers; c++) {
        send(vertx, texts, perRequest, next, running, done);
      }
    });
    done.future().await();
  }

  private static void send(Vertx vertx, List<String> texts, int perRequest, AtomicInteger next,
                           AtomicInteger running, Promise<Void> done) {
    int from = next.getAndAdd(perRequest);
    if (from >= texts.size()) {
      if (running.decrementAndGet() == 0) {
        done.complete();
      }
      return;
    }
    List<String> chunk = texts.subList(from, Math.min(from + perRequest, texts.size()));
    Bus.EMBED.request(vertx.eventBus(), new EmbedRequest(chunk))
        .onSuccess(reply -> send(vertx, texts, perRequest, next, running, done))
        .onFailure(done::tryFail);
  }

  private static String jobText(int i) {
    // Each text starts its description elsewhere and carries its own number: no two texts are the same.
    String description = "Posting " + i + ". " + (DESCRIPTION + " " + DESCRIPTION).substring(i % 40);
    return TITLES[i % TITLES.length] + " at Company " + (i % 97) + "\nSkills: " + SKILLS[i % SKILLS.length] + "\n"
        + description.substring(0, 1000);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }
}
