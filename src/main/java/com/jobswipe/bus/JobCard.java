package com.jobswipe.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;

/**
 * The job card every swipe-loop answer shows (feed items from matching, saved jobs and job pages from the api
 * role): each source maps its own data into this record and only {@link #toJson} writes the wire shape (schema
 * {@code JobCard} in /openapi.yaml), so the clients see the same names and numbers everywhere. Add fields, never
 * rename.
 */
public record JobCard(UUID id, String title, String company, List<String> locations, String remote, String applyUrl,
                      Optional<String> employmentType, Optional<Salary> salary, Optional<Instant> postedAt,
                      Optional<String> family, Optional<String> seniority, List<String> skills) {

  public JobCard {
    locations = List.copyOf(locations);
    skills = List.copyOf(skills);
  }

  /** A posted pay range, present when either bound is known. */
  public record Salary(OptionalDouble min, OptionalDouble max, String currency, Optional<String> period) {

    JsonObject toJson() {
      return new JsonObject()
          .put("min", amount(min))
          .put("max", amount(max))
          .put("currency", currency)
          .put("period", period.orElse(null));
    }
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id.toString())
        .put("title", title)
        .put("company", company)
        .put("location", locations.isEmpty() ? null : locations.get(0))
        .put("locations", new JsonArray(locations))
        .put("remote", remote)
        .put("applyUrl", applyUrl)
        .put("employmentType", employmentType.orElse(null))
        .put("salary", salary.map(Salary::toJson).orElse(null))
        .put("postedAt", postedAt.map(Instant::toString).orElse(null))
        .put("family", family.orElse(null))
        .put("seniority", seniority.orElse(null))
        .put("skills", new JsonArray(skills));
  }

  /** A whole amount as a whole JSON number (120000, not 120000.0); cents stay. */
  private static Number amount(OptionalDouble value) {
    if (value.isEmpty()) {
      return null;
    }
    double v = value.getAsDouble();
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? (Number) (long) v : (Number) v;
  }
}
