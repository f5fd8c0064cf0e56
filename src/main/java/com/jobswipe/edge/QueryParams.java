package com.jobswipe.edge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Query parameters: strict, each given at most once, errors as 400 problems named by parameter. */
public final class QueryParams {

  private static final Pattern PAGE_SIZE = Pattern.compile("[0-9]{1,3}");
  private static final Pattern WHOLE = Pattern.compile("[0-9]{1,18}");

  private QueryParams() {
  }

  /** {@code limit}: a page size from 1 to {@code max}, {@code defaultSize} when absent. */
  public static int pageSize(RoutingContext ctx, int defaultSize, int max) {
    return single(ctx, "limit").map(text -> {
      if (!PAGE_SIZE.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > max) {
        throw invalid("limit", "must be a whole number from 1 to " + max);
      }
      return Integer.parseInt(text);
    }).orElse(defaultSize);
  }

  /** A non-negative whole number (a numeric cursor, say), if given. */
  public static Optional<Long> wholeNumber(RoutingContext ctx, String name) {
    return single(ctx, name).map(text -> {
      if (!WHOLE.matcher(text).matches()) {
        throw invalid(name, "must be a non-negative whole number");
      }
      return Long.parseLong(text);
    });
  }

  /** A query parameter given at most once; twice is ambiguous, so refused. */
  public static Optional<String> single(RoutingContext ctx, String name) {
    return only(name, ctx.queryParam(name));
  }

  /** The same rule over parameters already read into a map (for parsers kept free of Vert.x). */
  public static Optional<String> single(Map<String, List<String>> query, String name) {
    return only(name, query.getOrDefault(name, List.of()));
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

  private static Optional<String> only(String name, List<String> values) {
    if (values.size() > 1) {
      throw invalid(name, "must be given once");
    }
    return values.stream().findFirst();
  }
}
