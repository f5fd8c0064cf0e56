package com.jobswipe.demo;

import com.jobswipe.Application;
import com.jobswipe.bus.Role;
import com.jobswipe.config.AppConfig;
import com.jobswipe.config.ConfigException;
import com.jobswipe.config.ConfigLoader;
import com.jobswipe.demo.DemoWorld.Employer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code java -jar jobswipe.jar demo}: a whole node on the embedded defaults plus a small world to try it in. The
 * process serves nine employers' job boards and application forms on loopback ({@link DemoBoards}), then sets
 * itself up through its own public API as an operator would: two accounts are registered and verified by the
 * link in the mail the node wrote to its outbox, the admin registers the boards as sources and polls them (the
 * real fetch, parse, dedup, embed and index path), and the demo account gets a profile and a resume, so its feed
 * is full and a right swipe really applies through Chromium. The only loosening is
 * {@code JOBSWIPE_FETCH_ALLOW_LOOPBACK}: fetchers and browsers may reach 127/8 and ::1, nothing else private.
 */
public final class DemoMode implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DemoMode.class);

  public static final String DEMO_EMAIL = "demo@example.com";
  public static final String ADMIN_EMAIL = "admin@example.com";
  private static final Duration MAIL_WAIT = Duration.ofSeconds(60);

  /** The two accounts; {@code created} is false when an earlier run on the same data directory made them. */
  public record Accounts(String demoPassword, String adminPassword, boolean created) {
  }

  private final Application app;
  private final DemoBoards boards;
  private final Accounts accounts;
  private final int sources;

  private DemoMode(Application app, DemoBoards boards, Accounts accounts, int sources) {
    this.app = app;
    this.boards = boards;
    this.accounts = accounts;
    this.sources = sources;
  }

  /**
   * What demo mode runs with: {@code env} as given, plus the demo's own defaults where {@code env} is silent (data
   * under {@code ./data-demo}, the admin account's email) and loopback fetches allowed.
   */
  public static Map<String, String> environment(Map<String, String> env) {
    Map<String, String> all = new HashMap<>(env);
    all.putIfAbsent("JOBSWIPE_DATA_DIR", "./data-demo");
    String port = all.getOrDefault("PORT", "8080");
    all.putIfAbsent("JOBSWIPE_PUBLIC_URL", "http://localhost:" + port);
    String admins = all.getOrDefault("JOBSWIPE_ADMIN_EMAILS", "");
    all.put("JOBSWIPE_ADMIN_EMAILS", admins.isBlank() ? ADMIN_EMAIL : admins + "," + ADMIN_EMAIL);
    all.put("JOBSWIPE_FETCH_ALLOW_LOOPBACK", "true");
    return all;
  }

  /**
   * Starts the node and seeds the world; blocks the calling thread (never an event loop) until the demo account's
   * feed can be read. {@code JOBSWIPE_DEMO_BOARDS_PORT} places the employers' server (default: the API port + 1,
   * so sources registered by an earlier run keep working).
   */
  public static DemoMode start(Map<String, String> env) {
    Map<String, String> all = environment(env);
    AppConfig config = ConfigLoader.load(all);
    int boardsPort = boardsPort(all, config.http().port());
    Application app = Application.start(config, EnumSet.allOf(Role.class));
    try {
      DemoWorld world = DemoWorld.generate(33);
      Path uploads = config.dataDir().resolve("demo-uploads");
      Files.createDirectories(uploads);
      DemoBoards boards = DemoBoards.start(app.vertx(), world, boardsPort, uploads).await();
      WebClient client = WebClient.create(app.vertx(), new WebClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(config.http().port()).setFollowRedirects(false));
      Seeder seeder = new Seeder(client, config.dataDir());
      Accounts accounts = seeder.accounts();
      String admin = seeder.adminToken(accounts);
      int registered = 0;
      for (Employer employer : world.employers()) {
        String id = seeder.source(admin, employer, boards.sourceUrl(employer));
        JsonObject report = seeder.sync(admin, id);
        log.info("demo source {}: {}", employer.name(), report.encode());
        registered++;
      }
      if (accounts.created()) {
        seeder.profile(seeder.refreshed(DEMO_EMAIL));
      }
      client.close();
      return new DemoMode(app, boards, accounts, registered);
    } catch (IOException e) {
      app.stop();
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      app.stop();
      throw e;
    }
  }

  private static int boardsPort(Map<String, String> env, int apiPort) {
    String value = env.get("JOBSWIPE_DEMO_BOARDS_PORT");
    if (value == null || value.isBlank()) {
      return apiPort == 0 ? 0 : apiPort + 1;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port < 0 || port > 65535) {
        throw new NumberFormatException();
      }
      return port;
    } catch (NumberFormatException e) {
      throw new ConfigException("JOBSWIPE_DEMO_BOARDS_PORT", "must be a port number (0 picks a free one)");
    }
  }

  public Application app() {
    return app;
  }

  public Accounts accounts() {
    return accounts;
  }

  public DemoBoards boards() {
    return boards;
  }

  /** What a person starting the demo reads once: where to go and how to sign in. */
  public String banner() {
    AppConfig config = app.node().config();
    String base = config.auth().publicUrl().toString().replaceAll("/$", "");
    StringBuilder text = new StringBuilder()
        .append("\n  JobSwipe demo is running\n\n")
        .append("  Web client     ").append(base).append("/app/\n");
    if (accounts.created()) {
      text.append("  Demo account   ").append(DEMO_EMAIL).append("  password ").append(accounts.demoPassword()).append('\n')
          .append("  Admin account  ").append(ADMIN_EMAIL).append("  password ").append(accounts.adminPassword()).append('\n')
          .append("  (shown this once; also kept in ").append(Seeder.credentialsFile(config.dataDir())).append(")\n");
    } else {
      text.append("  Accounts       ").append(DEMO_EMAIL).append(", ").append(ADMIN_EMAIL)
          .append(" (passwords in ").append(Seeder.credentialsFile(config.dataDir())).append(")\n");
    }
    text.append("  Mail (.eml)    ").append(config.dataDir().resolve("outbox"))
        .append("  — sign up yourself and open the verification mail here\n")
        .append("  Job boards     ").append(boards.baseUrl()).append(" (").append(sources)
        .append(" Greenhouse, Lever and Ashby boards)\n");
    if (!Files.isExecutable(config.automation().chromium())) {
      text.append("  Automation     unavailable: no browser at ").append(config.automation().chromium())
          .append(" (set JOBSWIPE_CHROMIUM); right swipes stay queued\n");
    }
    return text.toString();
  }

  @Override
  public void close() {
    app.stop();
  }

  /** The demo's calls to its own public API, each awaited on the launcher thread. */
  private static final class Seeder {

    private final WebClient client;
    private final Path dataDir;
    /** Refresh tokens of the accounts registered in this run, by email. */
    private final Map<String, String> refreshTokens = new HashMap<>();

    Seeder(WebClient client, Path dataDir) {
      this.client = client;
      this.dataDir = dataDir;
    }

    static Path credentialsFile(Path dataDir) {
      return dataDir.resolve("demo-accounts.json");
    }

    /** Registers and verifies both accounts on the first run; later runs read their passwords back. */
    Accounts accounts() throws IOException {
      Path file = credentialsFile(dataDir);
      if (Files.exists(file)) {
        JsonObject saved = new JsonObject(Files.readString(file));
        return new Accounts(saved.getString("demoPassword"), saved.getString("adminPassword"), false);
      }
      Accounts accounts = new Accounts(password(), password(), true);
      register(DEMO_EMAIL, accounts.demoPassword());
      register(ADMIN_EMAIL, accounts.adminPassword());
      Files.createDirectories(dataDir);
      Path partial = dataDir.resolve("demo-accounts.json.part");
      Files.deleteIfExists(partial);
      Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(partial, new JsonObject().put("demoEmail", DEMO_EMAIL).put("demoPassword", accounts.demoPassword())
          .put("adminEmail", ADMIN_EMAIL).put("adminPassword", accounts.adminPassword()).encodePrettily());
      Files.move(partial, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return accounts;
    }

    /** Registers, then follows the link in the verification mail the node wrote to its outbox. */
    private void register(String email, String password) throws IOException {
      HttpResponse<Buffer> created = send(client.post("/v1/auth/register"), null,
          new JsonObject().put("email", email).put("password", password));
      if (created.statusCode() == 409) {
        throw new IllegalStateException(email + " exists but " + credentialsFile(dataDir) + " is gone: start the demo"
            + " on a fresh JOBSWIPE_DATA_DIR");
      }
      expect(created, 201, "register " + email);
      refreshTokens.put(email, created.bodyAsJsonObject().getString("refreshToken"));
      String token = OutboxMail.awaitVerificationToken(dataDir.resolve("outbox"), email, MAIL_WAIT);
      expect(send(client.post("/v1/auth/verify-email"), null, new JsonObject().put("token", token)), 204,
          "verify " + email);
    }

    /**
     * The admin's access token. Sign-ins share the auth quota of five a minute per client address with registration
     * and verification, and the person starting the demo signs in next from the same address; so a fresh account's
     * session is refreshed (which reads the role again, now admin) instead of signing in once more.
     */
    String adminToken(Accounts accounts) {
      return accounts.created() ? refreshed(ADMIN_EMAIL) : login(ADMIN_EMAIL, accounts.adminPassword());
    }

    /** A new access token from the session {@code email} got at registration in this run. */
    String refreshed(String email) {
      HttpResponse<Buffer> refreshed = send(client.post("/v1/auth/refresh"), null,
          new JsonObject().put("refreshToken", refreshTokens.get(email)));
      expect(refreshed, 200, "refresh the session of " + email);
      refreshTokens.put(email, refreshed.bodyAsJsonObject().getString("refreshToken"));
      return refreshed.bodyAsJsonObject().getString("accessToken");
    }

    String login(String email, String password) {
      HttpResponse<Buffer> login = send(client.post("/v1/auth/login"), null,
          new JsonObject().put("email", email).put("password", password));
      expect(login, 200, "sign in as " + email);
      return login.bodyAsJsonObject().getString("accessToken");
    }

    /** The source's id: registered now, or by an earlier run. */
    String source(String admin, Employer employer, String url) {
      HttpResponse<Buffer> created = send(client.post("/v1/admin/sources"), admin, new JsonObject()
          .put("kind", employer.board().name().toLowerCase(java.util.Locale.ROOT)).put("url", url)
          .put("name", employer.name() + " (demo)").put("schedule", "PT1H")
          .put("config", new JsonObject().put("company", employer.name())));
      if (created.statusCode() == 201) {
        return created.bodyAsJsonObject().getString("id");
      }
      expect(created, 409, "register the source " + url);
      HttpResponse<Buffer> list = send(client.get("/v1/admin/sources"), admin, null);
      expect(list, 200, "list sources");
      for (Object item : list.bodyAsJsonObject().getJsonArray("items")) {
        JsonObject source = (JsonObject) item;
        if (url.equals(source.getString("url"))) {
          return source.getString("id");
        }
      }
      throw new IllegalStateException("the source " + url + " is registered but not listed");
    }

    JsonObject sync(String admin, String sourceId) {
      HttpResponse<Buffer> sync = send(client.post("/v1/admin/sources/" + sourceId + "/sync"), admin, new JsonObject());
      expect(sync, 200, "poll source " + sourceId);
      return sync.bodyAsJsonObject();
    }

    /** A backend engineer's profile and resume, so the feed has a clear favourite family and forms can be filled. */
    void profile(String token) {
      JsonObject body = new JsonObject()
          .put("fullName", "Dana Demo")
          .put("email", DEMO_EMAIL)
          .put("phone", "+49 30 1234567")
          .put("location", "Berlin")
          .put("links", new JsonObject().put("linkedin", "https://www.linkedin.com/in/dana-demo")
              .put("github", "https://github.com/dana-demo"))
          .put("skills", new JsonArray().add("Kotlin").add("Java").add("PostgreSQL").add("Kafka"))
          .put("workAuthorization", new JsonObject().put("authorizedCountries", new JsonArray().add("DE").add("NO"))
              .put("requiresSponsorship", false));
      expect(send(client.request(HttpMethod.PUT, "/v1/profile"), token, body), 200, "save the demo profile");
      HttpResponse<Buffer> upload = client.post("/v1/profile/resumes").bearerTokenAuthentication(token)
          .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "Dana-Demo-CV.pdf",
              Buffer.buffer(DemoResume.pdf()), "application/pdf")).await();
      expect(upload, 201, "upload the demo resume");
    }

    private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, String bearer, JsonObject body) {
      if (bearer != null) {
        request.bearerTokenAuthentication(bearer);
      }
      return body == null ? request.send().await() : request.sendJsonObject(body).await();
    }

    private static void expect(HttpResponse<Buffer> response, int status, String what) {
      if (response.statusCode() != status) {
        throw new IllegalStateException("demo setup could not " + what + ": HTTP " + response.statusCode() + " "
            + response.bodyAsString());
      }
    }

    private static String password() {
      String alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
      SecureRandom random = new SecureRandom();
      StringBuilder password = new StringBuilder();
      for (int i = 0; i < 20; i++) {
        password.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return password.toString();
    }
  }
}
