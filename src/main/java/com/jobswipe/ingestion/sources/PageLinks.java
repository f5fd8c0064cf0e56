package com.jobswipe.ingestion.sources;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads and rewrites the query of a source URL to build the next page's URL; other parameters are kept as sent. */
final class PageLinks {

  private PageLinks() {
  }

  static Optional<String> param(URI url, String name) {
    String query = url.getRawQuery();
    if (query == null) {
      return Optional.empty();
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      if (key.equals(name)) {
        return Optional.of(eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  static OptionalLong longParam(URI url, String name) {
    try {
      return param(url, name).map(v -> OptionalLong.of(Long.parseLong(v.trim()))).orElse(OptionalLong.empty());
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** {@code url} with each of {@code params} set (replacing an existing value, or appended). */
  static URI withParams(URI url, Map<String, String> params) {
    Map<String, String> raw = new LinkedHashMap<>();
    String query = url.getRawQuery();
    if (query != null && !query.isEmpty()) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        raw.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? null : pair.substring(eq + 1));
      }
    }
    params.forEach((k, v) -> raw.put(URLEncoder.encode(k, StandardCharsets.UTF_8), URLEncoder.encode(v, StandardCharsets.UTF_8)));
    StringBuilder rebuilt = new StringBuilder();
    raw.forEach((k, v) -> {
      if (!rebuilt.isEmpty()) {
        rebuilt.append('&');
      }
      rebuilt.append(k);
      if (v != null) {
        rebuilt.append('=').append(v);
      }
    });
    String whole = url.toString();
    int cut = whole.indexOf('?');
    if (cut < 0) {
      cut = whole.indexOf('#');
    }
    String base = cut < 0 ? whole : whole.substring(0, cut);
    String fragment = url.getRawFragment() == null ? "" : "#" + url.getRawFragment();
    return URI.create(base + "?" + rebuilt + fragment);
  }
}
