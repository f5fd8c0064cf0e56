package com.jobswipe.ingestion;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of job source we poll; the names are those of the API ({@code kind}) and the database. */
public enum SourceKind {
  RSS, GREENHOUSE, LEVER, ASHBY, WORKABLE, SMARTRECRUITERS, REMOTIVE, REMOTEOK;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SourceKind> fromId(String id) {
    return Arrays.stream(values()).filter(k -> k.id().equals(id)).findFirst();
  }
}
