package com.jobswipe.profile;

import com.jobswipe.auth.Authn;
import com.jobswipe.edge.Contract;
import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import com.jobswipe.edge.Replies;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/** {@code /v1/profile}, {@code /v1/profile/resumes}, {@code /v1/cover-letters}, {@code /v1/me/export}, {@code DELETE /v1/me}. */
final class ProfileRoutes {

  /** Named for the general body handler to skip; the routes spell it out so the contract test can read them. */
  static final String RESUME_UPLOAD = "/v1/profile/resumes";
  /** The resume limit plus room for the multipart envelope; the parser enforces the file's own 10 MiB. */
  static final long UPLOAD_BODY_LIMIT = 10L * 1024 * 1024 + 64 * 1024;

  private final Vertx vertx;
  private final ProfileService profiles;
  private final ResumeService resumes;
  private final CoverLetterService coverLetters;
  private final PersonalData personalData;
  private final Path uploads;

  ProfileRoutes(Vertx vertx, ProfileService profiles, ResumeService resumes, CoverLetterService coverLetters,
                PersonalData personalData, Path uploads) {
    this.vertx = vertx;
    this.profiles = profiles;
    this.resumes = resumes;
    this.coverLetters = coverLetters;
    this.personalData = personalData;
    this.uploads = uploads;
  }

  void mount(Router router, Handler<RoutingContext> signedIn, Handler<RoutingContext> userLimit) {
    List<Handler<RoutingContext>> user = List.of(signedIn, userLimit, Authn.usersOnly());

    route(router.get("/v1/profile"), user).handler(this::getProfile);
    route(router.put("/v1/profile"), user).handler(this::putProfile);

    // Who is uploading, and whether they may, is settled before a byte of the body is read: an anonymous 10 MiB
    // upload costs a header parse, not a temporary file. Vert.x Web refuses a body handler after ordinary handlers
    // (it assumes authentication needs the body); ours reads only headers, so the body handler goes in as one.
    BodyHandler upload = BodyHandler.create(uploads.toString())
        .setBodyLimit(UPLOAD_BODY_LIMIT).setDeleteUploadedFilesOnEnd(true).setHandleFileUploads(true);
    route(router.post("/v1/profile/resumes"), user).handler(upload::handle).handler(this::uploadResume);
    route(router.get("/v1/profile/resumes"), user).handler(this::listResumes);
    route(router.get("/v1/profile/resumes/:id"), user).handler(this::getResume);
    route(router.get("/v1/profile/resumes/:id/file"), user).handler(this::resumeFile);

    route(router.get("/v1/cover-letters"), user).handler(this::listTemplates);
    route(router.post("/v1/cover-letters"), user).handler(this::createTemplate);
    route(router.get("/v1/cover-letters/:id"), user).handler(this::getTemplate);
    route(router.put("/v1/cover-letters/:id"), user).handler(this::updateTemplate);
    route(router.delete("/v1/cover-letters/:id"), user).handler(this::deleteTemplate);
    route(router.post("/v1/cover-letters/:id/render"), user).handler(this::renderTemplate);

    // Taking every datum out, or erasing the account, needs the password or second factor entered lately: a stolen
    // access token alone can do neither.
    route(router.get("/v1/me/export"), user).handler(Authn.recentlyAuthenticated()).handler(this::export);
    route(router.delete("/v1/me"), user).handler(Authn.recentlyAuthenticated()).handler(this::erase);
  }

  private static io.vertx.ext.web.Route route(io.vertx.ext.web.Route route, List<Handler<RoutingContext>> guards) {
    guards.forEach(route::handler);
    return route;
  }

  private void getProfile(RoutingContext ctx) {
    Replies.json(ctx, 200, profiles.get(userId(ctx)));
  }

  private void putProfile(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 200, profiles.put(userId(ctx), body));
  }

  private void uploadResume(RoutingContext ctx) {
    List<FileUpload> files = ctx.fileUploads();
    FileUpload file = files.stream().filter(f -> f.name().equals("file")).findFirst().orElseThrow(() ->
        new Problem(ProblemType.VALIDATION, "Send the resume as multipart/form-data in the field 'file'",
            new JsonObject().put("errors", new io.vertx.core.json.JsonArray().add(new JsonObject()
                .put("field", "file").put("message", "is required")))));
    if (files.size() > 1) {
      throw new Problem(ProblemType.BAD_REQUEST, "Send one file per request");
    }
    vertx.fileSystem().readFile(file.uploadedFileName())
        .compose(bytes -> resumes.upload(userId(ctx), bytes.getBytes(), file.contentType(), file.fileName()))
        .onSuccess(created -> ctx.response().setStatusCode(201)
            .putHeader("Location", "/v1/profile/resumes/" + created.getString("id"))
            .putHeader("Content-Type", "application/json").end(created.encode()))
        .onFailure(ctx::fail);
  }

  private void listResumes(RoutingContext ctx) {
    resumes.list(userId(ctx)).onSuccess(items -> Replies.json(ctx, 200, new JsonObject().put("items", items)))
        .onFailure(ctx::fail);
  }

  private void getResume(RoutingContext ctx) {
    Replies.json(ctx, 200, resumes.get(Authn.principal(ctx), Replies.uuidParam(ctx, "id")));
  }

  private void resumeFile(RoutingContext ctx) {
    resumes.file(Authn.principal(ctx), Replies.uuidParam(ctx, "id")).onSuccess(file -> ctx.response()
            .putHeader("Content-Type", file.contentType())
            .putHeader("Content-Disposition", "attachment; filename=\"" + file.filename().replace("\"", "") + "\"")
            .putHeader("Cache-Control", "no-store")
            .end(io.vertx.core.buffer.Buffer.buffer(file.bytes())))
        .onFailure(ctx::fail);
  }

  private void listTemplates(RoutingContext ctx) {
    coverLetters.list(userId(ctx))
        .onSuccess(items -> Replies.json(ctx, 200, new JsonObject().put("items", items)))
        .onFailure(ctx::fail);
  }

  private void createTemplate(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 201, coverLetters.create(userId(ctx), body.getString("name"), body.getString("body")));
  }

  private void getTemplate(RoutingContext ctx) {
    Replies.json(ctx, 200, coverLetters.get(Authn.principal(ctx), Replies.uuidParam(ctx, "id")));
  }

  private void updateTemplate(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 200, coverLetters.update(Authn.principal(ctx), Replies.uuidParam(ctx, "id"), body.getString("name"),
        body.getString("body")));
  }

  private void deleteTemplate(RoutingContext ctx) {
    coverLetters.delete(Authn.principal(ctx), Replies.uuidParam(ctx, "id")).onSuccess(done -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }

  private void renderTemplate(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    Replies.json(ctx, 200, coverLetters.render(Authn.principal(ctx), Replies.uuidParam(ctx, "id"), body.getJsonObject("job"),
        "html".equals(body.getString("format"))));
  }

  private void export(RoutingContext ctx) {
    personalData.export(userId(ctx)).onSuccess(export -> ctx.response()
            .putHeader("Content-Type", "application/json")
            .putHeader("Content-Disposition", "attachment; filename=\"jobswipe-export.json\"")
            .putHeader("Cache-Control", "no-store")
            .end(export.encode()))
        .onFailure(ctx::fail);
  }

  private void erase(RoutingContext ctx) {
    JsonObject body = Contract.body(ctx);
    if (!body.getBoolean("confirm")) {
      throw new Problem(ProblemType.VALIDATION, "Deleting the account needs confirm: true",
          new JsonObject().put("errors", new io.vertx.core.json.JsonArray().add(new JsonObject()
              .put("field", "confirm").put("message", "must be true"))));
    }
    personalData.erase(userId(ctx)).onSuccess(done -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private static UUID userId(RoutingContext ctx) {
    return Authn.principal(ctx).requireUser();
  }

}
