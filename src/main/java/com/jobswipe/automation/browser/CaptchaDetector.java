package com.jobswipe.automation.browser;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises captchas and bot walls from a page's HTML and the URLs of its frames, case-insensitively. Pure.
 *
 * <ul>
 *   <li><b>Cloudflare challenge page</b>: the title "Just a moment...", {@code cf-chl} markers
 *       ({@code _cf_chl_opt}, {@code cf-chl-widget}), scripts under {@code /cdn-cgi/challenge-platform/} — except
 *       {@code /cdn-cgi/challenge-platform/scripts/jsd/}, the passive script Cloudflare injects into ordinary pages.</li>
 *   <li><b>Turnstile</b>: {@code cf-turnstile}, {@code challenges.cloudflare.com} scripts or frames.</li>
 *   <li><b>hCaptcha</b>: {@code h-captcha} elements, {@code hcaptcha.com} scripts or frames; invisible with
 *       {@code data-size="invisible"}.</li>
 *   <li><b>reCAPTCHA v2</b>: {@code g-recaptcha} elements, anchor or challenge frames under
 *       {@code www.google.com/recaptcha} or {@code www.recaptcha.net/recaptcha}; invisible with
 *       {@code data-size="invisible"} or {@code size=invisible} in the anchor URL — unless the challenge frame
 *       ({@code bframe}) is showing.</li>
 *   <li><b>reCAPTCHA v3 / Enterprise</b>: {@code recaptcha/api.js?render=<key>} or {@code recaptcha/enterprise.js}
 *       with no widget: score-based, never interactive.</li>
 * </ul>
 * When several are present the most blocking wins, in the order above.
 */
public final class CaptchaDetector {

  private static final Pattern RECAPTCHA_ELEMENT = Pattern.compile("<[^>]*\\bg-recaptcha(?![\\w-])[^>]*>");
  private static final Pattern HCAPTCHA_ELEMENT = Pattern.compile("<[^>]*\\bh-captcha(?![\\w-])[^>]*>");
  private static final Pattern INVISIBLE = Pattern.compile("data-size\\s*=\\s*[\"']?invisible");
  private static final Pattern TITLE_JUST_A_MOMENT = Pattern.compile("<title>\\s*just a moment\\.\\.\\.");
  private static final Pattern CHALLENGE_PLATFORM = Pattern.compile("/cdn-cgi/challenge-platform/(?!scripts/jsd/)");
  private static final Pattern RECAPTCHA_V3_SCRIPT =
      Pattern.compile("recaptcha/(?:api\\.js\\?[^\"'>]*render=(?!explicit)|enterprise\\.js)");
  private static final Pattern RECAPTCHA_HOST = Pattern.compile("(?:www\\.google\\.com|www\\.recaptcha\\.net)/recaptcha/");

  private CaptchaDetector() {
  }

  public static Optional<Captcha> detect(String html, List<String> frameUrls) {
    String page = html == null ? "" : html.toLowerCase(Locale.ROOT);
    List<String> frames = frameUrls.stream().map(u -> u.toLowerCase(Locale.ROOT)).toList();

    Optional<String> cloudflare = first(
        find(TITLE_JUST_A_MOMENT, page),
        contains(page, "_cf_chl_opt"),
        contains(page, "cf-chl-"),
        contains(page, "cf_chl_"),
        find(CHALLENGE_PLATFORM, page),
        frames.stream().filter(f -> CHALLENGE_PLATFORM.matcher(f).find() && !f.contains("turnstile"))
            .findFirst().map(f -> "frame " + f));
    if (cloudflare.isPresent() && !page.contains("cf-turnstile")) {
      return Optional.of(new Captcha(CaptchaKind.CLOUDFLARE_CHALLENGE, true, cloudflare.get()));
    }

    Optional<String> turnstile = first(
        contains(page, "cf-turnstile"),
        contains(page, "challenges.cloudflare.com/turnstile"),
        frames.stream().filter(f -> f.contains("challenges.cloudflare.com")).findFirst().map(f -> "frame " + f));
    if (turnstile.isPresent()) {
      return Optional.of(new Captcha(CaptchaKind.CLOUDFLARE_TURNSTILE, true, turnstile.get()));
    }

    Matcher hcaptcha = HCAPTCHA_ELEMENT.matcher(page);
    boolean hcaptchaElement = hcaptcha.find();
    Optional<String> hcaptchaSeen = first(
        hcaptchaElement ? Optional.of("h-captcha element") : Optional.empty(),
        contains(page, "hcaptcha.com/1/api.js"),
        frames.stream().filter(f -> f.contains("hcaptcha.com")).findFirst().map(f -> "frame " + f));
    if (hcaptchaSeen.isPresent()) {
      boolean challengeShown = frames.stream().anyMatch(f -> f.contains("hcaptcha.com") && f.contains("frame=challenge"));
      boolean invisible = hcaptchaElement && INVISIBLE.matcher(hcaptcha.group()).find();
      return Optional.of(new Captcha(CaptchaKind.HCAPTCHA, challengeShown || !invisible, hcaptchaSeen.get()));
    }

    Matcher recaptcha = RECAPTCHA_ELEMENT.matcher(page);
    boolean recaptchaElement = recaptcha.find();
    Optional<String> anchor = frames.stream()
        .filter(f -> RECAPTCHA_HOST.matcher(f).find() && f.contains("/anchor")).findFirst();
    boolean challengeFrame = frames.stream().anyMatch(f -> RECAPTCHA_HOST.matcher(f).find() && f.contains("/bframe"));
    if (recaptchaElement || anchor.isPresent() || challengeFrame) {
      boolean invisible = (recaptchaElement && INVISIBLE.matcher(recaptcha.group()).find())
          || (anchor.isPresent() && anchor.get().contains("size=invisible"));
      String evidence = recaptchaElement ? "g-recaptcha element" : "frame " + anchor.orElse("recaptcha bframe");
      return Optional.of(new Captcha(CaptchaKind.RECAPTCHA_V2, challengeFrame || !invisible, evidence));
    }
    Optional<String> v3 = first(find(RECAPTCHA_V3_SCRIPT, page),
        frames.stream().filter(f -> RECAPTCHA_HOST.matcher(f).find()).findFirst().map(f -> "frame " + f));
    if (v3.isPresent()) {
      return Optional.of(new Captcha(CaptchaKind.RECAPTCHA_V3, false, v3.get()));
    }
    if (find(RECAPTCHA_HOST, page).isPresent()) {
      // The API script with explicit rendering and no widget yet: a widget is coming, treat it as v2.
      return Optional.of(new Captcha(CaptchaKind.RECAPTCHA_V2, true, "recaptcha api script"));
    }
    return Optional.empty();
  }

  private static Optional<String> contains(String text, String marker) {
    return text.contains(marker) ? Optional.of(marker) : Optional.empty();
  }

  private static Optional<String> find(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }

  @SafeVarargs
  private static Optional<String> first(Optional<String>... candidates) {
    for (Optional<String> candidate : candidates) {
      if (candidate.isPresent()) {
        return candidate;
      }
    }
    return Optional.empty();
  }
}
