package com.jobswipe.config;

import java.time.Duration;

/**
 * The api node's two pools for blocking profile work, each bounded so a burst queues briefly and is then
 * refused (429) instead of waiting without end or starving the other.
 *
 * @param parseThreads  resume parses at once on this node (CPU-bound: about the cores it may spend)
 * @param parseQueue    parses that may wait for a thread; one more is refused
 * @param parseTimeout  one parse, from sniffing the type to the parsed record; then it is abandoned
 * @param cryptoThreads threads that unseal resume texts and files (the feed's signals, downloads, exports)
 * @param cryptoQueue   unsealing jobs that may wait for a thread
 */
public record ParsingConfig(int parseThreads, int parseQueue, Duration parseTimeout, int cryptoThreads,
                            int cryptoQueue) {

  static ParsingConfig from(Settings s) {
    return new ParsingConfig(
        s.integer("JOBSWIPE_RESUME_PARSE_THREADS", "parsing.parseThreads", 1, 64),
        s.integer("JOBSWIPE_RESUME_PARSE_QUEUE", "parsing.parseQueue", 0, 10_000),
        Duration.ofMillis(s.integer("JOBSWIPE_RESUME_PARSE_TIMEOUT_MS", "parsing.parseTimeoutMs", 100, 120_000)),
        s.integer("JOBSWIPE_PII_CRYPTO_THREADS", "parsing.cryptoThreads", 1, 64),
        s.integer("JOBSWIPE_PII_CRYPTO_QUEUE", "parsing.cryptoQueue", 0, 100_000));
  }
}
