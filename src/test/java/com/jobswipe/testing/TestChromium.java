package com.jobswipe.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's Chromium for tests that drive a page themselves (the web client, link pages): Playwright never
 * downloads a browser, and the browser starts headless without the background traffic a profile would make.
 */
public final class TestChromium {

  public static final Path EXECUTABLE = Path.of(System.getenv().getOrDefault("JOBSWIPE_CHROMIUM", "/usr/bin/chromium"));

  private TestChromium() {
  }

  /** Playwright that will not fetch browsers; fails with how to install Chromium when it is missing. */
  public static Playwright playwright() {
    assertThat(EXECUTABLE).as("these tests drive Debian's Chromium (apt-get install chromium)").isExecutable();
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
  }

  public static Browser launch(Playwright playwright) {
    return playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(EXECUTABLE).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run")));
  }
}
