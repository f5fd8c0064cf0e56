package com.jobswipe.auth;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What a test's "browser" reads from our OAuth answers: the binding cookie a start set, the app's one-time code. */
final class OAuthReplies {

  /** Where the OAuth tests' nodes send a finished sign-in. */
  static final String APP_REDIRECT = "jobswipe://oauth/done";

  private OAuthReplies() {
  }

  /** The cookie {@code name} that {@code start} set, as the browser sends it back. */
  static String cookie(HttpResponse<Buffer> start, String name) {
    return start.cookies().stream().filter(c -> c.startsWith(name + "="))
        .map(c -> c.split(";", 2)[0]).findFirst().orElseThrow();
  }

  /** The one-time code a finished sign-in hands the app in its redirect. */
  static String codeOf(HttpResponse<Buffer> callback) {
    String location = callback.getHeader("Location");
    assertThat(location).startsWith(APP_REDIRECT + "?code=");
    return location.substring((APP_REDIRECT + "?code=").length());
  }
}
