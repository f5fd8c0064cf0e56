package com.jobswipe.matching;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A job as a feed card; the same fields as the api role's job cards (schema {@code JobCard} in /openapi.yaml). */
final class Cards {

  private Cards() {
  }

  static JsonObject card(JobDoc job) {
    JsonObject salary = job.salary().map(s -> new JsonObject()
        .put("min", s.min().isPresent() ? s.min().getAsDouble() : null)
        .put("max", s.max().isPresent() ? s.max().getAsDouble() : null)
        .put("currency", s.currency())
        .put("period", s.period().orElse(null))).orElse(null);
    return new JsonObject()
        .put("id", job.id().toString())
        .put("title", job.title())
        .put("company", job.company())
        .put("location", job.locations().isEmpty() ? null : job.locations().get(0))
        .put("locations", new JsonArray(job.locations()))
        .put("remote", job.remote())
        .put("applyUrl", job.applyUrl())
        .put("employmentType", job.employmentType().orElse(null))
        .put("salary", salary)
        .put("postedAt", job.postedAt().map(Object::toString).orElse(null))
        .put("family", job.family().orElse(null))
        .put("seniority", job.seniority().orElse(null))
        .put("skills", new JsonArray(job.skills()));
  }
}
