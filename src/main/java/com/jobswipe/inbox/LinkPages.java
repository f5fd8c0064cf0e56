package com.jobswipe.inbox;

import com.jobswipe.config.MailConfig;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Where the links in account mail land: {@code /verify-email} and {@code /reset-password} are small same-origin
 * pages whose script (served from here, no third party) reads the token from the link and completes the flow
 * against {@code /v1/auth/...}. The token arrives in the query; the pages load nothing from elsewhere, send no
 * Referer, and the script takes the token out of the address bar as soon as it has read it. {@code /.well-known/apple-app-site-association} and {@code assetlinks.json} let the phone app open
 * these links itself; they are served from configuration, or 404 when not configured.
 */
final class LinkPages {

  /** Only our own script and styles, and calls to our own API; no framing, no forms elsewhere. */
  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
      + " img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private final Buffer verifyPage;
  private final Buffer resetPage;
  private final Buffer script;
  private final Buffer style;
  private final Optional<Buffer> appleAssociation;
  private final Optional<Buffer> assetLinks;

  LinkPages(MailConfig config) {
    this.verifyPage = resource("verify-email.html");
    this.resetPage = resource("reset-password.html");
    this.script = resource("link-pages.js");
    this.style = resource("link-pages.css");
    this.appleAssociation = config.appleAppSiteAssociation().map(Buffer::buffer);
    this.assetLinks = config.assetLinks().map(Buffer::buffer);
  }

  void mount(Router router) {
    router.get("/verify-email").handler(ctx -> page(ctx, verifyPage, "text/html; charset=utf-8"));
    router.get("/reset-password").handler(ctx -> page(ctx, resetPage, "text/html; charset=utf-8"));
    router.get("/link-pages.js").handler(ctx -> page(ctx, script, "text/javascript; charset=utf-8"));
    router.get("/link-pages.css").handler(ctx -> page(ctx, style, "text/css; charset=utf-8"));
    router.get("/.well-known/apple-app-site-association").handler(ctx -> wellKnown(ctx, appleAssociation));
    router.get("/.well-known/assetlinks.json").handler(ctx -> wellKnown(ctx, assetLinks));
  }

  private static void page(RoutingContext ctx, Buffer body, String type) {
    ctx.response()
        .putHeader("Content-Type", type)
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("Cache-Control", "no-store")
        .end(body);
  }

  private static void wellKnown(RoutingContext ctx, Optional<Buffer> body) {
    if (body.isEmpty()) {
      ctx.fail(new Problem(ProblemType.NOT_FOUND, "Not configured on this server"));
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "max-age=3600")
        .end(body.get());
  }

  private static Buffer resource(String name) {
    try (InputStream in = LinkPages.class.getResourceAsStream("/inbox/" + name)) {
      if (in == null) {
        throw new IllegalStateException("inbox/" + name + " is missing from the jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
