package com.jobswipe.demo;

import com.jobswipe.demo.DemoWorld.Board;
import com.jobswipe.demo.DemoWorld.Employer;
import com.jobswipe.demo.DemoWorld.Posting;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The employers' side of demo mode, on loopback: their job boards answering in the Greenhouse, Lever and Ashby
 * board API shapes (the ingestion role fetches them like any other source), and their application forms, which
 * the automation role's browser fills and submits. Submitted applications are accepted and dropped.
 *
 * <ul>
 *   <li>{@code GET /greenhouse/v1/boards/{slug}/jobs} — Greenhouse Job Board API, {@code content} escaped HTML</li>
 *   <li>{@code GET /lever/v0/postings/{slug}} — Lever Postings API</li>
 *   <li>{@code GET /ashby/posting-api/job-board/{slug}} — Ashby Job Postings API</li>
 *   <li>{@code GET /apply/{id}} the form, {@code POST /apply/{id}} the thank-you page</li>
 * </ul>
 */
public final class DemoBoards {

  private static final Instant PUBLISHED = Instant.parse("2026-11-20T09:00:00Z");

  private final DemoWorld world;
  private final HttpServer server;
  private final Map<DemoWorld.Form, String> forms;
  private final String thanks;

  private DemoBoards(DemoWorld world, HttpServer server, Map<DemoWorld.Form, String> forms, String thanks) {
    this.world = world;
    this.server = server;
    this.forms = forms;
    this.thanks = thanks;
  }

  /** Listens on 127.0.0.1 only; {@code port} 0 picks a free one. Uploaded files land in {@code uploads} and are deleted. */
  public static Future<DemoBoards> start(Vertx vertx, DemoWorld world, int port, Path uploads) {
    Map<DemoWorld.Form, String> forms = Map.of(
        DemoWorld.Form.STANDARD, resource("form-standard.html"),
        DemoWorld.Form.CAPTCHA, resource("form-captcha.html"),
        DemoWorld.Form.QUESTION, resource("form-question.html"));
    String thanks = resource("thanks.html");
    // The employers' server, not JobSwipe's API: its routes are no part of /openapi.yaml.
    Router employers = Router.router(vertx);
    DemoBoards[] self = new DemoBoards[1];
    employers.get("/greenhouse/v1/boards/:slug/jobs").handler(ctx -> self[0].board(ctx, Board.GREENHOUSE));
    employers.get("/lever/v0/postings/:slug").handler(ctx -> self[0].board(ctx, Board.LEVER));
    employers.get("/ashby/posting-api/job-board/:slug").handler(ctx -> self[0].board(ctx, Board.ASHBY));
    employers.get("/apply/:id").handler(ctx -> self[0].form(ctx));
    employers.post("/apply/:id").handler(BodyHandler.create(uploads.toString()).setDeleteUploadedFilesOnEnd(true)
        .setBodyLimit(10L * 1024 * 1024)).handler(ctx -> self[0].submitted(ctx));
    return vertx.createHttpServer().requestHandler(employers).listen(port, "127.0.0.1").map(server -> {
      self[0] = new DemoBoards(world, server, forms, thanks);
      return self[0];
    });
  }

  public int port() {
    return server.actualPort();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** The list endpoint an operator registers as the source of {@code employer}. */
  public String sourceUrl(Employer employer) {
    return baseUrl() + switch (employer.board()) {
      case GREENHOUSE -> "/greenhouse/v1/boards/" + employer.slug() + "/jobs?content=true";
      case LEVER -> "/lever/v0/postings/" + employer.slug() + "?mode=json";
      case ASHBY -> "/ashby/posting-api/job-board/" + employer.slug() + "?includeCompensation=true";
    };
  }

  public String applyUrl(Posting posting) {
    return baseUrl() + "/apply/" + posting.id();
  }

  public Future<Void> close() {
    return server.close();
  }

  private void board(RoutingContext ctx, Board board) {
    String slug = ctx.pathParam("slug");
    Optional<Employer> employer = world.employers().stream()
        .filter(e -> e.board() == board && e.slug().equals(slug)).findFirst();
    if (employer.isEmpty()) {
      ctx.response().setStatusCode(404).putHeader("content-type", "application/json").end("{\"error\":\"Not found\"}");
      return;
    }
    JsonArray jobs = new JsonArray();
    world.postingsOf(employer.get()).forEach(posting -> jobs.add(switch (board) {
      case GREENHOUSE -> greenhouse(posting);
      case LEVER -> lever(posting);
      case ASHBY -> ashby(posting);
    }));
    Object body = switch (board) {
      case GREENHOUSE -> new JsonObject().put("jobs", jobs).put("meta", new JsonObject().put("total", jobs.size()));
      case LEVER -> jobs;
      case ASHBY -> new JsonObject().put("apiVersion", "1").put("jobs", jobs);
    };
    ctx.response().putHeader("content-type", "application/json; charset=utf-8")
        .end(body instanceof JsonArray array ? array.encode() : ((JsonObject) body).encode());
  }

  private JsonObject greenhouse(Posting p) {
    String numeric = Integer.toString(4_000_000 + Math.floorMod(p.id().hashCode(), 1_000_000));
    return new JsonObject()
        .put("id", numeric)
        .put("internal_job_id", numeric)
        .put("title", p.title())
        .put("company_name", p.employer().name())
        .put("absolute_url", applyUrl(p))
        .put("location", new JsonObject().put("name", p.location()))
        .put("updated_at", PUBLISHED.toString())
        .put("first_published", PUBLISHED.minus(3, ChronoUnit.DAYS).toString())
        .put("language", "en")
        .put("content", escape(p.descriptionHtml()))
        .put("metadata", new JsonArray()
            .add(new JsonObject().put("id", 1).put("name", "Workplace Type").put("value", switch (p.remote()) {
              case "remote" -> "Remote";
              case "hybrid" -> "Hybrid";
              default -> "On-site";
            }).put("value_type", "single_select"))
            .add(new JsonObject().put("id", 2).put("name", "Employment Type").put("value", "Full-time")
                .put("value_type", "single_select"))
            .add(new JsonObject().put("id", 3).put("name", "Pay Frequency").put("value", "Annual")
                .put("value_type", "single_select"))
            .add(new JsonObject().put("id", 4).put("name", "Pay Transparency Range").put("value_type", "currency_range")
                .put("value", new JsonObject().put("unit", p.employer().currency())
                    .put("min_value", p.salaryMin() + ".0").put("max_value", p.salaryMax() + ".0"))));
  }

  private JsonObject lever(Posting p) {
    String url = applyUrl(p);
    return new JsonObject()
        .put("id", p.id())
        .put("text", p.title())
        .put("createdAt", PUBLISHED.toEpochMilli())
        .put("categories", new JsonObject().put("commitment", "Full-time").put("department", p.family())
            .put("location", p.location()).put("team", p.family()).put("allLocations", new JsonArray().add(p.location())))
        .put("description", p.descriptionHtml())
        .put("descriptionPlain", p.descriptionHtml().replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").trim())
        .put("lists", new JsonArray())
        .put("additional", "<div>" + p.employer().name() + " is an equal opportunity employer.</div>")
        .put("workplaceType", p.remote().equals("onsite") ? "on-site" : p.remote())
        .put("salaryRange", new JsonObject().put("currency", p.employer().currency()).put("interval", "per-year-salary")
            .put("min", p.salaryMin()).put("max", p.salaryMax()))
        .put("hostedUrl", url)
        .put("applyUrl", url);
  }

  private JsonObject ashby(Posting p) {
    String url = applyUrl(p);
    return new JsonObject()
        .put("id", p.id())
        .put("title", p.title())
        .put("department", p.family())
        .put("team", p.family())
        .put("employmentType", "FullTime")
        .put("location", p.location())
        .put("isRemote", p.remote().equals("remote"))
        .put("workplaceType", switch (p.remote()) {
          case "remote" -> "Remote";
          case "hybrid" -> "Hybrid";
          default -> "OnSite";
        })
        .put("publishedAt", PUBLISHED.toString())
        .put("isListed", true)
        .put("jobUrl", url)
        .put("applyUrl", url)
        .put("descriptionHtml", p.descriptionHtml())
        .put("compensation", new JsonObject().put("compensationTiers", new JsonArray().add(new JsonObject()
            .put("id", "t1").put("title", p.employer().country())
            .put("components", new JsonArray().add(new JsonObject().put("id", "c1").put("compensationType", "Salary")
                .put("interval", "1 YEAR").put("currencyCode", p.employer().currency())
                .put("minValue", p.salaryMin()).put("maxValue", p.salaryMax()))))));
  }

  private void form(RoutingContext ctx) {
    Optional<Posting> posting = world.posting(ctx.pathParam("id"));
    if (posting.isEmpty()) {
      notFound(ctx);
      return;
    }
    Posting p = posting.get();
    ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(forms.get(p.form())
        .replace("{{title}}", escape(p.title())).replace("{{company}}", escape(p.employer().name()))
        .replace("{{id}}", escape(p.id())));
  }

  private void submitted(RoutingContext ctx) {
    Optional<Posting> posting = world.posting(ctx.pathParam("id"));
    if (posting.isEmpty()) {
      notFound(ctx);
      return;
    }
    ctx.response().putHeader("content-type", "text/html; charset=utf-8").end(thanks
        .replace("{{title}}", escape(posting.get().title())).replace("{{company}}", escape(posting.get().employer().name())));
  }

  private static void notFound(RoutingContext ctx) {
    ctx.response().setStatusCode(404).putHeader("content-type", "text/html; charset=utf-8")
        .end("<!DOCTYPE html><html lang=\"en\"><head><title>Not found</title></head><body><h1>Job not found</h1></body></html>");
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String resource(String name) {
    try (InputStream in = DemoBoards.class.getResourceAsStream("/demo/" + name)) {
      if (in == null) {
        throw new IllegalStateException("demo/" + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
