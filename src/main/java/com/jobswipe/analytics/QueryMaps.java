package com.jobswipe.analytics;

import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A request's query parameters as a plain map, so the window parser stays free of Vert.x. */
final class QueryMaps {

  private QueryMaps() {
  }

  static Map<String, List<String>> of(RoutingContext ctx) {
    Map<String, List<String>> map = new HashMap<>();
    try {
      ctx.queryParams().forEach(entry -> map.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue()));
    } catch (IllegalArgumentException e) {
      // A malformed escape (%zz) in the query string.
      throw new Problem(ProblemType.BAD_REQUEST, "The query string is not valid");
    }
    return map;
  }
}
