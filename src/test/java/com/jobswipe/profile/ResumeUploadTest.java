package com.jobswipe.profile;

import com.jobswipe.bus.Role;
import com.jobswipe.profile.resume.ResumeFixtures;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.multipart.MultipartForm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Resume uploads over HTTP: realistic files parse, hostile ones get a clean 4xx, files are sealed at rest. */
class ResumeUploadTest {

  private static Vertx vertx;
  private static RunningNode node;
  private static Api api;
  private static WebClient client;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    node = RunningNode.start(EnumSet.of(Role.API, Role.NOTIFICATION), Map.of());
    api = new Api(vertx, node.port());
    client = WebClient.create(vertx);
  }

  @AfterAll
  static void stop() {
    node.close();
    vertx.close().await();
  }

  private static String signUp() {
    return api.post("/v1/auth/register", new JsonObject()
            .put("email", "cv." + UUID.randomUUID().toString().substring(0, 8) + "@example.com")
            .put("password", "correct battery horse staple 7"))
        .bodyAsJsonObject().getString("accessToken");
  }

  private static HttpResponse<Buffer> upload(String access, byte[] file, String name, String type) {
    return client.post(node.port(), "127.0.0.1", "/v1/profile/resumes")
        .putHeader("Authorization", "Bearer " + access)
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", name, Buffer.buffer(file), type))
        .await();
  }

  @Test
  void aTwoColumnPdfParsesToContactSkillsAndYearsAndIsSealedAtRest() throws Exception {
    String access = signUp();
    byte[] pdf = ResumeFixtures.twoColumnPdf();

    HttpResponse<Buffer> response = upload(access, pdf, "jane-doe.pdf", ResumeFixtures.PDF);

    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    JsonObject parsed = response.bodyAsJsonObject().getJsonObject("parsed");
    assertThat(parsed.getJsonObject("contact").getString("email")).isEqualTo("jane.doe@example.com");
    assertThat(parsed.getJsonObject("contact").getString("github")).contains("github.com/janedoe");
    assertThat(parsed.getJsonArray("skills")).contains("Kubernetes", "PostgreSQL", "JavaScript", "Java", "Go");
    assertThat(parsed.getDouble("yearsOfExperience")).as("Mar 2016 until now, overlaps once").isGreaterThan(8.0);
    assertThat(parsed.getString("text")).contains("Acme Corp");

    String id = response.bodyAsJsonObject().getString("id");
    HttpResponse<Buffer> file = api.get("/v1/profile/resumes/" + id + "/file", access);
    assertThat(file.statusCode()).isEqualTo(200);
    assertThat(file.body().getBytes()).isEqualTo(pdf);
    assertThat(api.get("/v1/profile/resumes/" + id, access).bodyAsJsonObject().getJsonObject("parsed")
        .getJsonObject("contact").getString("phone")).contains("555-0134");

    String atRest = rowBytes("SELECT file_enc, text_enc, parsed::text FROM resumes WHERE id = '" + id + "'");
    assertThat(atRest).doesNotContain("%PDF").doesNotContain("jane.doe").doesNotContain("Acme Corp")
        .doesNotContain("555-0134");
  }

  @Test
  void aDocxParsesToo() {
    HttpResponse<Buffer> response = upload(signUp(), ResumeFixtures.docx(), "cv.docx", ResumeFixtures.DOCX);
    assertThat(response.statusCode()).as(response.bodyAsString()).isEqualTo(201);
    assertThat(response.bodyAsJsonObject().getJsonObject("parsed").getJsonArray("skills")).isNotEmpty();
  }

  @Test
  void anotherUsersResumeDoesNotExistForThem() {
    String owner = signUp();
    String id = upload(owner, ResumeFixtures.singleColumnPdf(), "cv.pdf", ResumeFixtures.PDF).bodyAsJsonObject()
        .getString("id");
    String stranger = signUp();

    assertThat(api.get("/v1/profile/resumes/" + id, stranger).statusCode()).isEqualTo(404);
    assertThat(api.get("/v1/profile/resumes/" + id + "/file", stranger).statusCode()).isEqualTo(404);
    assertThat(api.get("/v1/profile/resumes/" + id, owner).statusCode()).isEqualTo(200);
  }

  @Test
  void hostileFilesGetA4xxWithTheirReasonAndTheServerStaysHealthy() {
    String access = signUp();
    Map<String, Object[]> cases = new LinkedHashMap<>();
    cases.put("encrypted", new Object[] {ResumeFixtures.encryptedPdf(), "cv.pdf", ResumeFixtures.PDF, 422});
    cases.put("truncated", new Object[] {ResumeFixtures.truncatedPdf(), "cv.pdf", ResumeFixtures.PDF, 422});
    cases.put("scan", new Object[] {ResumeFixtures.imageOnlyPdf(), "scan.pdf", ResumeFixtures.PDF, 422});
    cases.put("thousands of pages", new Object[] {ResumeFixtures.manyPagesPdf(3_000), "cv.pdf", ResumeFixtures.PDF,
        422});
    cases.put("zip bomb", new Object[] {ResumeFixtures.docxZipBomb(), "cv.docx", ResumeFixtures.DOCX, 422});
    cases.put("docx declared as pdf", new Object[] {ResumeFixtures.docx(), "cv.pdf", ResumeFixtures.PDF, 415});
    cases.put("garbage", new Object[] {ResumeFixtures.garbage(), "cv.pdf", ResumeFixtures.PDF, 415});
    cases.put("text file", new Object[] {"just text".getBytes(StandardCharsets.UTF_8), "cv.txt", "text/plain", 415});
    cases.put("over 10 MB", new Object[] {new byte[11 * 1024 * 1024], "cv.pdf", ResumeFixtures.PDF, 413});

    cases.forEach((name, c) -> {
      HttpResponse<Buffer> response = upload(access, (byte[]) c[0], (String) c[1], (String) c[2]);
      assertThat(response.statusCode()).as(name + ": " + response.bodyAsString()).isEqualTo(c[3]);
      assertThat(response.getHeader("Content-Type")).as(name).isEqualTo("application/problem+json");
    });
    HttpResponse<Buffer> noFile = client.post(node.port(), "127.0.0.1", "/v1/profile/resumes")
        .putHeader("Authorization", "Bearer " + access)
        .sendMultipartForm(MultipartForm.create().attribute("nothing", "here")).await();
    assertThat(noFile.statusCode()).isEqualTo(400);

    assertThat(api.get("/v1/profile/resumes", access).bodyAsJsonObject().getJsonArray("items"))
        .as("rejected files are not stored").isEmpty();
    assertThat(api.get("/health/ready", null).statusCode()).isEqualTo(200);
  }

  @Test
  void uploadsNeedASignedInUser() {
    assertThat(client.post(node.port(), "127.0.0.1", "/v1/profile/resumes")
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "cv.pdf",
            Buffer.buffer(ResumeFixtures.singleColumnPdf()), ResumeFixtures.PDF)).await().statusCode()).isEqualTo(401);
  }

  private static String rowBytes(String sql) throws Exception {
    StringBuilder out = new StringBuilder();
    try (Connection c = node.database().connect(); PreparedStatement s = c.prepareStatement(sql);
         ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          Object value = rs.getObject(i);
          out.append(value instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(value));
        }
      }
    }
    return out.toString();
  }
}
