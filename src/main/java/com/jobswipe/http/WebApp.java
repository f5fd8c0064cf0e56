package com.jobswipe.http;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The web client under {@code /app/}: static files from the jar's {@code webapp/} folder (plain JavaScript modules
 * and CSS, no build step), talking to the same origin's public API only. Its policy allows scripts, styles, images
 * and connections (the API and {@code /v1/ws}) from this origin alone; screenshots arrive as {@code blob:} images
 * because they are fetched with the bearer token.
 */
final class WebApp {

  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
      + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self';"
      + " frame-ancestors 'none'; object-src 'none'";

  private WebApp() {
  }

  static void mount(Router router) {
    // Vert.x matches "/app" for "/app/" too: only the bare path is sent to the folder.
    router.get("/app").handler(ctx -> {
      if (ctx.request().path().equals("/app")) {
        ctx.redirect("/app/");
      } else {
        ctx.next();
      }
    });
    router.get("/app/*").handler(ctx -> {
      ctx.response().putHeader("Content-Security-Policy", CSP).putHeader("Cache-Control", "no-cache");
      ctx.next();
    }).handler(StaticHandler.create("webapp").setIndexPage("index.html").setCachingEnabled(false)
        .setDirectoryListing(false).setDefaultContentEncoding("UTF-8"));
  }
}
