package com.jobswipe.bench;

import com.jobswipe.analytics.RollupJob;
import com.jobswipe.bus.Role;
import com.jobswipe.db.ConnectionSettings;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Report latency over a year of data: {@code impressions} feed impressions (default 10,000,000), a tenth as many
 * swipes, a hundredth as many applications, generated in PostgreSQL with generate_series over the 365 days before
 * today. Measures the generation, the first full rollup, a periodic run after it, and each report over the year as
 * JSON and CSV, per day and per week: the first request after the node starts (cold: new connections, nothing
 * prepared) and the median of five more (warm).
 *
 * <p>{@code bench/reports.sh [impressions]}
 */
public final class ReportsBench {

  private static final List<String> REPORTS = List.of("funnel", "matching", "automation", "sources", "users");

  private static final String BENCH_ADMIN = "bench.admin@example.com";

  private ReportsBench() {
  }

  public static void main(String[] args) throws Exception {
    long impressions = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
    Vertx vertx = Vertx.vertx();
    TestDatabase database = TestDatabase.create();
    EnumSet<Role> roles = EnumSet.of(Role.API, Role.NOTIFICATION);
    try {
      RunningNode.startOn(database, roles, Map.of()).app().stop();
      generate(database, impressions);

      ConnectionSettings db = ConnectionSettings.fromUrl(database.url());
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(db.pgConnectOptions())
          .using(vertx).build();
      long started = System.nanoTime();
      RollupJob.Outcome built = new RollupJob(pool).rebuild().await();
      System.out.printf("first rollup (every day): %d days in %.1f s%n", built.days(), seconds(started));
      started = System.nanoTime();
      RollupJob.Outcome again = new RollupJob(pool).runNow().await();
      System.out.printf("periodic run right after: %d day(s) in %.2f s%n", again.days(), seconds(started));
      pool.close().await();

      RunningNode node = RunningNode.startOn(database, roles, Map.of("JOBSWIPE_ADMIN_EMAILS", BENCH_ADMIN));
      try {
        Api api = new Api(vertx, node.port());
        String admin = admin(api, database);
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String window = "from=" + today.minusDays(365) + "&to=" + today;
        System.out.println();
        System.out.println("| report | groupBy | format | rows | bytes | cold ms | warm ms (median of 5) |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
        for (String groupBy : List.of("day", "week")) {
          for (String report : REPORTS) {
            for (String format : List.of("json", "csv")) {
              String path = "/v1/admin/reports/" + report + "?" + window + "&groupBy=" + groupBy + "&format=" + format;
              long t0 = System.nanoTime();
              HttpResponse<Buffer> first = api.get(path, admin);
              double cold = (System.nanoTime() - t0) / 1e6;
              if (first.statusCode() != 200) {
                throw new IllegalStateException(path + ": " + first.statusCode() + " " + first.bodyAsString());
              }
              List<Double> warm = new ArrayList<>();
              for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                api.get(path, admin);
                warm.add((System.nanoTime() - t) / 1e6);
              }
              warm.sort(Double::compare);
              int rows = format.equals("json") ? first.bodyAsJsonObject().getJsonArray("rows").size()
                  : first.bodyAsString().split("\r\n").length - 1;
              System.out.printf("| %s | %s | %s | %,d | %,d | %.0f | %.0f |%n", report, groupBy, format, rows,
                  first.body().length(), cold, warm.get(2));
            }
          }
        }
      } finally {
        // Not node.close(): that drops the database, which REPORTS_BENCH_KEEP asks to keep.
        node.app().stop();
      }
    } finally {
      if (System.getenv("REPORTS_BENCH_KEEP") == null) {
        database.close();
      } else {
        System.out.println("kept database " + database.name());
      }
      vertx.close().await();
    }
  }

  private static String admin(Api api, TestDatabase database) throws Exception {
    String token = com.jobswipe.testing.Admins.admin(api, database, BENCH_ADMIN, "correct battery horse staple 7");
    HttpResponse<Buffer> key = api.post("/v1/admin/api-keys", new JsonObject().put("name", "bench")
        .put("scopes", new JsonArray().add("reports:read")), token);
    return key.bodyAsJsonObject().getString("key");
  }

  /** A year of use at {@code n} impressions, timed table by table. */
  private static void generate(TestDatabase database, long n) throws Exception {
    long users = Math.max(100, n / 1_000);
    long jobs = Math.max(1_000, n / 200);
    long swipes = n / 10;
    long applications = n / 100;
    System.out.printf("generating %,d impressions, %,d swipes, %,d applications, %,d users, %,d jobs%n", n, swipes,
        applications, users, jobs);
    step(database, "sources", """
        INSERT INTO sources (id, kind, name, url)
        SELECT md5('source' || s)::uuid, (ARRAY['greenhouse','lever','ashby','rss','workable'])[1 + s % 5],
               'Source ' || s, 'https://example.com/source/' || s
        FROM generate_series(0, 19) s""");
    step(database, "users", """
        INSERT INTO users (id, email, email_verified_at, created_at)
        SELECT md5('user' || u)::uuid, 'user' || u || '@example.com',
               CASE WHEN u %% 5 <> 0 THEN now() - (u %% 365) * interval '1 day' + interval '1 hour' END,
               now() - (u %% 365) * interval '1 day'
        FROM generate_series(0, %d) u""".formatted(users - 1));
    step(database, "jobs", """
        INSERT INTO jobs (id, title, company, company_key, apply_url, ats_kind, ats_domain, family, posted_at,
                          status, closed_at, first_seen_at)
        SELECT md5('job' || j)::uuid, 'Job ' || j, 'Company ' || (j %% 500), 'company ' || (j %% 500),
               'https://ats' || (j %% 20) || '.example.com/jobs/' || j,
               (ARRAY['greenhouse','lever','ashby','rss','workable'])[1 + (j %% 20) %% 5], 'ats' || (j %% 20) || '.example.com',
               (ARRAY['engineering','design','sales','marketing','data','product','support','finance','legal','ops'])[1 + j %% 10],
               now() - (j %% 365) * interval '1 day',
               CASE WHEN j %% 4 = 0 THEN 'closed' ELSE 'open' END,
               CASE WHEN j %% 4 = 0 THEN now() - (j %% 365) * interval '1 day' + interval '20 days' END,
               now() - (j %% 365) * interval '1 day'
        FROM generate_series(0, %d) j""".formatted(jobs - 1));
    sql(database, "UPDATE jobs SET closed_at = now() - interval '1 hour' WHERE closed_at > now()");
    step(database, "job_sources", """
        INSERT INTO job_sources (source_id, external_id, job_id, first_seen_at, last_seen_at)
        SELECT md5('source' || (j %% 20))::uuid, 'x' || j, md5('job' || j)::uuid, now() - (j %% 365) * interval '1 day',
               now() - interval '1 hour'
        FROM generate_series(0, %d) j
        UNION ALL
        SELECT md5('source' || ((j + 7) %% 20))::uuid, 'd' || j, md5('job' || j)::uuid,
               now() - (j %% 365) * interval '1 day' + interval '2 hours', now() - interval '1 hour'
        FROM generate_series(0, %d, 10) j""".formatted(jobs - 1, jobs - 1));
    // Rankings of 20 cards; request r belongs to one user, on day r % 365, ranking version v1 or v2.
    step(database, "feed_impressions", """
        INSERT INTO feed_impressions (user_id, feed_request_id, job_id, rank, score, ranking_version, created_at)
        SELECT md5('user' || abs(hashtext('u' || (i / 20))) %% %d)::uuid, md5('request' || (i / 20))::uuid,
               md5('job' || abs(hashtext('j' || i)) %% %d)::uuid, (i %% 20)::int, 1.0 / (1 + i %% 20),
               CASE WHEN (i / 20) %% 2 = 0 THEN 'v1' ELSE 'v2' END,
               now() - ((i / 20) %% 365) * interval '1 day' - interval '2 hours'
        FROM generate_series(0::bigint, %d) i""".formatted(users, jobs, n - 1));
    // Every tenth card is swiped a minute later: right 30 %, save 10 %, left 60 %; higher ranks more often right.
    step(database, "user_job_interactions", """
        INSERT INTO user_job_interactions (user_id, job_id, direction, client_id, ranking_version, feed_rank,
                                           created_at, updated_at)
        SELECT user_id, job_id,
               CASE WHEN abs(hashtext('d' || id)) %% 10 < 2 + CASE WHEN rank < 5 THEN 2 ELSE 0 END THEN 'right'
                    WHEN abs(hashtext('d' || id)) %% 10 = 9 THEN 'save' ELSE 'left' END,
               'c' || id, ranking_version, rank, created_at + interval '1 minute', created_at + interval '1 minute'
        FROM feed_impressions WHERE abs(hashtext('s' || id)) %% 10 = 0 LIMIT %d
        ON CONFLICT DO NOTHING""".formatted(swipes));
    step(database, "applications", """
        INSERT INTO applications (id, user_id, job_id, interaction_id, status, created_at, updated_at, submitted_at)
        SELECT md5('app' || i.id)::uuid, i.user_id, i.job_id, i.id,
               (ARRAY['SUBMITTED','SUBMITTED','SUBMITTED','SUBMITTED','SUBMITTED','SUBMITTED','SUBMITTED',
                      'FAILED','NEEDS_HUMAN','UNKNOWN'])[1 + abs(hashtext(i.id::text)) %% 10],
               i.created_at, i.created_at + interval '30 minutes',
               CASE WHEN abs(hashtext(i.id::text)) %% 10 < 7
                    THEN i.created_at + (1 + abs(hashtext(i.id::text)) %% 120) * interval '1 minute' END
        FROM user_job_interactions i WHERE i.direction = 'right' LIMIT %d""".formatted(applications));
    step(database, "application_audit_log", """
        INSERT INTO application_audit_log (application_id, step, outcome, started_at, detail, created_at)
        SELECT id, 'run', CASE status WHEN 'FAILED' THEN (ARRAY['no_form','gone','timeout'])[1 + abs(hashtext(id::text)) % 3]
                                      WHEN 'NEEDS_HUMAN' THEN (ARRAY['captcha','needs_answers'])[1 + abs(hashtext(id::text)) % 2]
                                      WHEN 'UNKNOWN' THEN 'unconfirmed' ELSE 'confirmed' END,
               updated_at, jsonb_build_object('status', status), updated_at
        FROM applications""");
    step(database, "application_outcomes", """
        INSERT INTO application_outcomes (application_id, user_id, outcome, created_at)
        SELECT id, user_id, (ARRAY['interview','rejected','no_response','offer','withdrawn'])[1 + abs(hashtext(id::text)) % 5],
               LEAST(submitted_at + interval '5 days', now() - interval '1 hour')
        FROM applications WHERE status = 'SUBMITTED' AND abs(hashtext(id::text)) % 3 = 0""");
    step(database, "source_polls", """
        INSERT INTO source_polls (source_id, started_at, duration_ms, ok, fetched, created, merged, closed)
        SELECT md5('source' || s)::uuid, now() - h * interval '1 hour', 200 + (h * 37 + s) % 3000,
               (h + s) % 50 <> 0, 100 + (h + s) % 50, (h + s) % 5, 0, (h + s) % 3
        FROM generate_series(0, 19) s, generate_series(1, 365 * 24) h""");
    step(database, "analyze", "ANALYZE");
  }

  private static void step(TestDatabase database, String name, String sql) throws Exception {
    long started = System.nanoTime();
    sql(database, sql);
    System.out.printf("  %-24s %6.1f s%n", name, seconds(started));
  }

  private static void sql(TestDatabase database, String sql) throws Exception {
    try (Connection c = database.connect(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static double seconds(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1e9;
  }
}
