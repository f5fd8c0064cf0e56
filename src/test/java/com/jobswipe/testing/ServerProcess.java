package com.jobswipe.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged jar running as its own process, as an operator would run it, with its output collected
 * so tests can wait for what it says instead of sleeping.
 */
public final class ServerProcess implements AutoCloseable {

  /** Variables a developer's shell may carry that would change what the process under test does. */
  private static final List<String> SCRUBBED_PREFIXES = List.of("JOBSWIPE_", "DATABASE_URL", "REDIS_URL",
      "RABBITMQ_URI", "OLLAMA_URL", "PORT");

  private final Process process;
  private final List<String> output = new ArrayList<>();

  private ServerProcess(Process process) {
    this.process = process;
    Thread reader = new Thread(this::collect, "server-output");
    reader.setDaemon(true);
    reader.start();
  }

  public static ServerProcess start(Map<String, String> env, String... args) {
    String jar = System.getProperty("jobswipe.jar", Path.of("target", "jobswipe.jar").toString());
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().keySet().removeIf(key -> SCRUBBED_PREFIXES.stream().anyMatch(key::startsWith));
    builder.environment().putAll(env);
    try {
      return new ServerProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void collect() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (output) {
          output.add(line);
          output.notifyAll();
        }
      }
    } catch (IOException e) {
      // The process is gone; whoever waits will see its exit.
    }
  }

  /** Waits until a line of output matches, failing with everything printed so far if it never does. */
  public String awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (output) {
      int seen = 0;
      while (true) {
        for (; seen < output.size(); seen++) {
          if (matches.test(output.get(seen))) {
            return output.get(seen);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && seen == output.size())) {
          throw new AssertionError("no matching line within " + timeout + "; output:\n" + output());
        }
        output.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
      }
    }
  }

  public String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  /**
   * SIGTERM, as a platform sends on stop. Through the handle: {@code Process.destroy()} also closes our end
   * of the child's output, and we want to read what it says while it shuts down.
   */
  public void terminate() {
    process.toHandle().destroy();
  }

  /** SIGKILL, as a crash or an OOM killer would: no hook, no cleanup. Returns once the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("process still running after " + timeout + "; output:\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
