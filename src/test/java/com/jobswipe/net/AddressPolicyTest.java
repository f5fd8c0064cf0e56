package com.jobswipe.net;

import com.jobswipe.net.AddressPolicy.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The SSRF guard's address table. Literals only: InetAddress parses them without DNS. */
class AddressPolicyTest {

  private static final AddressPolicy GUARD = new AddressPolicy(false);

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', textBlock = """
      # IPv4
      127.0.0.1                 | LOOPBACK
      127.255.255.254           | LOOPBACK
      10.0.0.1                  | PRIVATE
      10.255.255.255            | PRIVATE
      172.16.0.1                | PRIVATE
      172.31.255.255            | PRIVATE
      192.168.1.1               | PRIVATE
      169.254.169.254           | LINK_LOCAL
      169.254.0.1               | LINK_LOCAL
      0.0.0.0                   | THIS_NETWORK
      0.1.2.3                   | THIS_NETWORK
      100.64.0.1                | SHARED_CGNAT
      100.127.255.255           | SHARED_CGNAT
      192.0.0.8                 | IETF_PROTOCOL
      192.0.2.1                 | DOCUMENTATION
      198.51.100.7              | DOCUMENTATION
      203.0.113.9               | DOCUMENTATION
      192.88.99.1               | RELAY_6TO4
      198.18.0.1                | BENCHMARKING
      198.19.255.255            | BENCHMARKING
      224.0.0.1                 | MULTICAST
      239.255.255.250           | MULTICAST
      240.0.0.1                 | RESERVED
      255.255.255.254           | RESERVED
      255.255.255.255           | BROADCAST
      # IPv4 neighbours of the blocks: public
      8.8.8.8                   |
      1.1.1.1                   |
      172.15.255.255            |
      172.32.0.1                |
      100.63.255.255            |
      100.128.0.1               |
      169.253.255.255           |
      192.0.1.1                 |
      192.169.0.1               |
      198.17.255.255            |
      198.20.0.1                |
      223.255.255.255           |
      # IPv6
      ::1                       | LOOPBACK
      ::                        | UNSPECIFIED
      fe80::1                   | LINK_LOCAL
      febf::1                   | LINK_LOCAL
      fc00::1                   | UNIQUE_LOCAL
      fd12:3456::1              | UNIQUE_LOCAL
      ff02::1                   | MULTICAST
      fec0::1                   | NOT_GLOBAL_UNICAST
      100::1                    | NOT_GLOBAL_UNICAST
      64:ff9b:1::1              | NOT_GLOBAL_UNICAST
      2001:db8::1               | DOCUMENTATION
      3fff::1                   | DOCUMENTATION
      3fff:fff::1               | DOCUMENTATION
      3fff:1000::1              |
      2001:0:4136:e378::1       | IETF_PROTOCOL
      # IPv4 inside IPv6: judged by the embedded address
      ::ffff:127.0.0.1          | LOOPBACK
      ::ffff:169.254.169.254    | LINK_LOCAL
      ::ffff:10.0.0.1           | PRIVATE
      ::ffff:8.8.8.8            |
      ::127.0.0.1               | LOOPBACK
      ::10.1.2.3                | PRIVATE
      ::8.8.8.8                 |
      2002:7f00:1::             | LOOPBACK
      2002:a9fe:a9fe::1         | LINK_LOCAL
      2002:c0a8:101::1          | PRIVATE
      2002:808:808::1           |
      64:ff9b::127.0.0.1        | LOOPBACK
      64:ff9b::a00:1            | PRIVATE
      64:ff9b::808:808          |
      # global unicast
      2606:4700:4700::1111      |
      2a00:1450:4001:80b::200e  |
      """)
  void classifiesAddresses(String literal, Range expected) throws UnknownHostException {
    InetAddress address = InetAddress.getByName(literal);

    assertThat(AddressPolicy.refusedRange(address)).isEqualTo(Optional.ofNullable(expected));
    assertThat(GUARD.isPublic(address)).isEqualTo(expected == null);
  }

  @Test
  void ipv4MappedBytesAreJudgedByTheEmbeddedAddressEvenAsInet6Address() throws UnknownHostException {
    byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
    InetAddress address = java.net.Inet6Address.getByAddress(null, mapped, null);

    assertThat(AddressPolicy.refusedRange(address)).contains(Range.LOOPBACK);
  }

  @Test
  void allowPrivateTurnsTheCheckOff() throws UnknownHostException {
    AddressPolicy tests = new AddressPolicy(true);

    assertThat(tests.isPublic(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(tests.isPublic(InetAddress.getByName("169.254.169.254"))).isTrue();
    assertThat(tests.allowsPrivate()).isTrue();
  }

  @Test
  void loopbackOnlyConfigurationLetsLoopbackThroughAndNothingElsePrivate() throws UnknownHostException {
    AddressPolicy demo = AddressPolicy.from(new com.jobswipe.config.FetchConfig(false, true));

    assertThat(demo.isPublic(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(demo.isPublic(InetAddress.getByName("::1"))).isTrue();
    assertThat(demo.isPublic(InetAddress.getByName("10.0.0.1"))).isFalse();
    assertThat(demo.isPublic(InetAddress.getByName("169.254.169.254"))).isFalse();
    assertThat(demo.isPublic(InetAddress.getByName("::ffff:192.168.1.1"))).isFalse();
    assertThat(demo.allowsPrivate()).isFalse();
  }

  @Test
  void allowListPermitsOnlyWhatItNames() throws UnknownHostException {
    AddressPolicy onlyLoopbackV4 = new AddressPolicy(a -> a.getHostAddress().equals("127.0.0.1"));

    assertThat(onlyLoopbackV4.isPublic(InetAddress.getByName("127.0.0.1"))).isTrue();
    assertThat(onlyLoopbackV4.isPublic(InetAddress.getByName("127.0.0.2"))).isFalse();
    assertThat(onlyLoopbackV4.isPublic(InetAddress.getByName("10.0.0.1"))).isFalse();
    assertThat(onlyLoopbackV4.isPublic(InetAddress.getByName("169.254.169.254"))).isFalse();
    assertThat(onlyLoopbackV4.isPublic(InetAddress.getByName("8.8.8.8"))).isTrue();
    assertThat(onlyLoopbackV4.allowsPrivate()).isFalse();
  }
}
