package com.jobswipe.bus;

import io.vertx.core.json.JsonObject;

import java.util.Objects;

/**
 * Whether an automation node can submit applications right now, and if not, why: one of the codes below. The code
 * is a string on the wire so that a node that knows a newer code than its caller never makes the caller fail.
 */
public record AutomationStatus(String code, String nodeId) implements BusMessage {

  /** Chromium launches and the backlog is connected: applications are taken and submitted. */
  public static final String READY = "ready";
  /** No executable Chromium at the configured path ({@code JOBSWIPE_CHROMIUM}): nothing is taken off the backlog. */
  public static final String BROWSER_MISSING = "browser-missing";
  /** Chromium is there but its last launch failed: runs are attempted and fail until it starts. */
  public static final String BROWSER_FAILED = "browser-failed";
  /** The durable backlog (RabbitMQ) is unreachable: nothing new is taken until it reconnects. */
  public static final String BACKLOG_DISCONNECTED = "backlog-disconnected";

  public AutomationStatus {
    Objects.requireNonNull(code);
    Objects.requireNonNull(nodeId);
  }

  public boolean ready() {
    return READY.equals(code);
  }

  public static AutomationStatus fromJson(JsonObject json) {
    return new AutomationStatus(json.getString("code"), json.getString("nodeId"));
  }

  @Override
  public JsonObject toJson() {
    return new JsonObject().put("code", code).put("nodeId", nodeId);
  }
}
