package com.jobswipe.embedding;

import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Requests waiting for the model, coalesced into model batches. Texts from the oldest requests go first; a request
 * larger than the room left in a batch is split across batches and answered once all its texts are back. The
 * queue is bounded in texts (not requests: a text is the unit of model work), and a request that does not fit is
 * refused whole at once, so a caller learns immediately that it must come back later.
 *
 * <p>Not thread-safe: one thread (the embedding verticle's context) drives it, and at most one batch is out at a
 * time.
 */
final class EmbeddingQueue {

  private final int batchSize;
  private final int capacityTexts;
  private final long maxWaitNanos;
  private final LongSupplier clock;
  private final Deque<Pending> waiting = new ArrayDeque<>();
  /** Written by the driving thread only; volatile because the metrics scrape reads it from another. */
  private volatile int queuedTexts;

  /**
   * @param maxWaitNanos a request still untouched after this long is dropped: its caller has stopped waiting
   *     (the bus timeout), so embedding it would be wasted work
   */
  EmbeddingQueue(int batchSize, int capacityTexts, long maxWaitNanos, LongSupplier clock) {
    if (batchSize < 1 || capacityTexts < 1) {
      throw new IllegalArgumentException("batch size and capacity must be positive");
    }
    this.batchSize = batchSize;
    this.capacityTexts = capacityTexts;
    this.maxWaitNanos = maxWaitNanos;
    this.clock = clock;
  }

  /** Queues the texts and answers their vectors later, or answers empty when they do not fit now. */
  Optional<CompletableFuture<List<float[]>>> offer(List<String> texts) {
    if (texts.isEmpty()) {
      throw new IllegalArgumentException("nothing to embed");
    }
    if (queuedTexts + texts.size() > capacityTexts) {
      return Optional.empty();
    }
    Pending pending = new Pending(List.copyOf(texts), clock.getAsLong());
    waiting.addLast(pending);
    queuedTexts += texts.size();
    return Optional.of(pending.result);
  }

  /** Texts waiting, not counting a batch already with the model. */
  int queuedTexts() {
    return queuedTexts;
  }

  /** Fails and drops requests that waited longer than their callers do; answers how many. */
  int dropExpired() {
    int dropped = 0;
    long now = clock.getAsLong();
    for (Iterator<Pending> it = waiting.iterator(); it.hasNext(); ) {
      Pending pending = it.next();
      if (now - pending.arrived <= maxWaitNanos) {
        break; // requests queue in arrival order: the rest are younger still
      }
      if (pending.taken == 0) {
        it.remove();
        queuedTexts -= pending.texts.size();
        pending.result.completeExceptionally(new BusFailure(FailureCode.UNAVAILABLE,
            "waited " + (now - pending.arrived) / 1_000_000 + " ms for the model; the caller has given up"));
        dropped++;
      }
    }
    return dropped;
  }

  /** The next model batch, oldest requests first, or empty when nothing waits. */
  Optional<Batch> nextBatch() {
    List<String> texts = new ArrayList<>(batchSize);
    List<Slice> slices = new ArrayList<>();
    for (Pending pending : waiting) {
      if (texts.size() == batchSize) {
        break;
      }
      int count = Math.min(batchSize - texts.size(), pending.texts.size() - pending.taken);
      if (count == 0) {
        continue;
      }
      slices.add(new Slice(pending, pending.taken, count));
      texts.addAll(pending.texts.subList(pending.taken, pending.taken + count));
      pending.taken += count;
    }
    // Fully handed out requests leave the queue; they live on in the batch until it comes back.
    while (!waiting.isEmpty() && waiting.peekFirst().taken == waiting.peekFirst().texts.size()) {
      waiting.removeFirst();
    }
    queuedTexts -= texts.size();
    return texts.isEmpty() ? Optional.empty() : Optional.of(new Batch(List.copyOf(texts), List.copyOf(slices)));
  }

  /** The model answered {@code batch}: each request gets its vectors, and is answered once it has them all. */
  void complete(Batch batch, List<float[]> vectors) {
    if (vectors.size() != batch.texts().size()) {
      fail(batch, new BusFailure(FailureCode.UNAVAILABLE,
          "the model answered " + vectors.size() + " vectors for " + batch.texts().size() + " texts"));
      return;
    }
    int offset = 0;
    for (Slice slice : batch.slices()) {
      Pending pending = slice.pending();
      for (int i = 0; i < slice.count(); i++) {
        pending.vectors[slice.from() + i] = vectors.get(offset + i);
      }
      offset += slice.count();
      pending.answered += slice.count();
      if (pending.answered == pending.texts.size()) {
        pending.result.complete(Arrays.asList(pending.vectors));
      }
    }
  }

  /** The model failed {@code batch}: every request in it fails, including texts of theirs still waiting. */
  void fail(Batch batch, Throwable cause) {
    for (Slice slice : batch.slices()) {
      Pending pending = slice.pending();
      if (waiting.remove(pending)) {
        queuedTexts -= pending.texts.size() - pending.taken;
      }
      pending.result.completeExceptionally(cause);
    }
  }

  /** Fails everything waiting (the role is stopping). */
  void failAll(Throwable cause) {
    waiting.forEach(pending -> pending.result.completeExceptionally(cause));
    waiting.clear();
    queuedTexts = 0;
  }

  /** Texts for one model call, and which part of which request each run of them belongs to. */
  record Batch(List<String> texts, List<Slice> slices) {
  }

  record Slice(Pending pending, int from, int count) {
  }

  static final class Pending {
    final List<String> texts;
    final long arrived;
    final float[][] vectors;
    final CompletableFuture<List<float[]>> result = new CompletableFuture<>();
    /** Texts handed to batches so far, and texts whose vectors came back. */
    int taken;
    int answered;

    Pending(List<String> texts, long arrived) {
      this.texts = texts;
      this.arrived = arrived;
      this.vectors = new float[texts.size()][];
    }
  }
}
