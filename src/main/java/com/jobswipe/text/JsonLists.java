package com.jobswipe.text;

import io.vertx.core.json.JsonArray;

import java.util.List;

/** JSON arrays read as Java lists, the one way every role does it. */
public final class JsonLists {

  private JsonLists() {
  }

  /** Each element as a string; a missing array is an empty list. */
  public static List<String> strings(JsonArray array) {
    return array == null ? List.of() : array.stream().map(String::valueOf).toList();
  }
}
