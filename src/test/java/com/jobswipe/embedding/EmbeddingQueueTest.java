package com.jobswipe.embedding;

import com.jobswipe.bus.BusFailure;
import com.jobswipe.bus.FailureCode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingQueueTest {

  private final AtomicLong now = new AtomicLong();

  private EmbeddingQueue queue(int batchSize, int capacity) {
    return new EmbeddingQueue(batchSize, capacity, 60_000_000_000L, now::get);
  }

  /** What a model would answer: one vector per text whose single value is the text's number. */
  private static List<float[]> answer(EmbeddingQueue.Batch batch) {
    List<float[]> vectors = new ArrayList<>();
    batch.texts().forEach(text -> vectors.add(new float[] {Float.parseFloat(text)}));
    return vectors;
  }

  private static List<String> texts(int from, int count) {
    List<String> texts = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      texts.add(Integer.toString(i));
    }
    return texts;
  }

  private static List<Float> values(CompletableFuture<List<float[]>> result) {
    return result.join().stream().map(v -> v[0]).toList();
  }

  @Test
  void requestsFromManyCallersShareOneBatchAndEachGetsItsOwnVectorsInOrder() {
    EmbeddingQueue queue = queue(8, 100);
    var a = queue.offer(texts(1, 3)).orElseThrow();
    var b = queue.offer(texts(10, 2)).orElseThrow();
    var c = queue.offer(texts(20, 2)).orElseThrow();

    EmbeddingQueue.Batch batch = queue.nextBatch().orElseThrow();
    assertThat(batch.texts()).containsExactly("1", "2", "3", "10", "11", "20", "21");
    assertThat(queue.queuedTexts()).isZero();
    queue.complete(batch, answer(batch));

    assertThat(values(a)).containsExactly(1f, 2f, 3f);
    assertThat(values(b)).containsExactly(10f, 11f);
    assertThat(values(c)).containsExactly(20f, 21f);
    assertThat(queue.nextBatch()).isEmpty();
  }

  @Test
  void aRequestLargerThanABatchIsSplitAndAnsweredOnceWhole() {
    EmbeddingQueue queue = queue(4, 100);
    var big = queue.offer(texts(1, 6)).orElseThrow();
    var small = queue.offer(texts(50, 1)).orElseThrow();

    EmbeddingQueue.Batch first = queue.nextBatch().orElseThrow();
    assertThat(first.texts()).containsExactly("1", "2", "3", "4");
    queue.complete(first, answer(first));
    assertThat(big).isNotDone();

    EmbeddingQueue.Batch second = queue.nextBatch().orElseThrow();
    assertThat(second.texts()).containsExactly("5", "6", "50");
    queue.complete(second, answer(second));
    assertThat(values(big)).containsExactly(1f, 2f, 3f, 4f, 5f, 6f);
    assertThat(values(small)).containsExactly(50f);
  }

  @Test
  void aRequestThatDoesNotFitIsRefusedWholeAndRoomReturnsAsBatchesLeave() {
    EmbeddingQueue queue = queue(2, 5);
    queue.offer(texts(1, 4)).orElseThrow();

    assertThat(queue.offer(texts(10, 2))).as("4 + 2 > 5").isEmpty();
    assertThat(queue.offer(texts(10, 1))).isPresent();
    assertThat(queue.queuedTexts()).isEqualTo(5);

    queue.nextBatch().orElseThrow();
    assertThat(queue.queuedTexts()).as("a batch with the model no longer counts").isEqualTo(3);
    assertThat(queue.offer(texts(20, 2))).isPresent();
  }

  @Test
  void aFailedBatchFailsEveryRequestInItWithTheirTextsStillWaiting() {
    EmbeddingQueue queue = queue(3, 100);
    var big = queue.offer(texts(1, 5)).orElseThrow();
    var later = queue.offer(texts(10, 1)).orElseThrow();

    EmbeddingQueue.Batch batch = queue.nextBatch().orElseThrow();
    queue.fail(batch, new BusFailure(FailureCode.UNAVAILABLE, "model server down"));

    assertThat(big).isCompletedExceptionally();
    assertThat(queue.queuedTexts()).as("the rest of the failed request is dropped").isEqualTo(1);
    EmbeddingQueue.Batch next = queue.nextBatch().orElseThrow();
    assertThat(next.texts()).containsExactly("10");
    queue.complete(next, answer(next));
    assertThat(values(later)).containsExactly(10f);
  }

  @Test
  void requestsOlderThanTheirCallersPatienceAreDroppedBeforeTheyReachTheModel() {
    EmbeddingQueue queue = new EmbeddingQueue(4, 100, 1_000, now::get);
    var stale = queue.offer(texts(1, 2)).orElseThrow();
    now.addAndGet(600);
    var fresh = queue.offer(texts(10, 1)).orElseThrow();
    now.addAndGet(600);

    assertThat(queue.dropExpired()).isEqualTo(1);
    assertThat(stale).isCompletedExceptionally();
    EmbeddingQueue.Batch batch = queue.nextBatch().orElseThrow();
    assertThat(batch.texts()).containsExactly("10");
    queue.complete(batch, answer(batch));
    assertThat(values(fresh)).containsExactly(10f);
  }

  @Test
  void aWrongNumberOfVectorsFailsTheBatchInsteadOfMisaligningAnswers() {
    EmbeddingQueue queue = queue(4, 100);
    var request = queue.offer(texts(1, 2)).orElseThrow();
    EmbeddingQueue.Batch batch = queue.nextBatch().orElseThrow();

    queue.complete(batch, List.of(new float[] {1f}));

    assertThat(request).isCompletedExceptionally();
  }
}
