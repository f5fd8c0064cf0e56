package com.jobswipe.automation;

import com.jobswipe.automation.browser.AtsReplicas;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Candidates and Greenhouse postings for the tests that push many applications through the API. */
final class Applicants {

  static final String GREENHOUSE_POSTING = "/greenhouse/acme/jobs/4012345";
  private static final String PASSWORD = "correct battery horse staple 7";

  private Applicants() {
  }

  /** Registers a candidate whose forms are sent as {@code email}, with a PDF resume; answers the access token. */
  static String candidate(Api api, String email) throws Exception {
    String token = api.post("/v1/auth/register", new JsonObject().put("email", "account." + email)
        .put("password", PASSWORD)).bodyAsJsonObject().getString("accessToken");
    HttpResponse<Buffer> profile = api.request(HttpMethod.PUT, "/v1/profile").bearerTokenAuthentication(token)
        .sendJsonObject(new JsonObject().put("fullName", "Jane Doe").put("email", email).put("phone", "+49 30 1234567")
            .put("location", "Berlin")
            .put("links", new JsonObject().put("linkedin", "https://www.linkedin.com/in/janedoe")
                .put("github", "https://github.com/janedoe").put("portfolio", "https://janedoe.dev"))
            .put("workAuthorization", new JsonObject()
                .put("authorizedCountries", new JsonArray().add("US").add("DE")).put("requiresSponsorship", false)))
        .await();
    assertThat(profile.statusCode()).as(profile.bodyAsString()).isEqualTo(200);
    HttpResponse<Buffer> upload = api.request(HttpMethod.POST, "/v1/profile/resumes").bearerTokenAuthentication(token)
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "cv.pdf",
            Buffer.buffer(AutomationFlowTestResumes.pdf()), "application/pdf"))
        .await();
    assertThat(upload.statusCode()).as(upload.bodyAsString()).isEqualTo(201);
    return token;
  }

  /** A posting on the Greenhouse replica by a company of its own (so the per-company cap stays out of the way). */
  static String greenhouseJob(TestDatabase database, AtsReplicas replicas) throws Exception {
    String company = "Company " + UUID.randomUUID();
    try (Connection db = database.connect();
         PreparedStatement insert = db.prepareStatement("INSERT INTO jobs (title, company, company_key, apply_url,"
             + " ats_domain) VALUES ('Backend Engineer', ?, ?, ?, '127.0.0.1') RETURNING id")) {
      insert.setString(1, company);
      insert.setString(2, company.toLowerCase());
      insert.setString(3, replicas.url(GREENHOUSE_POSTING));
      try (ResultSet rs = insert.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  /** A right swipe; answers the application it queued. */
  static String swipeRight(Api api, String token, String jobId) {
    HttpResponse<Buffer> swipe = api.post("/v1/swipes", new JsonObject().put("jobId", jobId).put("direction", "right")
        .put("clientId", UUID.randomUUID().toString()), token);
    assertThat(swipe.statusCode()).as(swipe.bodyAsString()).isEqualTo(201);
    return swipe.bodyAsJsonObject().getString("applicationId");
  }
}
