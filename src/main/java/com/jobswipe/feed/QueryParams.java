package com.jobswipe.feed;

import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The query parameters of the paged lists: strict, each given at most once, errors by parameter name. */
final class QueryParams {

  private static final Pattern PAGE_SIZE = Pattern.compile("[0-9]{1,3}");

  private QueryParams() {
  }

  static int pageSize(RoutingContext ctx, int defaultSize, int max) {
    return single(ctx, "limit").map(text -> {
      if (!PAGE_SIZE.matcher(text).matches() || Integer.parseInt(text) < 1 || Integer.parseInt(text) > max) {
        throw invalid("limit", "must be a whole number from 1 to " + max);
      }
      return Integer.parseInt(text);
    }).orElse(defaultSize);
  }

  /** A query parameter given at most once; twice is ambiguous, so refused. */
  static Optional<String> single(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.size() > 1) {
      throw invalid(name, "must be given once");
    }
    return values.stream().findFirst();
  }

  static Problem invalid(String name, String message) {
    return new Problem(ProblemType.VALIDATION, "The query parameter '" + name + "' " + message,
        new JsonObject().put("errors", new JsonArray().add(new JsonObject().put("field", name).put("message", message))));
  }
}
