package com.jobswipe.feed;

import com.jobswipe.bus.Bus;
import com.jobswipe.bus.EmbeddingMessages.EmbedRequest;
import com.jobswipe.bus.EmptyRequest;
import com.jobswipe.profile.CandidateSignals;
import com.jobswipe.profile.ProfileSignals;
import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The candidate's profile vector, cached in {@code profile_embeddings}. It is made again when the profile or
 * its resumes changed since (the signals' version differs) or when the embedding role now runs another model
 * (asked at most once a {@link #MODEL_CHECK}). Ranking works without it (BM25 only), so an embedding role that
 * is down or busy costs the vector half of one feed, never the feed.
 */
final class ProfileVectors {

  private static final Logger LOG = LoggerFactory.getLogger(ProfileVectors.class);

  /** A vector and the model that made it. */
  record ProfileVector(float[] vector, String model) {
  }

  private final Pool pool;
  private final EventBus bus;
  private final ProfileSignals signals;
  private static final Duration MODEL_CHECK = Duration.ofMinutes(1);

  /** The embedding role's model as last asked, and when; a cached vector of another model is stale. */
  private volatile String embeddingModel;
  private volatile long modelCheckedAt;

  ProfileVectors(Pool pool, EventBus bus, ProfileSignals signals) {
    this.pool = pool;
    this.bus = bus;
    this.signals = signals;
  }

  private Future<Optional<String>> currentModel() {
    long now = System.nanoTime();
    if (embeddingModel != null && now - modelCheckedAt < MODEL_CHECK.toNanos()) {
      return Future.succeededFuture(Optional.of(embeddingModel));
    }
    return Bus.EMBEDDING_MODEL.request(bus, new EmptyRequest())
        .map(info -> {
          embeddingModel = info.model();
          modelCheckedAt = now;
          return Optional.of(info.model());
        })
        .otherwise(e -> Optional.ofNullable(embeddingModel));
  }

  Future<Optional<ProfileVector>> of(UUID userId, CandidateSignals candidate) {
    if (candidate.isEmpty()) {
      return Future.succeededFuture(Optional.empty());
    }
    return Future.join(currentModel(), pool.preparedQuery("SELECT embedding, model, source_version"
            + " FROM profile_embeddings WHERE user_id = $1").execute(Tuple.of(userId)))
        .compose(both -> {
          Optional<String> currentModel = both.resultAt(0);
          RowSet<Row> rows = both.resultAt(1);
          if (rows.size() == 1) {
            Row row = rows.iterator().next();
            String model = row.getString("model");
            boolean current = row.getString("source_version").equals(candidate.version())
                && currentModel.map(model::equals).orElse(true);
            if (current) {
              return Future.succeededFuture(Optional.of(new ProfileVector(floats(row.getArrayOfFloats("embedding")),
                  model)));
            }
          }
          return embed(userId, candidate);
        });
  }

  private Future<Optional<ProfileVector>> embed(UUID userId, CandidateSignals candidate) {
    return signals.embeddingText(userId, candidate)
        .compose(text -> Bus.EMBED.request(bus, new EmbedRequest(List.of(text))))
        .compose(embeddings -> {
          float[] vector = embeddings.vectors().get(0);
          Float[] boxed = new Float[vector.length];
          for (int i = 0; i < vector.length; i++) {
            boxed[i] = vector[i];
          }
          return pool.preparedQuery("INSERT INTO profile_embeddings (user_id, embedding, model, source_version)"
                  + " VALUES ($1, $2, $3, $4) ON CONFLICT (user_id) DO UPDATE SET embedding = EXCLUDED.embedding,"
                  + " model = EXCLUDED.model, source_version = EXCLUDED.source_version, computed_at = now()")
              .execute(Tuple.tuple().addUUID(userId).addArrayOfFloat(boxed).addString(embeddings.model())
                  .addString(candidate.version()))
              .map(done -> Optional.of(new ProfileVector(vector, embeddings.model())));
        })
        .recover(e -> {
          LOG.warn("profile vector for the feed unavailable, ranking by text only: {}", e.toString());
          return Future.succeededFuture(Optional.empty());
        });
  }

  private static float[] floats(Float[] boxed) {
    float[] out = new float[boxed.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = boxed[i];
    }
    return out;
  }
}
