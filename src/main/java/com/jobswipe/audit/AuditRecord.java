package com.jobswipe.audit;

import com.jobswipe.auth.Principal;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * One sensitive act: who did it (a user, or a service through an API key), to what, under which request.
 *
 * @param action what was done, such as {@code user.export} or {@code source.delete}
 * @param targetKind what kind of thing it was done to: {@code user}, {@code source}, {@code domain}, {@code api-key}
 * @param targetId the user id, source id, domain name or key id
 * @param detail what else identifies the act (the resume read, the created key's name); never secrets
 */
record AuditRecord(String actorKind, UUID actorId, String action, String targetKind, String targetId,
                   String requestId, JsonObject detail) {

  static final String USER = "user";
  static final String API_KEY = "api-key";

  static AuditRecord by(Principal actor, String action, String targetKind, String targetId, String requestId,
                        JsonObject detail) {
    return actor.userId()
        .map(id -> new AuditRecord(USER, id, action, targetKind, targetId, requestId, detail))
        .orElseGet(() -> new AuditRecord(API_KEY, actor.apiKeyId().orElseThrow(), action, targetKind, targetId,
            requestId, detail));
  }
}
