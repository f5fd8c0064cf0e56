package com.jobswipe.automation.browser;

/** The captchas and bot walls the robot recognises. It solves none of them. */
public enum CaptchaKind {
  /** Google reCAPTCHA v2: the "I'm not a robot" checkbox (or its invisible variant). */
  RECAPTCHA_V2,
  /** Google reCAPTCHA v3 or Enterprise score-based script: no widget; the site scores the visit. */
  RECAPTCHA_V3,
  HCAPTCHA,
  CLOUDFLARE_TURNSTILE,
  /** Cloudflare's interstitial ("Just a moment...") in front of the page itself. */
  CLOUDFLARE_CHALLENGE
}
