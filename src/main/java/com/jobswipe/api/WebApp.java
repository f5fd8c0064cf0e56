package com.jobswipe.api;

import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The web client under {@code /app/}: a fixed set of static files from the jar's {@code webapp/} folder (plain
 * JavaScript modules and CSS, no build step), read once, talking to the same origin's public API only. Its policy
 * allows scripts, styles, images and connections (the API and {@code /v1/ws}) from this origin alone; screenshots
 * arrive as {@code blob:} images because they are fetched with the bearer token.
 */
final class WebApp {

  static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
      + " connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self';"
      + " frame-ancestors 'none'; object-src 'none'";
  private static final List<String> FILES = List.of("index.html", "app.css", "app.js", "api.js", "live.js", "dom.js",
      "deck.js", "admin.js", "oauth.js");

  private final Map<String, Buffer> files = new LinkedHashMap<>();

  WebApp() {
    FILES.forEach(name -> files.put(name, resource(name)));
  }

  void mount(Router router) {
    // Vert.x matches "/app" for "/app/" too: the bare path goes to the folder, the folder gets the page.
    router.get("/app").handler(ctx -> {
      if (ctx.request().path().equals("/app")) {
        ctx.redirect("/app/");
      } else {
        serve(ctx, "index.html");
      }
    });
    router.get("/app/:file").handler(ctx -> serve(ctx, ctx.pathParam("file")));
  }

  private void serve(RoutingContext ctx, String name) {
    Buffer body = files.get(name);
    if (body == null) {
      ctx.fail(new Problem(ProblemType.NOT_FOUND, "The web client has no file " + name));
      return;
    }
    ctx.response()
        .putHeader("Content-Type", type(name))
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("Cache-Control", "no-cache")
        .end(body);
  }

  private static String type(String name) {
    if (name.endsWith(".html")) {
      return "text/html; charset=utf-8";
    }
    if (name.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/javascript; charset=utf-8";
  }

  private static Buffer resource(String name) {
    try (InputStream in = WebApp.class.getResourceAsStream("/webapp/" + name)) {
      if (in == null) {
        throw new IllegalStateException("webapp/" + name + " is missing from the jar");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
