package com.jobswipe.notification;

import com.jobswipe.bus.ApplicationMessages.ApplicationEvent;
import com.jobswipe.bus.NotificationKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationRulesTest {

  private static ApplicationEvent event(long id, String status, JsonObject detail) {
    return new ApplicationEvent(id, "6f1c0f0e-7d7e-4b8f-9b3a-2f6f4c1c9a10", "0b6f8a4e-55a1-4a57-9c42-1f7f0f2b3c4d",
        status, "step", "ok", "2026-05-04T10:00:00Z", detail);
  }

  @Test
  void theStatusesThatConcernTheUserBecomeNotifications() {
    assertThat(ApplicationRules.kindOf(event(1, "NEEDS_HUMAN", new JsonObject())))
        .contains(NotificationKind.APPLICATION_NEEDS_HUMAN);
    assertThat(ApplicationRules.kindOf(event(2, "SUBMITTED", new JsonObject())))
        .contains(NotificationKind.APPLICATION_SUBMITTED);
    assertThat(ApplicationRules.kindOf(event(3, "FAILED", new JsonObject()))).contains(NotificationKind.APPLICATION_FAILED);
    assertThat(ApplicationRules.kindOf(event(4, "UNKNOWN", new JsonObject()))).contains(NotificationKind.APPLICATION_UNKNOWN);
    for (String quiet : new String[] {"QUEUED", "RUNNING", "FILLING", "SUBMITTING", "CANCELLED"}) {
      assertThat(ApplicationRules.kindOf(event(5, quiet, new JsonObject()))).as(quiet).isEmpty();
    }
  }

  @Test
  void aRateLimitIsToldOnlyWhenItLastsAnHourOrMore() {
    assertThat(ApplicationRules.kindOf(event(6, "RATE_LIMITED", new JsonObject().put("retryAt", "2026-05-04T10:20:00Z"))))
        .isEmpty();
    assertThat(ApplicationRules.kindOf(event(7, "RATE_LIMITED", new JsonObject().put("retryAt", "2026-05-04T11:00:00Z"))))
        .contains(NotificationKind.APPLICATION_RATE_LIMITED);
    assertThat(ApplicationRules.kindOf(event(8, "RATE_LIMITED", new JsonObject().put("retryAt", "soon")))).isEmpty();
  }

  @Test
  void aRedeliveredEventHasTheSameDedupeKeyAndTheNextOneAnother() {
    assertThat(ApplicationRules.dedupeKey(event(41, "SUBMITTED", new JsonObject())))
        .isEqualTo(ApplicationRules.dedupeKey(event(41, "SUBMITTED", new JsonObject())))
        .isNotEqualTo(ApplicationRules.dedupeKey(event(42, "SUBMITTED", new JsonObject())));
  }
}
