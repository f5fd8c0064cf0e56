package com.jobswipe.bus;

import io.vertx.core.json.JsonObject;

import java.util.Optional;

/** Messages about applications: their live events, and the commands a user sends to a running one. */
public final class ApplicationMessages {

  private ApplicationMessages() {
  }

  /**
   * One step or state change of an application. {@code eventId} is its row in {@code application_audit_log}
   * (increasing), so a client that reconnects with the last id it saw gets exactly what it missed.
   */
  public record ApplicationEvent(long eventId, String applicationId, String userId, String status, String step,
                                 String outcome, String at, JsonObject detail) implements BusMessage {
    public static ApplicationEvent fromJson(JsonObject json) {
      return new ApplicationEvent(json.getLong("eventId"), json.getString("applicationId"), json.getString("userId"),
          json.getString("status"), json.getString("step"), json.getString("outcome"), json.getString("at"),
          json.getJsonObject("detail", new JsonObject()));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("eventId", eventId).put("applicationId", applicationId).put("userId", userId)
          .put("status", status).put("step", step).put("outcome", outcome).put("at", at).put("detail", detail);
    }

    /** What the owner's client receives (the user id is implied by the socket). */
    public JsonObject forClient() {
      JsonObject json = toJson().put("type", "application");
      json.remove("userId");
      return json;
    }
  }

  /**
   * Continue an application paused for a human. The answers to its pending questions travel sealed (the api
   * role seals them for {@code application_tasks.answers_enc} under {@code answersKeyId}), never in the clear.
   */
  public record ResumeApplication(String applicationId, String userId, Optional<String> answersSealed,
                                  Optional<String> answersKeyId) implements BusMessage {
    public static ResumeApplication fromJson(JsonObject json) {
      return new ResumeApplication(json.getString("applicationId"), json.getString("userId"),
          Optional.ofNullable(json.getString("answersSealed")), Optional.ofNullable(json.getString("answersKeyId")));
    }

    @Override
    public JsonObject toJson() {
      JsonObject json = new JsonObject().put("applicationId", applicationId).put("userId", userId);
      answersSealed.ifPresent(a -> json.put("answersSealed", a));
      answersKeyId.ifPresent(k -> json.put("answersKeyId", k));
      return json;
    }
  }

  /** Stop an application that has not been submitted. */
  public record CancelApplication(String applicationId, String userId) implements BusMessage {
    public static CancelApplication fromJson(JsonObject json) {
      return new CancelApplication(json.getString("applicationId"), json.getString("userId"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("applicationId", applicationId).put("userId", userId);
    }
  }

  /**
   * The owner's verdict on an application whose submission could not be confirmed (UNKNOWN): {@code status} is
   * {@code SUBMITTED} ("I got the confirmation") or {@code FAILED} ("it did not go through").
   */
  public record SettleApplication(String applicationId, String userId, String status) implements BusMessage {
    public static SettleApplication fromJson(JsonObject json) {
      return new SettleApplication(json.getString("applicationId"), json.getString("userId"), json.getString("status"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("applicationId", applicationId).put("userId", userId).put("status", status);
    }
  }

  /** An application's status after a command. */
  public record ApplicationState(String applicationId, String status) implements BusMessage {
    public static ApplicationState fromJson(JsonObject json) {
      return new ApplicationState(json.getString("applicationId"), json.getString("status"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("applicationId", applicationId).put("status", status);
    }
  }

  /** Per-ATS-domain politeness as stored (the {@code DomainSettings} schema of /openapi.yaml), one or many. */
  public record DomainSettings(JsonObject domain) implements BusMessage {
    public static DomainSettings fromJson(JsonObject json) {
      return new DomainSettings(json.getJsonObject("domain"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("domain", domain);
    }
  }

  /** Every domain with settings of its own (the others use the defaults). */
  public record DomainList(io.vertx.core.json.JsonArray domains) implements BusMessage {
    public static DomainList fromJson(JsonObject json) {
      return new DomainList(json.getJsonArray("domains"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("domains", domains);
    }
  }

  /** A right swipe queued this application; automation takes it from here. */
  public record ApplicationQueued(String applicationId, String userId) implements BusMessage {
    public static ApplicationQueued fromJson(JsonObject json) {
      return new ApplicationQueued(json.getString("applicationId"), json.getString("userId"));
    }

    @Override
    public JsonObject toJson() {
      return new JsonObject().put("applicationId", applicationId).put("userId", userId);
    }
  }
}
