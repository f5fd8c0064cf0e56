package com.jobswipe.feed;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.EmbeddingMessages.EmbedRequest;
import com.jobswipe.bus.EmbeddingMessages.Embeddings;
import com.jobswipe.bus.Ping;
import com.jobswipe.bus.Role;
import com.jobswipe.bus.SourceMessages.JobsChanged;
import com.jobswipe.matching.JobFixtures;
import com.jobswipe.testing.RunningNode;
import com.jobswipe.text.CompanyNames;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Puts fixture postings into a node's database the way ingestion leaves them, vectors included. */
final class FeedFixtures {

  private FeedFixtures() {
  }

  /** Inserts the postings, embeds them through the node's embedding role and announces them to matching. */
  static List<UUID> insert(RunningNode node, List<JobFixtures.Posting> postings) throws Exception {
    EventBus bus = node.app().vertx().eventBus();
    Embeddings embeddings = Bus.EMBED.request(bus, new EmbedRequest(postings.stream()
        .map(JobFixtures.Posting::embeddingText).toList())).await();
    List<UUID> ids = new ArrayList<>();
    try (Connection db = node.database().connect();
         PreparedStatement insert = db.prepareStatement("""
             INSERT INTO jobs (id, title, company, company_key, title_key, locations, remote, employment_type,
                               salary_max, salary_currency, salary_period, description_text, apply_url, posted_at,
                               family, seniority, skills, embedding, embedding_model)
             VALUES (?, ?, ?, ?, lower(?), ?, ?, 'full_time', ?, ?, 'year', ?, ?, ?, ?, ?, ?, ?, ?)""")) {
      for (int i = 0; i < postings.size(); i++) {
        JobFixtures.Posting p = postings.get(i);
        UUID id = UUID.randomUUID();
        ids.add(id);
        float[] vector = embeddings.vectors().get(i);
        Float[] boxed = new Float[vector.length];
        for (int d = 0; d < vector.length; d++) {
          boxed[d] = vector[d];
        }
        Array locations = db.createArrayOf("text", p.locations().toArray());
        Array skills = db.createArrayOf("text", p.skills().toArray());
        Array embedding = db.createArrayOf("real", boxed);
        int c = 1;
        insert.setObject(c++, id);
        insert.setString(c++, p.title());
        insert.setString(c++, p.company());
        insert.setString(c++, CompanyNames.key(p.company()));
        insert.setString(c++, p.title());
        insert.setArray(c++, locations);
        insert.setString(c++, p.remote());
        insert.setDouble(c++, p.salaryMax());
        insert.setString(c++, p.currency());
        insert.setString(c++, p.description());
        insert.setString(c++, "https://boards.example.com/" + CompanyNames.key(p.company()) + "/jobs/" + id);
        insert.setTimestamp(c++, Timestamp.from(p.postedAt()));
        insert.setString(c++, p.family());
        insert.setString(c++, p.seniority());
        insert.setArray(c++, skills);
        insert.setArray(c++, embedding);
        insert.setString(c, embeddings.model());
        insert.addBatch();
      }
      insert.executeBatch();
    }
    Bus.JOBS_UPSERTED.publish(bus, new JobsChanged(ids.stream().map(UUID::toString).toList(), true));
    return ids;
  }

  /**
   * Waits until the node's matching index holds {@code jobs} open jobs and is built on the model most open jobs'
   * vectors are of (it applies events asynchronously, and the first vectors of a model make it rebuild its graph:
   * until then the count is right but the vectors are not searched).
   */
  static void awaitIndexed(RunningNode node, int jobs) throws Exception {
    EventBus bus = node.app().vertx().eventBus();
    String model = majorityModel(node);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    JsonObject seen = new JsonObject();
    while (Instant.now().isBefore(deadline)) {
      seen = Bus.ping(Role.MATCHING).requestLocal(bus, new Ping("test")).await().details();
      if (seen.getInteger("jobs") == jobs && java.util.Objects.equals(model, seen.getString("model"))) {
        return;
      }
      java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }
    throw new AssertionError("matching index is " + seen.encode() + ", expected " + jobs + " jobs on " + model);
  }

  /** The model most open jobs' vectors are of; null when none has a vector. */
  private static String majorityModel(RunningNode node) throws Exception {
    try (Connection db = node.database().connect();
         PreparedStatement query = db.prepareStatement("SELECT embedding_model FROM jobs WHERE status = 'open'"
             + " AND embedding_model IS NOT NULL GROUP BY embedding_model ORDER BY count(*) DESC LIMIT 1");
         ResultSet row = query.executeQuery()) {
      return row.next() ? row.getString(1) : null;
    }
  }
}
