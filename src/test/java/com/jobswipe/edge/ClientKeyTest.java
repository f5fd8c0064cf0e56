package com.jobswipe.edge;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a per-client quota counts: an IPv4 address, or an IPv6 address's /64. */
class ClientKeyTest {

  @Test
  void ipv4AddressesAreTheirOwnKey() {
    assertThat(RateLimitHandler.networkKey("203.0.113.7")).isEqualTo("203.0.113.7");
  }

  @Test
  void everyAddressOfOneIpv6SlashSixtyFourSharesAKey() {
    String key = RateLimitHandler.networkKey("2001:db8:85a3:12::1");
    assertThat(RateLimitHandler.networkKey("2001:db8:85a3:12:ffff:ffff:ffff:fffe")).isEqualTo(key);
    assertThat(RateLimitHandler.networkKey("2001:0db8:85a3:0012:0:0:0:abcd")).isEqualTo(key);
    assertThat(key).isEqualTo("2001:db8:85a3:12::/64");
    assertThat(RateLimitHandler.networkKey("2001:db8:85a3:13::1")).as("the next /64").isNotEqualTo(key);
  }
}
