package com.jobswipe.automation.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Memory of a set of Chromium processes, from {@code /proc}. RSS counts pages shared between Chromium's processes
 * once per process (overstating the total); PSS divides shared pages among their sharers, so PSS sums add up.
 */
public record MemoryUsage(int processes, long rssBytes, long pssBytes) {

  public static final MemoryUsage NONE = new MemoryUsage(0, 0, 0);

  /** The Chromium processes among {@code processes} (other commands, like Playwright's Node.js, are left out). */
  static MemoryUsage ofChromium(Stream<ProcessHandle> processes) {
    List<ProcessHandle> chromium = processes
        .filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
        .toList();
    long rss = 0;
    long pss = 0;
    int counted = 0;
    for (ProcessHandle p : chromium) {
      long r = kib(Path.of("/proc", Long.toString(p.pid()), "status"), "VmRSS:");
      if (r < 0) {
        continue;                           // exited meanwhile
      }
      counted++;
      rss += r * 1024;
      long s = kib(Path.of("/proc", Long.toString(p.pid()), "smaps_rollup"), "Pss:");
      pss += Math.max(0, s) * 1024;
    }
    return new MemoryUsage(counted, rss, pss);
  }

  public MemoryUsage plus(MemoryUsage other) {
    return new MemoryUsage(processes + other.processes, rssBytes + other.rssBytes, pssBytes + other.pssBytes);
  }

  public long rssMiB() {
    return rssBytes >> 20;
  }

  public long pssMiB() {
    return pssBytes >> 20;
  }

  private static long kib(Path file, String key) {
    try (Stream<String> lines = Files.lines(file)) {
      return lines.filter(l -> l.startsWith(key)).findFirst()
          .map(l -> Long.parseLong(l.substring(key.length()).trim().split("\\s+")[0]))
          .orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
