package com.jobswipe.bus;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Messages of the ingestion role's admin endpoints and job events. */
public final class SourceMessages {

  private SourceMessages() {
  }

  /** A source to register: {@code url} is the full list endpoint (or feed URL) of its kind. */
  public record SourceSpec(String kind, String url, String name, String schedule, JsonObject config)
      implements BusMessage {

    public static SourceSpec fromJson(JsonObject json) {
      return new SourceSpec(json.getString("kind"), json.getString("url"), json.getString("name"),
          json.getString("schedule", "PT1H"), json.getJsonObject("config", new JsonObject()));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("kind", kind).put("url", url).put("name", name).put("schedule", schedule)
          .put("config", config);
    }
  }

  public record SourceRef(String id) implements BusMessage {
    public static SourceRef fromJson(JsonObject json) {
      return new SourceRef(json.getString("id"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("id", id);
    }
  }

  /** One source as the admin API shows it (its fields are listed in /openapi.yaml, schema {@code Source}). */
  public record SourceState(JsonObject source) implements BusMessage {
    public static SourceState fromJson(JsonObject json) {
      return new SourceState(json.getJsonObject("source"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("source", source);
    }
  }

  public record SourcePage(JsonArray items) implements BusMessage {
    public static SourcePage fromJson(JsonObject json) {
      return new SourcePage(json.getJsonArray("items"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("items", items);
    }
  }

  /** What one poll of a source did. */
  public record SyncReport(String sourceId, boolean notModified, int fetched, int created, int updated,
                           int merged, int unchanged, int closed, long durationMs) implements BusMessage {
    public static SyncReport fromJson(JsonObject json) {
      return new SyncReport(json.getString("sourceId"), json.getBoolean("notModified"), json.getInteger("fetched"),
          json.getInteger("created"), json.getInteger("updated"), json.getInteger("merged"),
          json.getInteger("unchanged"), json.getInteger("closed"), json.getLong("durationMs"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("sourceId", sourceId).put("notModified", notModified).put("fetched", fetched)
          .put("created", created).put("updated", updated).put("merged", merged).put("unchanged", unchanged)
          .put("closed", closed).put("durationMs", durationMs);
    }
  }

  /** Open jobs per family, seniority and workplace. */
  public record CategoryCounts(JsonObject families, JsonObject seniority, JsonObject workplace, long open)
      implements BusMessage {
    public static CategoryCounts fromJson(JsonObject json) {
      return new CategoryCounts(json.getJsonObject("families"), json.getJsonObject("seniority"),
          json.getJsonObject("workplace"), json.getLong("open"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("families", families).put("seniority", seniority).put("workplace", workplace)
          .put("open", open);
    }
  }

  /** What a verify pass did: apply pages re-checked, and jobs closed because theirs answered 404 or 410. */
  public record VerifyReport(int checked, int closed) implements BusMessage {
    public static VerifyReport fromJson(JsonObject json) {
      return new VerifyReport(json.getInteger("checked"), json.getInteger("closed"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("checked", checked).put("closed", closed);
    }
  }

  /** Jobs that were created or whose text changed ({@code jobs.upserted}), or that closed ({@code jobs.closed}). */
  public record JobsChanged(List<String> jobIds, boolean textChanged) implements BusMessage {
    public static JobsChanged fromJson(JsonObject json) {
      return new JobsChanged(json.getJsonArray("jobIds").stream().map(String::valueOf).toList(),
          json.getBoolean("textChanged", false));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("jobIds", new JsonArray(jobIds)).put("textChanged", textChanged);
    }
  }
}
