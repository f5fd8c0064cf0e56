package com.jobswipe.automation.browser;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local web server playing the ATS hosts: it serves the replica pages under {@code fixtures/ats/} and records
 * every form POST it receives (fields and uploaded files, as the employer would get them), answering as the real
 * ATS does (redirect to a thank-you page, S3's XML, Ashby's GraphQL JSON).
 */
public final class AtsReplicas implements AutoCloseable {

  public static final String LEVER_POSTING = "/lever/acme/7c0e3f52-1d4b-4a8e-9b6f-2d3c4e5f6a7b";
  public static final String ASHBY_POSTING = "/ashby/acme/3f6d2a1c-8b7e-4c5d-9a0f-1e2d3c4b5a69";
  private static final String VISIT_COOKIE = "replica_visit";

  /** A file that arrived in a multipart POST. */
  public record Upload(String field, String filename, String contentType, byte[] bytes) {
  }

  /** One POST: where it went (path and query), its fields (repeated names kept in order) and its files. */
  public record Submission(String path, Map<String, List<String>> fields, List<Upload> uploads) {

    public String field(String name) {
      List<String> values = fields.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    public Upload upload(String field) {
      return uploads.stream().filter(u -> u.field().equals(field)).findFirst().orElseThrow(
          () -> new AssertionError("no upload in field " + field + " of " + path + "; got " + uploads));
    }
  }

  private final Vertx vertx;
  private final HttpServer server;
  private final Path uploads;
  private final List<Submission> submissions = new CopyOnWriteArrayList<>();
  private final Set<String> openVisits = ConcurrentHashMap.newKeySet();
  private final AtomicInteger mostOpenVisits = new AtomicInteger();

  private AtsReplicas(Vertx vertx, HttpServer server, Path uploads) {
    this.vertx = vertx;
    this.server = server;
    this.uploads = uploads;
  }

  public static AtsReplicas start() {
    try {
      Path uploads = Files.createTempDirectory("ats-replica-uploads");
      Vertx vertx = Vertx.vertx();
      Router router = Router.router(vertx);
      AtsReplicas[] self = new AtsReplicas[1];
      router.route().method(io.vertx.core.http.HttpMethod.POST)
          .handler(BodyHandler.create(uploads.toString()).setDeleteUploadedFilesOnEnd(false));
      router.route().handler(ctx -> self[0].handle(ctx));
      HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
      self[0] = new AtsReplicas(vertx, server, uploads);
      return self[0];
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  public List<Submission> submissions() {
    return List.copyOf(submissions);
  }

  /** The POSTs to paths starting with {@code prefix}. */
  public List<Submission> submissionsTo(String prefix) {
    return submissions.stream().filter(s -> s.path().startsWith(prefix)).toList();
  }

  public void clear() {
    submissions.clear();
  }

  /**
   * The most application sessions open at once on the Greenhouse replica, as the employer sees them: a session
   * opens when a browser is served the form (a cookie marks it) and closes when that browser posts it.
   */
  public int mostSessionsAtOnce() {
    return mostOpenVisits.get();
  }

  private void handle(RoutingContext ctx) {
    String path = ctx.request().path();
    boolean post = ctx.request().method().name().equals("POST");
    if (post) {
      submissions.add(record(ctx));
    }
    switch (post ? "POST " + route(path) : route(path)) {
      case "/greenhouse/job" -> {
        String visit = UUID.randomUUID().toString();
        openVisits.add(visit);
        mostOpenVisits.accumulateAndGet(openVisits.size(), Math::max);
        ctx.response().putHeader("set-cookie", VISIT_COOKIE + "=" + visit + "; Path=/; HttpOnly");
        page(ctx, 200, "greenhouse-legacy.html");
      }
      case "POST /greenhouse/job" -> {
        var visit = ctx.request().getCookie(VISIT_COOKIE);
        if (visit != null) {
          openVisits.remove(visit.getValue());
        }
        redirect(ctx, 302, path + "/confirmation");
      }
      case "/greenhouse/confirmation" -> page(ctx, 200, "greenhouse-legacy-confirmation.html");
      case "POST /s3" -> {
        String key = ctx.request().getFormAttribute("key");
        ctx.response().setStatusCode(201).putHeader("content-type", "application/xml")
            .end("<?xml version=\"1.0\" encoding=\"UTF-8\"?><PostResponse><Location>https://s3.amazonaws.com/"
                + "grnhse-replica/" + key + "</Location><Bucket>grnhse-replica</Bucket><Key>" + key + "</Key>"
                + "<ETag>\"3858f62230ac3c915f300c664312c11f\"</ETag></PostResponse>");
      }
      case "/greenhouse-new/job" -> page(ctx, 200, "greenhouse-new.html");
      case "POST /greenhouse-new/job" -> ctx.response().putHeader("content-type", "application/json")
          .end("{\"status\":\"success\"}");
      case "/greenhouse-new/confirmation" -> page(ctx, 200, "greenhouse-new-confirmation.html");
      case "/lever/apply" -> page(ctx, 200, "lever.html");
      case "POST /lever/apply" -> redirect(ctx, 303, path.replaceAll("/apply$", "/thanks"));
      case "/lever/thanks" -> page(ctx, 200, "lever-thanks.html");
      // Lever's resume parser finds a slightly different name in the file, to prove our fill comes after it.
      case "POST /lever/parseResume" -> ctx.response().putHeader("content-type", "application/json")
          .end(new JsonObject().put("name", "J. Doe (from resume)").put("email", "old-address@example.net")
              .put("phone", "000").encode());
      case "/ashby/application" -> page(ctx, 200, "ashby.html");
      case "POST /ashby/graphql" -> {
        String op = ctx.request().getParam("op");
        if ("ApiJobPostingWithApplicationForm".equals(op)) {
          ctx.response().putHeader("content-type", "application/json").end(fixture("ashby-form.json"));
        } else {
          ctx.response().putHeader("content-type", "application/json").end(new JsonObject().put("data",
              new JsonObject().put("submitSingleApplicationFormAction", new JsonObject().put("applicationFormResult",
                  new JsonObject().put("__typename", "FormSubmitSuccess")))).encode());
        }
      }
      case "/careers/backend-engineer" -> page(ctx, 200, "generic-careers.html");
      case "POST /careers/backend-engineer", "POST /careers/kotlin-engineer", "POST /careers/kotlin-engineer-eu" ->
          page(ctx, 200, "generic-thanks.html");
      case "/careers/kotlin-engineer" -> page(ctx, 200, "generic-unknown-question.html");
      case "/careers/kotlin-engineer-eu" -> page(ctx, 200, "generic-cookie-wall.html");
      case "/captcha/recaptcha" -> page(ctx, 200, "captcha-recaptcha.html");
      case "/captcha/hcaptcha" -> page(ctx, 200, "captcha-hcaptcha.html");
      case "/captcha/turnstile" -> page(ctx, 200, "captcha-turnstile.html");
      case "/captcha/cloudflare" -> {
        ctx.response().putHeader("server", "cloudflare").putHeader("cf-mitigated", "challenge")
            .putHeader("cf-ray", "8f1a2b3c4d5e6f70-FRA");
        page(ctx, 403, "cloudflare-challenge.html");
      }
      case "/hang" -> {
        // Never answers: the client's timeout must end the wait.
      }
      default -> ctx.response().setStatusCode(404).putHeader("content-type", "text/html")
          .end("<!DOCTYPE html><html><head><title>Not found</title></head><body><h1>Page not found</h1></body></html>");
    }
  }

  /** The replica a path belongs to. */
  private static String route(String path) {
    if (path.startsWith("/greenhouse/acme/jobs/4012345")) {
      return path.endsWith("/confirmation") ? "/greenhouse/confirmation" : "/greenhouse/job";
    }
    if (path.startsWith("/s3/")) {
      return "/s3";
    }
    if (path.startsWith("/greenhouse-new/acmelogistics/jobs/4012346")) {
      return path.endsWith("/confirmation") ? "/greenhouse-new/confirmation" : "/greenhouse-new/job";
    }
    if (path.equals("/lever/parseResume")) {
      return "/lever/parseResume";
    }
    if (path.startsWith(LEVER_POSTING)) {
      return path.endsWith("/thanks") ? "/lever/thanks" : path.endsWith("/apply") ? "/lever/apply" : "/404";
    }
    if (path.startsWith("/ashby/api/non-user-graphql")) {
      return "/ashby/graphql";
    }
    if (path.startsWith(ASHBY_POSTING + "/application")) {
      return "/ashby/application";
    }
    if (path.startsWith("/careers/apply/")) {
      return "/careers/" + path.substring("/careers/apply/".length());
    }
    return path;
  }

  private Submission record(RoutingContext ctx) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    MultiMap form = ctx.request().formAttributes();
    for (String name : form.names()) {
      fields.put(name, new ArrayList<>(form.getAll(name)));
    }
    if (fields.isEmpty() && ctx.body() != null && ctx.body().length() > 0
        && String.valueOf(ctx.request().getHeader("content-type")).startsWith("application/json")) {
      fields.put("json", List.of(ctx.body().asString()));
    }
    List<Upload> files = new ArrayList<>();
    for (FileUpload upload : ctx.fileUploads()) {
      try {
        files.add(new Upload(upload.name(), upload.fileName(), upload.contentType(),
            Files.readAllBytes(Path.of(upload.uploadedFileName()))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Submission(ctx.request().uri(), fields, files);
  }

  private static void page(RoutingContext ctx, int status, String fixture) {
    ctx.response().setStatusCode(status).putHeader("content-type", "text/html; charset=utf-8").end(fixture(fixture));
  }

  private static void redirect(RoutingContext ctx, int status, String location) {
    ctx.response().setStatusCode(status).putHeader("location", location).end();
  }

  static String fixture(String name) {
    try (InputStream in = AtsReplicas.class.getResourceAsStream("/fixtures/ats/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    vertx.close().await();
    try (var files = Files.list(uploads)) {
      files.forEach(f -> f.toFile().delete());
      Files.deleteIfExists(uploads);
    } catch (IOException e) {
      // Temporary files; the OS cleans up.
    }
  }
}
