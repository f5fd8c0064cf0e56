package com.jobswipe.profile;

import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Optional;

/**
 * What ranking needs of a candidate, with nothing that names or reaches them: skills (the profile's and the
 * primary resume's), job titles (wanted and held), the headline and the preferences. {@code version} changes
 * whenever any of it, or the resume, changes: a cached profile vector made from another version is stale.
 */
public record CandidateSignals(List<String> skills, List<String> titles, Optional<String> headline,
                               JsonObject preferences, String version) {

  public CandidateSignals {
    skills = List.copyOf(skills);
    titles = List.copyOf(titles);
  }

  /** True when there is nothing to rank by: the feed falls back to fresh jobs. */
  public boolean isEmpty() {
    return skills.isEmpty() && titles.isEmpty() && headline.isEmpty();
  }
}
