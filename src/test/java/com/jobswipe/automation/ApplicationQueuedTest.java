package com.jobswipe.automation;

import com.jobswipe.bus.Accepted;
import com.jobswipe.bus.Bus;
import com.jobswipe.bus.MatchingMessages.ApplicationQueued;
import com.jobswipe.bus.Role;
import com.jobswipe.testing.RunningNode;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The automation role takes on queued applications over the bus contract. */
class ApplicationQueuedTest {

  @Test
  void aQueuedApplicationIsAccepted() {
    try (RunningNode node = RunningNode.start(EnumSet.of(Role.AUTOMATION), Map.of())) {
      String applicationId = UUID.randomUUID().toString();

      Accepted accepted = Bus.APPLICATION_QUEUED.request(node.app().vertx().eventBus(),
          new ApplicationQueued(applicationId, UUID.randomUUID().toString())).await();

      assertThat(accepted.id()).isEqualTo(applicationId);
    }
  }
}
