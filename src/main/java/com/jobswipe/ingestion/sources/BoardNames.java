package com.jobswipe.ingestion.sources;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The board token in an ATS URL ({@code /v1/boards/acme-corp/jobs}) and a display name made from it, the last resort
 * for a company name when neither the source config nor the payload gives one.
 */
final class BoardNames {

  private BoardNames() {
  }

  /** The path segment right after {@code marker}, e.g. {@code tokenAfter(url, "boards")}. */
  static Optional<String> tokenAfter(URI url, String marker) {
    String path = url.getRawPath();
    if (path == null) {
      return Optional.empty();
    }
    List<String> segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    int at = segments.indexOf(marker);
    if (at < 0 || at + 1 >= segments.size()) {
      return Optional.empty();
    }
    String token = URLDecoder.decode(segments.get(at + 1), StandardCharsets.UTF_8).trim();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  /** {@code acme-corp} → {@code Acme Corp}. */
  static String displayName(String token) {
    return Arrays.stream(token.split("[-_.\\s]+"))
        .filter(w -> !w.isEmpty())
        .map(w -> w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1))
        .collect(Collectors.joining(" "));
  }

  /** Config first, then what the payload says, then the token in the URL. */
  static String company(Optional<String> configured, Optional<String> fromPayload, URI sourceUrl, String marker) {
    return configured
        .or(() -> fromPayload.map(CleanText::line).filter(s -> !s.isEmpty()))
        .or(() -> tokenAfter(sourceUrl, marker).map(BoardNames::displayName))
        .orElse("");
  }
}
