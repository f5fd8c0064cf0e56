package com.jobswipe.matching;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A job as a feed card; the same fields as the api role's job cards (schema {@code JobCard} in /openapi.yaml). */
final class Cards {

  private Cards() {
  }

  static JsonObject card(JobDoc job) {
    JsonObject salary = job.salary().map(s -> {
      JsonObject json = new JsonObject().put("currency", s.currency()).put("period", s.period().orElse(null));
      s.min().ifPresent(min -> json.put("min", min));
      s.max().ifPresent(max -> json.put("max", max));
      return json;
    }).orElse(null);
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
