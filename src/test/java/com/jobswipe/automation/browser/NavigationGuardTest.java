package com.jobswipe.automation.browser;

import com.jobswipe.net.AddressPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser's early check uses the fetchers' {@link AddressPolicy}: the IPv6 wrappers of loopback and the metadata
 * address, and the documentation ranges, are refused like in ingestion. IP literals only, so no DNS is asked.
 */
class NavigationGuardTest {

  private final NavigationGuard guard = new NavigationGuard(new AddressPolicy(false));

  @ParameterizedTest
  @ValueSource(strings = {
      "http://[2002:7f00:1::]/",                              // 6to4 wrapping 127.0.0.1
      "http://[2002:7f00:0001:0000:0000:0000:0000:0001]/",    // the same, spelled out
      "http://[2002:a9fe:a9fe::1]/latest/meta-data/",         // 6to4 wrapping 169.254.169.254
      "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",       // Teredo, client 127.0.0.1 (obfuscated)
      "http://[2001:0:4136:e378:8000:63bf:5601:5601]/",       // Teredo, client 169.254.169.254 (obfuscated)
      "http://192.0.2.1/", "http://198.51.100.7/", "http://203.0.113.9/",
      "http://[2001:db8::1]/", "http://[3fff::1]/",           // documentation
      "http://127.0.0.1:8080/", "http://169.254.169.254/", "http://[::ffff:127.0.0.1]/", "http://[64:ff9b::7f00:1]/"})
  void addressesTheFetchersRefuseAreRefused(String url) {
    assertThat(guard.refuseStart(URI.create(url))).isPresent();
    assertThat(guard.allowsRequest(url)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://93.184.215.14/apply", "https://[2606:4700::1111]/jobs/1"})
  void publicAddressesPass(String url) {
    assertThat(guard.refuseStart(URI.create(url))).isEmpty();
    assertThat(guard.allowsRequest(url)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/", "http://[2002:7f00:1::]/"})
  void allowingPrivateTargetsLetsTestsReachLoopback(String url) {
    NavigationGuard allowing = new NavigationGuard(new AddressPolicy(true));

    assertThat(allowing.refuseStart(URI.create(url))).isEmpty();
    assertThat(allowing.allowsRequest(url)).isTrue();
  }

  @Test
  void aLoopbackOnlyPolicyOpensLoopbackPagesAndRefusesOtherPrivateHosts() {
    NavigationGuard demo = new NavigationGuard(new AddressPolicy(java.net.InetAddress::isLoopbackAddress));

    assertThat(demo.refuseStart(URI.create("http://127.0.0.1:8081/apply/x"))).isEmpty();
    assertThat(demo.allowsRequest("http://[::1]:8081/apply/x")).isTrue();
    assertThat(demo.allowsRequest("http://10.0.0.1/")).isFalse();
    assertThat(demo.allowsRequest("http://169.254.169.254/latest/meta-data/")).isFalse();
    assertThat(demo.allowsRequest("http://192.168.1.1/")).isFalse();
  }
}
