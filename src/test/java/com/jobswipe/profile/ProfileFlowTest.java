package com.jobswipe.profile;

import com.jobswipe.bus.Role;
import com.jobswipe.profile.resume.ResumeFixtures;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Profiles, resumes, cover letters, export and erasure through HTTP on a real node and database. */
class ProfileFlowTest {

  private static final String PASSWORD = "correct battery horse staple 7";

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static WebClient raw;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of());
    api = new Api(vertx, node.port());
    raw = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  private static JsonObject signUp() {
    String email = "cand." + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    HttpResponse<Buffer> response = api.post("/v1/auth/register", new JsonObject().put("email", email)
        .put("password", PASSWORD));
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    return response.bodyAsJsonObject();
  }

  private static JsonObject fullProfile() {
    return new JsonObject()
        .put("fullName", "Ada Quintessa Lovelace")
        .put("email", "ada.private@example.org")
        .put("phone", "+44 20 7946 0958")
        .put("location", "London, UK")
        .put("headline", "Backend engineer")
        .put("links", new JsonObject().put("linkedin", "https://www.linkedin.com/in/ada-q-lovelace")
            .put("github", "https://github.com/adaql"))
        .put("skills", new JsonArray().add("k8s").add("Postgres").add("JS").add("Underwater basket weaving"))
        .put("workHistory", new JsonArray()
            .add(new JsonObject().put("company", "Analytical Engines Ltd").put("title", "Engineer")
                .put("startDate", "2015-01").put("endDate", "2018-12"))
            .add(new JsonObject().put("company", "Difference Works").put("title", "Consultant")
                .put("startDate", "2017-01").put("endDate", "2019-12")))
        .put("education", new JsonArray().add(new JsonObject().put("school", "University of London")
            .put("degree", "BSc").put("field", "Mathematics")))
        .put("workAuthorization", new JsonObject().put("authorizedCountries", new JsonArray().add("GB"))
            .put("requiresSponsorship", false))
        .put("eeo", new JsonObject().put("gender", "Woman"))
        .put("preferences", new JsonObject().put("titles", new JsonArray().add("Backend Engineer"))
            .put("remote", "remote").put("salaryFloor", 90000).put("salaryCurrency", "GBP")
            .put("seniority", new JsonArray().add("senior")).put("excludedCompanies", new JsonArray().add("Evil Corp")));
  }

  @Test
  void anEmptyProfileCarriesTheAccountEmail() {
    JsonObject session = signUp();
    JsonObject profile = api.get("/v1/profile", session.getString("accessToken")).bodyAsJsonObject();
    assertThat(profile.getString("email")).isEqualTo(session.getJsonObject("user").getString("email"));
    assertThat(profile.getJsonArray("workHistory")).isEmpty();
  }

  @Test
  void theProfileRoundTripsAndNoPersonalDataIsReadableInTheTables() throws Exception {
    JsonObject session = signUp();
    String access = session.getString("accessToken");

    HttpResponse<Buffer> saved = api.request(io.vertx.core.http.HttpMethod.PUT, "/v1/profile")
        .putHeader("Authorization", "Bearer " + access).sendJsonObject(fullProfile()).await();
    assertThat(saved.statusCode()).as(saved.bodyAsString()).isEqualTo(200);
    JsonObject profile = api.get("/v1/profile", access).bodyAsJsonObject();

    assertThat(profile.getString("fullName")).isEqualTo("Ada Quintessa Lovelace");
    assertThat(profile.getJsonObject("links").getString("github")).isEqualTo("https://github.com/adaql");
    assertThat(profile.getJsonArray("skills")).containsExactly("Kubernetes", "PostgreSQL", "JavaScript",
        "Underwater basket weaving");
    assertThat(profile.getDouble("yearsOfExperience")).as("2015–2019, overlap counted once").isEqualTo(5.0);
    assertThat(profile.getJsonArray("workHistory")).hasSize(2);
    assertThat(profile.getJsonObject("eeo").getString("gender")).isEqualTo("Woman");

    String everything = tableDump("candidate_profiles");
    for (String secret : new String[] {"Ada Quintessa", "ada.private", "7946", "adaql", "Analytical Engines",
        "University of London", "Woman", "Lovelace"}) {
      assertThat(everything).as("plaintext '" + secret + "' at rest").doesNotContain(secret);
    }
  }

  @Test
  void invalidFieldsAreListedWithTheirPath() {
    String access = signUp().getString("accessToken");
    JsonObject bad = fullProfile();
    bad.getJsonArray("workHistory").getJsonObject(1).put("startDate", "last spring").put("salary", 3);
    bad.put("phone", "call me maybe").put("preferences", new JsonObject().put("remote", "moon"));

    HttpResponse<Buffer> response = api.request(io.vertx.core.http.HttpMethod.PUT, "/v1/profile")
        .putHeader("Authorization", "Bearer " + access).sendJsonObject(bad).await();

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("workHistory[1].startDate", "workHistory[1].salary", "phone",
            "preferences.remote");
  }

  @Test
  void coverLettersAreOwnedValidatedAndRendered() {
    String alice = signUp().getString("accessToken");
    String bob = signUp().getString("accessToken");
    api.request(io.vertx.core.http.HttpMethod.PUT, "/v1/profile").putHeader("Authorization", "Bearer " + alice)
        .sendJsonObject(new JsonObject().put("fullName", "Alice Example")).await();

    HttpResponse<Buffer> unknown = api.post("/v1/cover-letters", new JsonObject().put("name", "bad")
        .put("body", "Dear {{job.boss}}"), alice);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.bodyAsString()).contains("job.boss");

    HttpResponse<Buffer> created = api.post("/v1/cover-letters", new JsonObject().put("name", "default")
        .put("body", "Dear {{job.company}}, I am {{profile.name}} & I want to be your {{job.title}}."), alice);
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    assertThat(api.post("/v1/cover-letters", new JsonObject().put("name", "default").put("body", "x"), alice)
        .statusCode()).isEqualTo(409);

    assertThat(api.get("/v1/cover-letters/" + id, bob).statusCode()).isEqualTo(404);
    assertThat(api.delete("/v1/cover-letters/" + id, bob).statusCode()).isEqualTo(404);

    JsonObject job = new JsonObject().put("title", "<Engineer>").put("company", "Acme {{profile.email}}");
    JsonObject text = api.post("/v1/cover-letters/" + id + "/render", new JsonObject().put("job", job), alice)
        .bodyAsJsonObject();
    assertThat(text.getString("text"))
        .isEqualTo("Dear Acme {{profile.email}}, I am Alice Example & I want to be your <Engineer>.");
    JsonObject html = api.post("/v1/cover-letters/" + id + "/render", new JsonObject().put("job", job)
        .put("format", "html"), alice).bodyAsJsonObject();
    assertThat(html.getString("text")).contains("&lt;Engineer&gt;").contains("&amp;");

    assertThat(api.delete("/v1/cover-letters/" + id, alice).statusCode()).isEqualTo(204);
    assertThat(api.get("/v1/cover-letters/" + id, alice).statusCode()).isEqualTo(404);
  }

  @Test
  void exportHoldsEverythingAndDeletionLeavesNothingPersonal() throws Exception {
    JsonObject session = signUp();
    String access = session.getString("accessToken");
    String email = session.getJsonObject("user").getString("email");
    api.request(io.vertx.core.http.HttpMethod.PUT, "/v1/profile").putHeader("Authorization", "Bearer " + access)
        .sendJsonObject(fullProfile()).await();
    api.post("/v1/cover-letters", new JsonObject().put("name", "mine").put("body", "Hi {{job.company}}"), access);
    uploadResume(access, ResumeFixtures.twoColumnPdf(), "cv.pdf", "application/pdf");

    HttpResponse<Buffer> export = api.get("/v1/me/export", access);
    assertThat(export.statusCode()).isEqualTo(200);
    JsonObject data = export.bodyAsJsonObject();
    assertThat(data.getJsonObject("account").getString("email")).isEqualTo(email);
    assertThat(data.getJsonObject("profile").getString("fullName")).isEqualTo("Ada Quintessa Lovelace");
    assertThat(data.getJsonArray("coverLetters")).hasSize(1);
    assertThat(data.getJsonArray("resumes")).hasSize(1);
    assertThat(data.getJsonArray("resumes").getJsonObject(0).getString("fileBase64")).isNotBlank();
    assertThat(data.getJsonArray("sessions")).isNotEmpty();
    assertThat(data.getJsonArray("securityEvents")).isNotEmpty();

    assertThat(api.request(io.vertx.core.http.HttpMethod.DELETE, "/v1/me").putHeader("Authorization",
        "Bearer " + access).sendJsonObject(new JsonObject().put("confirm", false)).await().statusCode()).isEqualTo(400);
    HttpResponse<Buffer> deleted = api.request(io.vertx.core.http.HttpMethod.DELETE, "/v1/me")
        .putHeader("Authorization", "Bearer " + access).sendJsonObject(new JsonObject().put("confirm", true)).await();
    assertThat(deleted.statusCode()).isEqualTo(204);

    assertThat(api.get("/v1/me", access).statusCode()).isEqualTo(401);
    assertThat(api.post("/v1/auth/login", new JsonObject().put("email", email).put("password", PASSWORD))
        .statusCode()).isEqualTo(401);
    assertThat(api.post("/v1/auth/refresh", new JsonObject().put("refreshToken", session.getString("refreshToken")))
        .statusCode()).isEqualTo(401);
    for (String table : new String[] {"users", "candidate_profiles", "resumes", "cover_letter_templates",
        "notifications", "refresh_tokens", "auth_events", "oauth_identities"}) {
      assertThat(tableDump(table)).as(table).doesNotContain(email).doesNotContain("Quintessa");
    }
    assertThat(count("SELECT count(*) FROM users WHERE email LIKE 'deleted+%@invalid' AND deleted_at IS NOT NULL"))
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void anUploadWithoutAValidCredentialIsRefusedBeforeAnyOfItIsStored() throws Exception {
    Path uploads = node.app().node().config().dataDir().resolve("uploads");
    Files.createDirectories(uploads);
    try (WatchService watch = uploads.getFileSystem().newWatchService()) {
      uploads.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      // A client that asks before sending 10 MiB (Expect: 100-continue) is answered 401 instead of "go on"; the
      // body handler, which says "go on", is never reached. The connection is closed after the answer.
      for (String credential : new String[] {null, "not-a-token", "jsk_aaaaaaaaaa_" + "x".repeat(43)}) {
        assertThat(firstAnswerToAnUpload(credential, 10 << 20)).isEqualTo("HTTP/1.1 401 Unauthorized");
      }
      assertThat(firstAnswerToAnUpload(signUp().getString("accessToken"), 10 << 20))
          .as("a signed-in upload is told to go on").isEqualTo("HTTP/1.1 100 Continue");
      // The control: a signed-in upload does store its body there. Its file is the first and only one created.
      String access = signUp().getString("accessToken");
      assertThat(uploadResume(access, ResumeFixtures.singleColumnPdf(), "cv.pdf", "application/pdf").statusCode())
          .isEqualTo(201);
      WatchKey key = watch.poll(30, TimeUnit.SECONDS);
      assertThat(key).as("the signed-in upload's file").isNotNull();
      assertThat(key.pollEvents()).as("only the signed-in upload wrote a file").hasSize(1);
    }
  }

  /** Sends an upload's headers only, asking to continue, and answers the server's first status line. */
  private static String firstAnswerToAnUpload(String credential, int length) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", node.port())) {
      socket.setSoTimeout(30_000);
      String boundary = "b" + UUID.randomUUID();
      socket.getOutputStream().write(("POST /v1/profile/resumes HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + (credential == null ? "" : "Authorization: Bearer " + credential + "\r\n")
          + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
          + "Expect: 100-continue\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      return in.readLine();
    }
  }

  static HttpResponse<Buffer> uploadResume(String access, byte[] file, String name, String contentType) {
    return raw.post(node.port(), "127.0.0.1", "/v1/profile/resumes")
        .putHeader("Authorization", "Bearer " + access)
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", name, Buffer.buffer(file), contentType))
        .await();
  }

  /**
   * Every row of a table as someone reading the database would see it: text columns as they are, binary
   * columns byte for byte (so plaintext stored in a bytea would show).
   */
  private static String tableDump(String table) throws Exception {
    StringBuilder dump = new StringBuilder();
    try (Connection c = node.database().connect();
         PreparedStatement s = c.prepareStatement("SELECT * FROM " + table);
         ResultSet rs = s.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          Object value = rs.getObject(i);
          dump.append(value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
              : String.valueOf(value)).append('|');
        }
        dump.append('\n');
      }
    }
    return dump.toString();
  }

  private static long count(String sql) throws Exception {
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(sql);
         ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
