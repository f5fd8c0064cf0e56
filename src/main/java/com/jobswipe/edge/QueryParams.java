package com.jobswipe.edge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Query parameters as text, for what the contract cannot say (a window's two ends together, a cursor that must be
 * one we gave out): errors as 400 problems named by parameter. Each parameter's own form and bounds are the
 * contract's ({@link Contract#parameters}).
 */
public final class QueryParams {

  private QueryParams() {
  }

  /** A query parameter given at most once, from parameters already read into a map; twice is ambiguous, so refused. */
  public static Optional<String> single(Map<String, List<String>> query, String name) {
    List<String> values = query.getOrDefault(name, List.of());
    if (values.size() > 1) {
      throw invalid(name, "must be given once");
    }
    return values.stream().findFirst();
  }

  /** Every query parameter of the request, by name. */
  public static Map<String, List<String>> all(RoutingContext ctx) {
    Map<String, List<String>> map = new HashMap<>();
    ctx.queryParams().forEach(entry -> map.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(entry.getValue()));
    return map;
  }

  public static Problem invalid(String name, String message) {
    return new Problem(ProblemType.VALIDATION, "The query parameter '" + name + "' " + message,
        new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("field", name).put("message", message))));
  }
}
