package com.jobswipe.automation.browser;

import io.vertx.core.json.JsonObject;

import java.util.List;

import static com.jobswipe.text.JsonLists.strings;

/**
 * What a page showed at one moment (from {@code page-state.js}): URL, visible text (bounded), visible error
 * messages, controls the browser finds invalid, and which of the adapter's confirmation selectors were visible.
 */
record PageState(String url, String text, List<String> errors, List<String> invalid, List<String> matched) {

  static final PageState EMPTY = new PageState("", "", List.of(), List.of(), List.of());

  static PageState parse(String json) {
    JsonObject o = new JsonObject(json);
    return new PageState(o.getString("url", ""), o.getString("text", ""), strings(o.getJsonArray("errors")),
        strings(o.getJsonArray("invalid")), strings(o.getJsonArray("matched")));
  }
}
