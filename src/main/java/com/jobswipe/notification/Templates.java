package com.jobswipe.notification;

import com.jobswipe.bus.NotificationKind;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The words of every notification kind: the inbox title and body, the short push text, and the email in plain
 * text and HTML. Values from outside (job titles, company names) are escaped in HTML. Links to an application
 * come in two forms: {@code jobswipe://applications/{id}} (the app opens it) and the same path under the public
 * URL (the web, and the app again through universal/app links).
 */
final class Templates {

  /** One notification in every form it takes. {@code data} is what the inbox and pushes carry; no secrets. */
  record Rendered(String title, String body, String push, Optional<Email> email, JsonObject data) {
  }

  /** The email's parts before addressing. */
  record Email(String subject, String text, String html) {
  }

  private final URI publicUrl;

  Templates(URI publicUrl) {
    this.publicUrl = publicUrl;
  }

  String deepLink(String applicationId) {
    return "jobswipe://applications/" + applicationId;
  }

  String webLink(String applicationId) {
    return web("/applications/" + applicationId);
  }

  /** Where a reader turns notification mail off ({@code List-Unsubscribe}). */
  String preferencesLink() {
    return web("/app/#/settings/notifications");
  }

  private String web(String path) {
    String base = publicUrl.toString();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
  }

  /** An application's status change. {@code job} names the posting ("Backend Engineer at Acme"). */
  Rendered application(NotificationKind kind, String applicationId, String job, Optional<String> reason) {
    String title;
    String body;
    switch (kind) {
      case APPLICATION_NEEDS_HUMAN -> {
        title = "Your application needs you";
        body = "Your application for " + job + " is waiting for an answer only you can give.";
      }
      case APPLICATION_SUBMITTED -> {
        title = "Application sent";
        body = "Your application for " + job + " was submitted.";
      }
      case APPLICATION_FAILED -> {
        title = "Application not sent";
        body = "We could not submit your application for " + job + reason.map(r -> " (" + r + ")").orElse("") + ".";
      }
      case APPLICATION_UNKNOWN -> {
        title = "Please check your application";
        body = "We could not confirm whether your application for " + job + " went through. Please check it.";
      }
      case APPLICATION_RATE_LIMITED -> {
        title = "Application delayed";
        body = "Your application for " + job + " is waiting: the employer's site is busy. We will try again.";
      }
      default -> throw new IllegalArgumentException(kind + " is not about an application");
    }
    String web = webLink(applicationId);
    String text = body + "\n\nOpen it: " + web + "\n\nYou get these emails because of your JobSwipe notification"
        + " settings: " + preferencesLink() + "\n";
    String html = page(title, "<p>" + escape(body) + "</p><p><a href=\"" + escape(web) + "\">Open the application</a></p>"
        + "<p style=\"color:#666;font-size:12px\">Change which emails you get: <a href=\"" + escape(preferencesLink())
        + "\">notification settings</a></p>");
    JsonObject data = new JsonObject().put("applicationId", applicationId).put("deepLink", deepLink(applicationId))
        .put("url", web);
    return new Rendered(title, body, body, Optional.of(new Email(title, text, html)), data);
  }

  /** A job of the daily digest, as the matching role named it. */
  record DigestJob(String id, String title, String company, Optional<String> location, String applyUrl) {
    String named() {
      return title + (company.isBlank() ? "" : " at " + company);
    }
  }

  /** Where the app shows the feed: the digest's link. */
  String feedLink() {
    return web("/app/#/feed");
  }

  /** The daily "new matches" digest: the jobs (best first, at least one) and where to see them. */
  Rendered digest(List<DigestJob> jobs) {
    if (jobs.isEmpty()) {
      throw new IllegalArgumentException("a digest names at least one job");
    }
    String title = jobs.size() == 1 ? "A new job for you" : jobs.size() + " new jobs for you";
    String body = jobs.get(0).named() + (jobs.size() == 1 ? " matches your profile."
        : jobs.size() == 2 ? " and " + jobs.get(1).named() + " match your profile."
        : ", " + jobs.get(1).named() + " and " + (jobs.size() - 2) + " more match your profile.");
    StringBuilder text = new StringBuilder("New jobs that match your profile since your last digest:\n\n");
    StringBuilder items = new StringBuilder();
    for (DigestJob job : jobs) {
      String where = job.location().map(l -> " (" + l + ")").orElse("");
      text.append("- ").append(job.named()).append(where).append("\n  ").append(job.applyUrl()).append("\n");
      items.append("<li><a href=\"").append(escape(job.applyUrl())).append("\">").append(escape(job.title()))
          .append("</a>").append(job.company().isBlank() ? "" : " at " + escape(job.company()))
          .append(escape(where)).append("</li>");
    }
    text.append("\nSwipe through them: ").append(feedLink()).append("\n\nYou get this daily digest because of your"
        + " JobSwipe notification settings: ").append(preferencesLink()).append("\n");
    String html = page(title, "<p>New jobs that match your profile since your last digest:</p><ul>" + items
        + "</ul><p><a href=\"" + escape(feedLink()) + "\">Swipe through them</a></p>"
        + "<p style=\"color:#666;font-size:12px\">Turn the digest off or change its hour: <a href=\""
        + escape(preferencesLink()) + "\">notification settings</a></p>");
    JsonArray ids = new JsonArray();
    jobs.forEach(job -> ids.add(job.id()));
    JsonObject data = new JsonObject().put("jobIds", ids).put("deepLink", "jobswipe://feed").put("url", feedLink());
    return new Rendered(title, body, body, Optional.of(new Email(title, text.toString(), html)), data);
  }

  /**
   * Account security mail. For the kinds that carry a one-time link ({@link NotificationKind#carriesLink()}) the
   * inbox body is a redacted notice: the link exists only in the email.
   */
  Rendered account(NotificationKind kind, String to, JsonObject params) {
    String expires = params.getString("expiresIn", "");
    return switch (kind) {
      case ACCOUNT_VERIFY_EMAIL -> linkMail("Confirm your JobSwipe email address", to,
          "Open this link to confirm your address:", params.getString("link", ""), expires,
          "If you did not create a JobSwipe account, ignore this message.");
      case ACCOUNT_RESET_PASSWORD -> linkMail("Reset your JobSwipe password", to,
          "Someone asked to reset your password. If it was you, open this link:", params.getString("link", ""), expires,
          "If it was not you, ignore this message: your password stays as it is.");
      case ACCOUNT_PASSWORD_CHANGED -> notice("Your JobSwipe password was changed",
          "Your password was changed and every session was signed out. If this was not you, reset it now: "
              + web("/reset-password"));
      case ACCOUNT_NEW_SIGN_IN -> notice("New sign-in to JobSwipe",
          "Your account was signed in from a device we had not seen before"
              + Optional.ofNullable(params.getString("device")).map(d -> " (" + d + ")").orElse("")
              + Optional.ofNullable(params.getString("at")).map(at -> " at " + at).orElse("")
              + ". If this was not you, reset your password and sign out every session.");
      case ACCOUNT_MFA_CHANGED -> notice("Two-factor sign-in " + (params.getBoolean("enabled", false) ? "turned on" : "turned off"),
          "Two-factor sign-in was " + (params.getBoolean("enabled", false) ? "turned on" : "turned off")
              + " for your JobSwipe account. If this was not you, reset your password now.");
      default -> throw new IllegalArgumentException(kind + " is not account mail");
    };
  }

  private Rendered linkMail(String subject, String to, String lead, String link, String expires, String tail) {
    String expiry = expires.isBlank() ? "" : "It expires in " + expires + ".";
    String text = lead + "\n\n" + link + "\n\n" + expiry + "\n" + tail + "\n";
    String html = page(subject, "<p>" + escape(lead) + "</p><p><a href=\"" + escape(link) + "\">" + escape(link)
        + "</a></p><p>" + escape(expiry) + "</p><p>" + escape(tail) + "</p>");
    String notice = "We sent a link to " + Redaction.maskEmail(to) + "." + (expiry.isEmpty() ? "" : " " + expiry);
    return new Rendered(subject, notice, notice, Optional.of(new Email(subject, text, html)), new JsonObject());
  }

  private static Rendered notice(String subject, String body) {
    String html = page(subject, "<p>" + escape(body) + "</p>");
    return new Rendered(subject, body, body, Optional.of(new Email(subject, body + "\n", html)), new JsonObject());
  }

  private static String page(String title, String content) {
    return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>"
        + "<body style=\"font-family:sans-serif\"><h1 style=\"font-size:18px\">" + escape(title) + "</h1>" + content
        + "</body></html>";
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length() + 16);
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
