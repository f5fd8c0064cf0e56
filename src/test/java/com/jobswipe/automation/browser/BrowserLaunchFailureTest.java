package com.jobswipe.automation.browser;

import com.jobswipe.net.AddressPolicy;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An executable at the Chromium path that is no browser: the pool takes runs (the file is there) but each fails to
 * start, and the pool remembers why, so the automation role can tell clients the browser cannot be started.
 */
class BrowserLaunchFailureTest {

  @Test
  void aChromiumThatCannotStartIsRememberedAsTheLaunchFailure() throws Exception {
    Path fake = Path.of("target", "not-a-browser-" + UUID.randomUUID() + ".sh").toAbsolutePath();
    Files.writeString(fake, "#!/bin/sh\necho 'cannot open display' >&2\nexit 1\n");
    Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
    Vertx vertx = Vertx.vertx();
    BrowserPool pool = TestBrowsers.start(vertx, new BrowserPool.Options(fake, 1, Duration.ofSeconds(20),
        Duration.ofSeconds(20), new AddressPolicy(true), List.of()));
    try {
      assertThat(pool.available()).isTrue();
      assertThat(pool.launchFailure()).isEmpty();

      StepOutcome<FormRun> run = pool.newRun();

      assertThat(run.failure()).hasValueSatisfying(failure ->
          assertThat(failure.kind()).isEqualTo(StepFailure.Kind.BROWSER_FAILED));
      assertThat(pool.launchFailure()).isPresent();
    } finally {
      pool.close();
      vertx.close().await();
      Files.deleteIfExists(fake);
    }
  }
}
