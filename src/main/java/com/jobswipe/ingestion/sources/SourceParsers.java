package com.jobswipe.ingestion.sources;

import com.jobswipe.ingestion.SourceKind;

import java.util.Optional;

/** The parser for each source kind. */
public final class SourceParsers {

  private SourceParsers() {
  }

  public static SourceParser forKind(SourceKind kind) {
    return forKind(kind, Optional.empty());
  }

  /**
   * @param configuredCompany the source config's {@code company}: the name used for single-company boards
   *                          (Greenhouse, Lever, Ashby, Workable, SmartRecruiters) ahead of whatever the payload or
   *                          the board token in the URL says, and the fallback for feed items that name no company;
   *                          ignored by the multi-company boards (Remotive, RemoteOK)
   */
  public static SourceParser forKind(SourceKind kind, Optional<String> configuredCompany) {
    Optional<String> company = configuredCompany.map(CleanText::line).filter(s -> !s.isEmpty());
    return switch (kind) {
      case RSS -> new FeedParser(company);
      case GREENHOUSE -> new GreenhouseParser(company);
      case LEVER -> new LeverParser(company);
      case ASHBY -> new AshbyParser(company);
      case WORKABLE -> new WorkableParser(company);
      case SMARTRECRUITERS -> new SmartRecruitersParser(company);
      case REMOTIVE -> new RemotiveParser();
      case REMOTEOK -> new RemoteOkParser();
    };
  }
}
