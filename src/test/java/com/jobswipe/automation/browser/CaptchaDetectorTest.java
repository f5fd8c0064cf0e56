package com.jobswipe.automation.browser;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Captcha kinds from markup and frame URLs, case-insensitively. */
class CaptchaDetectorTest {

  private static Optional<Captcha> html(String html) {
    return CaptchaDetector.detect(html, List.of());
  }

  private static Optional<Captcha> frames(String... urls) {
    return CaptchaDetector.detect("<html><body><form></form></body></html>", List.of(urls));
  }

  @Test
  void recaptchaV2WidgetAndItsInvisibleVariant() {
    assertThat(html("<div class=\"g-recaptcha\" data-sitekey=\"6Le-abc\"></div>"))
        .hasValueSatisfying(c -> {
          assertThat(c.kind()).isEqualTo(CaptchaKind.RECAPTCHA_V2);
          assertThat(c.interactive()).isTrue();
        });
    assertThat(html("<DIV CLASS='G-RECAPTCHA' DATA-SIZE='invisible' data-sitekey='x'></DIV>"))
        .hasValueSatisfying(c -> assertThat(c.interactive()).isFalse());
    assertThat(frames("https://www.google.com/recaptcha/api2/anchor?ar=1&k=6Le&size=normal"))
        .map(Captcha::kind).contains(CaptchaKind.RECAPTCHA_V2);
    assertThat(frames("https://www.google.com/recaptcha/api2/anchor?k=6Le&size=invisible",
        "https://www.google.com/recaptcha/api2/bframe?k=6Le"))
        .hasValueSatisfying(c -> assertThat(c.interactive()).as("the challenge is showing").isTrue());
  }

  @Test
  void recaptchaV3AndEnterpriseScriptsAreScoreBased() {
    assertThat(html("<script src=\"https://www.google.com/recaptcha/api.js?render=6LcXYZ\"></script>"))
        .hasValueSatisfying(c -> {
          assertThat(c.kind()).isEqualTo(CaptchaKind.RECAPTCHA_V3);
          assertThat(c.interactive()).isFalse();
        });
    assertThat(html("<script src=\"https://www.google.com/recaptcha/enterprise.js?render=6Lc\" async></script>"))
        .map(Captcha::kind).contains(CaptchaKind.RECAPTCHA_V3);
    assertThat(html("<textarea id=\"g-recaptcha-response\" class=\"g-recaptcha-response\"></textarea>"
        + "<script src=\"https://www.recaptcha.net/recaptcha/enterprise.js\"></script>"))
        .map(Captcha::kind).as("the response textarea alone is no widget").contains(CaptchaKind.RECAPTCHA_V3);
  }

  @Test
  void hcaptcha() {
    assertThat(html("<div class=\"h-captcha\" data-sitekey=\"10000000-ffff\"></div>"))
        .hasValueSatisfying(c -> {
          assertThat(c.kind()).isEqualTo(CaptchaKind.HCAPTCHA);
          assertThat(c.interactive()).isTrue();
        });
    assertThat(html("<div id=\"h-captcha\" class=\"h-captcha\" data-size=\"invisible\"></div>"))
        .hasValueSatisfying(c -> assertThat(c.interactive()).isFalse());
    assertThat(frames("https://newassets.hcaptcha.com/captcha/v1/abc/static/hcaptcha.html#frame=checkbox"))
        .map(Captcha::kind).contains(CaptchaKind.HCAPTCHA);
  }

  @Test
  void cloudflareTurnstile() {
    assertThat(html("<div class=\"cf-turnstile\" data-sitekey=\"0x4AAAAAAA\"></div>"
        + "<script src=\"https://challenges.cloudflare.com/turnstile/v0/api.js\" async defer></script>"))
        .map(Captcha::kind).contains(CaptchaKind.CLOUDFLARE_TURNSTILE);
    assertThat(frames("https://challenges.cloudflare.com/cdn-cgi/challenge-platform/h/b/turnstile/if/ov2/av0/rcv0/0/x/"
        + "0x4AAAA/light/normal")).map(Captcha::kind).contains(CaptchaKind.CLOUDFLARE_TURNSTILE);
  }

  @Test
  void cloudflareChallengePage() {
    assertThat(html("<!DOCTYPE html><html lang=\"en-US\"><head><title>Just a moment...</title></head></html>"))
        .map(Captcha::kind).contains(CaptchaKind.CLOUDFLARE_CHALLENGE);
    assertThat(html("<script>window._cf_chl_opt={cvId: '3'};</script>"))
        .map(Captcha::kind).contains(CaptchaKind.CLOUDFLARE_CHALLENGE);
    assertThat(html("<script src=\"/cdn-cgi/challenge-platform/h/g/orchestrate/chl_page/v1?ray=8a\"></script>"))
        .map(Captcha::kind).contains(CaptchaKind.CLOUDFLARE_CHALLENGE);
  }

  @Test
  void cloudflaresPassiveScriptOnOrdinaryPagesIsNoChallenge() {
    assertThat(html("<form><input name=\"email\"></form>"
        + "<script src=\"/cdn-cgi/challenge-platform/scripts/jsd/main.js\"></script>")).isEmpty();
  }

  @Test
  void ordinaryFormsHaveNone() {
    assertThat(html("<form><label>Race</label><select name=\"race\"></select>"
        + "<p>We captcha-proofed nothing; just a moment of your time.</p></form>")).isEmpty();
  }

  @Test
  void theMostBlockingWins() {
    assertThat(html("<title>Just a moment...</title><div class=\"g-recaptcha\"></div>"))
        .map(Captcha::kind).contains(CaptchaKind.CLOUDFLARE_CHALLENGE);
    assertThat(html("<div class=\"h-captcha\"></div><script src=\"https://www.google.com/recaptcha/api.js?render=k\">"))
        .map(Captcha::kind).contains(CaptchaKind.HCAPTCHA);
  }
}
