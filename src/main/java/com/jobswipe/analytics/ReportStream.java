package com.jobswipe.analytics;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends a report as it is read: rows come from a server-side cursor {@link #FETCH} at a time and go to the
 * response as they arrive; when the client reads slower than the database answers, the cursor pauses until the
 * response drains. So a year of rows never sits in memory, in JSON or in CSV: at most a fetch of rows and a chunk.
 *
 * <p>The cursor runs in a REPEATABLE READ transaction, so the rollup state the window reports and the rows agree
 * even if the rollup job commits meanwhile. Nothing is written before the first chunk (or the end): a query that
 * fails at once still gets a problem document; one that fails half-way cuts the response off.
 */
final class ReportStream {

  static final int FETCH = 2_000;

  enum Format {
    JSON("application/json"), CSV("text/csv; charset=utf-8; header=present");

    private final String contentType;

    Format(String contentType) {
      this.contentType = contentType;
    }
  }

  private ReportStream() {
  }

  static Future<Void> send(Pool pool, RoutingContext ctx, Report report, ReportWindow window, Format format) {
    return pool.getConnection().compose(conn -> conn.begin().compose(tx -> conn
            .query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").execute()
            .compose(set -> conn.query(AnalyticsQueries.NO_JIT).execute())
            .compose(set -> conn.query("SELECT complete_through FROM analytics_rollup_state WHERE id = 1").execute())
            .compose(state -> {
              var through = state.iterator().hasNext() ? state.iterator().next().getLocalDate(0) : null;
              JsonObject covered = window.toJson().put("rolledUpThrough", through == null ? null : through.toString())
                  .put("generatedAt", Instant.now().toString());
              return conn.prepare(report.sql()).compose(statement -> pipe(ctx, report, covered, format,
                  statement.createStream(FETCH, Tuple.of(window.from(), window.to(), window.groupBy().sql()))));
            })
            .eventually(() -> finish(conn, tx))));
  }

  private static Future<Void> finish(SqlConnection conn, Transaction tx) {
    return tx.rollback().otherwiseEmpty().eventually(conn::close);
  }

  private static Future<Void> pipe(RoutingContext ctx, Report report, JsonObject window, Format format,
                                   RowStream<Row> rows) {
    HttpServerResponse response = ctx.response();
    Promise<Void> done = Promise.promise();
    Writer writer = new Writer(ctx, report, window, format);
    response.closeHandler(closed -> {
      rows.close();
      done.tryFail("the client went away");
    });
    rows.exceptionHandler(failure -> {
      rows.close();
      done.tryFail(failure);
    });
    rows.endHandler(end -> {
      writer.end();
      done.tryComplete();
    });
    rows.handler(row -> {
      writer.row(row);
      if (response.writeQueueFull()) {
        rows.pause();
        response.drainHandler(drained -> rows.resume());
      }
    });
    return done.future();
  }

  /**
   * Formats rows into chunks; the status line and head leave with the first chunk, so a failure before it can still
   * be answered with a problem document.
   */
  private static final class Writer {
    private static final int CHUNK = 32 * 1024;
    private final RoutingContext ctx;
    private final Report report;
    private final JsonObject window;
    private final Format format;
    private final StringBuilder pending = new StringBuilder(CHUNK + 1024);
    private boolean started;
    private boolean first = true;

    Writer(RoutingContext ctx, Report report, JsonObject window, Format format) {
      this.ctx = ctx;
      this.report = report;
      this.window = window;
      this.format = format;
    }

    void row(Row row) {
      start();
      List<Object> values = new ArrayList<>(report.columns().size());
      for (String column : report.columns()) {
        values.add(row.getValue(column));
      }
      if (format == Format.CSV) {
        pending.append(Csv.record(values.stream().map(Writer::text).toList()));
      } else {
        JsonObject json = new JsonObject();
        for (int i = 0; i < values.size(); i++) {
          json.put(report.columns().get(i), values.get(i));
        }
        pending.append(first ? "" : ",").append(json.encode());
        first = false;
      }
      if (pending.length() >= CHUNK) {
        flush();
      }
    }

    void end() {
      start();
      pending.append(format == Format.CSV ? "" : "]}");
      ctx.response().end(pending.toString());
    }

    /** Rows go out in chunks of about {@link #CHUNK} characters: a write per row cost more than the query. */
    private void flush() {
      ctx.response().write(pending.toString());
      pending.setLength(0);
    }

    private void start() {
      if (started) {
        return;
      }
      started = true;
      HttpServerResponse response = ctx.response().setChunked(true).setStatusCode(200)
          .putHeader("Content-Type", format.contentType).putHeader("Cache-Control", "no-store");
      if (format == Format.CSV) {
        response.putHeader("Content-Disposition", "attachment; filename=\"jobswipe-" + report.id() + "-"
            + window.getString("from") + "-" + window.getString("to") + ".csv\"");
        pending.append(Csv.record(report.columns()));
      } else {
        String head = new JsonObject().put("report", report.id()).put("window", window)
            .put("columns", new io.vertx.core.json.JsonArray(report.columns())).encode();
        // The head's closing brace gives way to the rows array, which the rows then fill.
        pending.append(head, 0, head.length() - 1).append(",\"rows\":[");
      }
    }

    private static String text(Object value) {
      if (value == null) {
        return null;
      }
      if (value instanceof BigDecimal decimal) {
        return decimal.toPlainString();
      }
      return value.toString();
    }
  }
}
