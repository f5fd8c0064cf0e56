package com.jobswipe.automation.browser;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class NavigationGuardTest {

  @Test
  void loopbackOnlyGuardOpensLoopbackPagesAndRefusesOtherPrivateHosts() {
    NavigationGuard demo = new NavigationGuard(false, true);

    assertThat(demo.allowsPrivate()).isFalse();
    assertThat(demo.refuseStart(URI.create("http://127.0.0.1:8081/apply/x"))).isEmpty();
    assertThat(demo.allowsRequest("http://[::1]:8081/apply/x")).isTrue();
    assertThat(demo.allowsRequest("http://10.0.0.1/")).isFalse();
    assertThat(demo.allowsRequest("http://169.254.169.254/latest/meta-data/")).isFalse();
    assertThat(demo.allowsRequest("http://192.168.1.1/")).isFalse();
  }

  @Test
  void strictGuardRefusesLoopback() {
    NavigationGuard strict = new NavigationGuard(false);

    assertThat(strict.refuseStart(URI.create("http://127.0.0.1:8081/apply/x"))).isPresent();
  }
}
