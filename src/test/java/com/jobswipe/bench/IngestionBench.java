package com.jobswipe.bench;

import com.jobswipe.bus.Role;
import com.jobswipe.testing.Admins;
import com.jobswipe.testing.Api;
import com.jobswipe.testing.RunningNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingestion throughput: a local server plays a SmartRecruiters company with N postings (100 a page, as the
 * real API pages), and one poll runs fetch → parse → catalogue → dedup → store through the real node and
 * database. Prints jobs/s for the first poll (all new), the second (all unchanged) and the peak heap.
 *
 * <p>{@code bench/ingestion.sh 10000 100000}
 */
public final class IngestionBench {

  private static final int PAGE = 100;
  private static final String[] TITLES = {"Backend Engineer", "Data Scientist", "Product Designer",
      "Account Executive", "Site Reliability Engineer", "Marketing Manager", "QA Engineer", "Financial Analyst"};
  private static final String[] CITIES = {"Berlin", "New York", "London", "Zürich", "São Paulo", "Toronto"};

  private IngestionBench() {
  }

  public static void main(String[] args) throws Exception {
    int postings = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    Vertx vertx = Vertx.vertx();
    HttpServer board = vertx.createHttpServer().requestHandler(request -> {
      int offset = Integer.parseInt(request.getParam("offset", "0"));
      int limit = Integer.parseInt(request.getParam("limit", String.valueOf(PAGE)));
      JsonArray content = new JsonArray();
      for (int i = offset; i < Math.min(offset + limit, postings); i++) {
        content.add(posting(i));
      }
      request.response().putHeader("Content-Type", "application/json").end(new JsonObject()
          .put("offset", offset).put("limit", limit).put("totalFound", postings).put("content", content).encode());
    }).listen(0, "127.0.0.1").await();

    RunningNode node = RunningNode.start(EnumSet.of(Role.API, Role.INGESTION, Role.NOTIFICATION), Map.of(
        "JOBSWIPE_FETCH_ALLOW_PRIVATE", "true",
        "JOBSWIPE_FETCH_HOST_DELAY_MS", "0",
        "JOBSWIPE_INGESTION_SCHEDULER", "false",
        "JOBSWIPE_EMAIL_VERIFICATION", "off",
        "JOBSWIPE_ADMIN_EMAILS", "bench@example.com"));
    try {
      Api api = new Api(vertx, node.port());
      String admin = Admins.admin(api, node.database(), "bench@example.com", "throughput under load 2026");
      String sourceId = required(api.post("/v1/admin/sources", new JsonObject().put("kind", "smartrecruiters")
          .put("name", "Bench Co").put("url", "http://127.0.0.1:" + board.actualPort()
              + "/v1/companies/benchco/postings"), admin)).getString("id");

      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long baseline = memory.getHeapMemoryUsage().getUsed();
      AtomicLong peak = new AtomicLong(baseline);
      long sampler = vertx.setPeriodic(50, id -> peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max));

      long first = System.nanoTime();
      JsonObject report = required(api.post("/v1/admin/sources/" + sourceId + "/sync", new JsonObject(), admin));
      double firstSeconds = (System.nanoTime() - first) / 1e9;
      long second = System.nanoTime();
      JsonObject again = required(api.post("/v1/admin/sources/" + sourceId + "/sync", new JsonObject(), admin));
      double secondSeconds = (System.nanoTime() - second) / 1e9;
      vertx.cancelTimer(sampler);

      System.out.printf("postings=%d first: %.1f s, %.0f jobs/s (created %d) | second: %.1f s, %.0f jobs/s "
              + "(unchanged %d) | peak heap %d MiB (baseline %d MiB)%n",
          postings, firstSeconds, postings / firstSeconds, report.getInteger("created"),
          secondSeconds, postings / secondSeconds, again.getInteger("unchanged"),
          peak.get() >> 20, baseline >> 20);
    } finally {
      node.close();
      vertx.close().await();
    }
  }

  private static JsonObject required(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response) {
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  private static JsonObject posting(int i) {
    String title = TITLES[i % TITLES.length] + " " + (i / TITLES.length);
    return new JsonObject()
        .put("id", "7440000" + i)
        .put("name", title)
        .put("uuid", java.util.UUID.nameUUIDFromBytes(("bench" + i).getBytes()).toString())
        .put("refNumber", "REF" + i)
        .put("releasedDate", "2026-11-01T10:00:00.000Z")
        .put("location", new JsonObject().put("city", CITIES[i % CITIES.length]).put("country", "de")
            .put("remote", i % 3 == 0))
        .put("company", new JsonObject().put("identifier", "BenchCo").put("name", "Bench Co"))
        .put("typeOfEmployment", new JsonObject().put("id", "permanent").put("label", "Full-time"))
        .put("experienceLevel", new JsonObject().put("id", "mid_senior_level").put("label", "Mid-Senior Level"))
        .put("ref", "https://api.smartrecruiters.com/v1/companies/BenchCo/postings/7440000" + i);
  }
}
