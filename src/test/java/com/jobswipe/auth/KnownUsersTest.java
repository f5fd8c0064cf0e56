package com.jobswipe.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Accounts are remembered for a few seconds at most, forgotten on demand, and bounded. */
class KnownUsersTest {

  @Test
  void anAccountIsRememberedForItsMaxAgeOrUntilForgotten() {
    KnownUsers users = new KnownUsers(10, Duration.ofSeconds(10));
    KnownUsers.Known ann = new KnownUsers.Known(UUID.randomUUID(), "user");
    users.remember(ann, 1_000);

    assertThat(users.get(ann.id(), 10_999)).contains(ann);
    assertThat(users.get(ann.id(), 11_000)).isEmpty();
    users.remember(ann, 20_000);
    users.forget(ann.id());
    assertThat(users.get(ann.id(), 20_001)).isEmpty();
  }

  @Test
  void theLeastRecentlyUsedGoesFirst() {
    KnownUsers users = new KnownUsers(2, Duration.ofSeconds(10));
    KnownUsers.Known a = new KnownUsers.Known(UUID.randomUUID(), "user");
    KnownUsers.Known b = new KnownUsers.Known(UUID.randomUUID(), "user");
    KnownUsers.Known c = new KnownUsers.Known(UUID.randomUUID(), "admin");
    users.remember(a, 0);
    users.remember(b, 0);
    users.get(a.id(), 1);
    users.remember(c, 1);

    assertThat(users.size()).isEqualTo(2);
    assertThat(users.get(b.id(), 2)).isEmpty();
    assertThat(users.get(a.id(), 2)).contains(a);
  }
}
