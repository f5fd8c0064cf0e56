package com.jobswipe.net;

import com.jobswipe.config.FetchConfig;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The SSRF guard's address check: which resolved IP addresses an outbound fetch may connect to. Pure — it
 * looks only at the address bytes, never at DNS.
 *
 * <p>IPv4 refused ({@link Range}): 0/8 (0.0.0.0 reaches this host on Linux), 10/8, 100.64/10, 127/8,
 * 169.254/16 (cloud metadata 169.254.169.254), 172.16/12, 192.0.0/24, 192.0.2/24, 192.88.99/24,
 * 192.168/16, 198.18/15, 198.51.100/24, 203.0.113/24, 224/4, 240/4 and 255.255.255.255.
 *
 * <p>IPv6 is checked the other way round: only global unicast 2000::/3 may pass at all, which refuses
 * ::, ::1, fc00::/7, fe80::/10, fec0::/10, ff00::/8, 100::/64, 64:ff9b:1::/48, 5f00::/16 and every other
 * unassigned block without listing them. Inside 2000::/3 we refuse 2001::/23 (IETF protocol assignments,
 * including Teredo 2001::/32, whose embedded client address we cannot vet), 2001:db8::/32 and 3fff::/20
 * (documentation). Forms that embed an IPv4 address are judged by that address, so a private or
 * loopback IPv4 cannot be smuggled through them:
 * <ul>
 *   <li>IPv4-mapped ::ffff:0:0/96 (the JDK already turns these into {@link Inet4Address}; kept for safety),</li>
 *   <li>IPv4-compatible ::/96 (deprecated; :: and ::1 are handled first),</li>
 *   <li>6to4 2002::/16 (IPv4 in bits 16–47),</li>
 *   <li>NAT64 well-known prefix 64:ff9b::/96 (IPv4 in the last 32 bits).</li>
 * </ul>
 */
public final class AddressPolicy {

  /** Why an address is refused; the label names the block so a log line explains itself. */
  public enum Range {
    THIS_NETWORK("0.0.0.0/8"),
    PRIVATE("10/8, 172.16/12, 192.168/16"),
    SHARED_CGNAT("100.64/10"),
    LOOPBACK("127/8, ::1"),
    LINK_LOCAL("169.254/16, fe80::/10"),
    IETF_PROTOCOL("192.0.0/24, 2001::/23"),
    DOCUMENTATION("192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20"),
    RELAY_6TO4("192.88.99/24"),
    BENCHMARKING("198.18/15"),
    MULTICAST("224/4, ff00::/8"),
    RESERVED("240/4"),
    BROADCAST("255.255.255.255"),
    UNSPECIFIED("::"),
    UNIQUE_LOCAL("fc00::/7"),
    NOT_GLOBAL_UNICAST("IPv6 outside 2000::/3");

    private final String blocks;

    Range(String blocks) {
      this.blocks = blocks;
    }

    public String blocks() {
      return blocks;
    }
  }

  private final boolean allowPrivate;
  private final Predicate<InetAddress> alsoAllowed;

  /** @param allowPrivate turns the check off entirely ({@code JOBSWIPE_FETCH_ALLOW_PRIVATE}; tests only) */
  public AddressPolicy(boolean allowPrivate) {
    this(allowPrivate, address -> false);
  }

  /**
   * The guard stays on except for the addresses {@code alsoAllowed} names — a test seam: a test lets its own
   * 127.0.0.1 server through and still sees 10.0.0.1 or 169.254.169.254 refused on a redirect hop.
   */
  public AddressPolicy(Predicate<InetAddress> alsoAllowed) {
    this(false, alsoAllowed);
  }

  private AddressPolicy(boolean allowPrivate, Predicate<InetAddress> alsoAllowed) {
    this.allowPrivate = allowPrivate;
    this.alsoAllowed = Objects.requireNonNull(alsoAllowed);
  }

  /** With {@code allowLoopback} (demo mode) the guard stays on for every address but 127/8 and ::1. */
  public static AddressPolicy from(FetchConfig config) {
    if (!config.allowPrivate() && config.allowLoopback()) {
      return new AddressPolicy(InetAddress::isLoopbackAddress);
    }
    return new AddressPolicy(config.allowPrivate());
  }

  public boolean allowsPrivate() {
    return allowPrivate;
  }

  /**
   * Whether a fetch may connect to {@code address}: it lies in no refused {@link Range}, or the policy was
   * built with {@code allowPrivate}, or the test allow-list names it.
   */
  public boolean isPublic(InetAddress address) {
    return allowPrivate || alsoAllowed.test(address) || refusedRange(address).isEmpty();
  }

  /** The refused block {@code address} falls in, if any — the pure classification, ignoring configuration. */
  public static Optional<Range> refusedRange(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      return ipv4(b);
    }
    if (address instanceof Inet6Address && b.length == 16) {
      return ipv6(b);
    }
    return Optional.of(Range.NOT_GLOBAL_UNICAST);
  }

  private static Optional<Range> ipv4(byte[] b) {
    int a0 = b[0] & 0xff;
    int a1 = b[1] & 0xff;
    int a2 = b[2] & 0xff;
    Range range = null;
    if (a0 == 0) {
      range = Range.THIS_NETWORK;
    } else if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
      range = Range.PRIVATE;
    } else if (a0 == 100 && (a1 & 0xc0) == 64) {
      range = Range.SHARED_CGNAT;
    } else if (a0 == 127) {
      range = Range.LOOPBACK;
    } else if (a0 == 169 && a1 == 254) {
      range = Range.LINK_LOCAL;
    } else if (a0 == 192 && a1 == 0 && a2 == 0) {
      range = Range.IETF_PROTOCOL;
    } else if ((a0 == 192 && a1 == 0 && a2 == 2) || (a0 == 198 && a1 == 51 && a2 == 100)
        || (a0 == 203 && a1 == 0 && a2 == 113)) {
      range = Range.DOCUMENTATION;
    } else if (a0 == 192 && a1 == 88 && a2 == 99) {
      range = Range.RELAY_6TO4;
    } else if (a0 == 198 && (a1 & 0xfe) == 18) {
      range = Range.BENCHMARKING;
    } else if ((a0 & 0xf0) == 224) {
      range = Range.MULTICAST;
    } else if (a0 == 255 && a1 == 255 && a2 == 255 && (b[3] & 0xff) == 255) {
      range = Range.BROADCAST;
    } else if ((a0 & 0xf0) == 240) {
      range = Range.RESERVED;
    }
    return Optional.ofNullable(range);
  }

  private static Optional<Range> ipv6(byte[] b) {
    if (zero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
      return ipv4(slice(b, 12));                               // ::ffff:a.b.c.d, IPv4-mapped
    }
    if (zero(b, 0, 12)) {
      if (zero(b, 12, 15) && b[15] == 0) {
        return Optional.of(Range.UNSPECIFIED);                 // ::
      }
      if (zero(b, 12, 15) && b[15] == 1) {
        return Optional.of(Range.LOOPBACK);                    // ::1
      }
      return ipv4(slice(b, 12));                               // ::a.b.c.d, IPv4-compatible (deprecated)
    }
    if (b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12)) {
      return ipv4(slice(b, 12));                               // 64:ff9b::a.b.c.d, NAT64 well-known prefix
    }
    if ((b[0] & 0xe0) != 0x20) {
      return Optional.of(classifyNonGlobal(b));
    }
    if (b[0] == 0x20 && b[1] == 0x02) {
      return ipv4(slice(b, 2));                                // 2002:aabb:ccdd::, 6to4
    }
    if (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xfe) == 0) {
      return Optional.of(Range.IETF_PROTOCOL);                 // 2001::/23, Teredo among them
    }
    if (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
      return Optional.of(Range.DOCUMENTATION);                 // 2001:db8::/32
    }
    if (b[0] == 0x3f && (b[1] & 0xff) == 0xff && (b[2] & 0xf0) == 0) {
      return Optional.of(Range.DOCUMENTATION);                 // 3fff::/20
    }
    return Optional.empty();
  }

  /** A precise label for the common non-global blocks; everything else outside 2000::/3 is just "not global". */
  private static Range classifyNonGlobal(byte[] b) {
    int first = b[0] & 0xff;
    if (first == 0xff) {
      return Range.MULTICAST;
    }
    if ((first & 0xfe) == 0xfc) {
      return Range.UNIQUE_LOCAL;
    }
    if (first == 0xfe && (b[1] & 0xc0) == 0x80) {
      return Range.LINK_LOCAL;
    }
    return Range.NOT_GLOBAL_UNICAST;
  }

  private static boolean zero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] slice(byte[] b, int from) {
    return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
  }
}
