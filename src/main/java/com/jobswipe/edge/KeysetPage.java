package com.jobswipe.edge;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One page of a user's newest-first list read by keyset (saved jobs, applications): the page size and the cursor
 * from the query, and the reply with {@code items} and {@code nextCursor}. The store reads one row more than the
 * page, which says whether another page follows.
 *
 * @param list  the list's name, bound into its cursors
 * @param after where the previous page ended, when the query gave a cursor
 */
public record KeysetPage(String list, UUID userId, Optional<PageCursor> after, int size) {

  /**
   * The page a request asks for (its size and bounds are the contract's); a cursor of another list or user is a 400
   * naming {@code cursor}.
   */
  public static KeysetPage of(RoutingContext ctx, String list, UUID userId) {
    Parameters parameters = Contract.parameters(ctx);
    Optional<PageCursor> after = parameters.text("cursor").map(text -> PageCursor.decode(list, userId, text)
        .orElseThrow(() -> QueryParams.invalid("cursor", "is not a cursor this list gave out")));
    return new KeysetPage(list, userId, after, parameters.pageSize());
  }

  /** How many rows the store reads: one more than the page. */
  public int rowsToRead() {
    return size + 1;
  }

  /**
   * The reply for rows read with {@link #rowsToRead()}.
   *
   * @param item  a row as the client sees it
   * @param keyOf a row's place in the list: its time and id, as the store orders them
   */
  public JsonObject reply(List<Row> rows, Function<Row, JsonObject> item, Function<Row, PageCursor> keyOf) {
    JsonArray items = new JsonArray();
    rows.stream().limit(size).forEach(row -> items.add(item.apply(row)));
    JsonObject page = new JsonObject().put("items", items).putNull("nextCursor");
    if (rows.size() > size) {
      page.put("nextCursor", keyOf.apply(rows.get(size - 1)).encode(list, userId));
    }
    return page;
  }
}
