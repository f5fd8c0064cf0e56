package com.jobswipe.automation.browser;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a browser run may go. The apply URL must be http(s); unless private hosts are allowed (tests only), every
 * http(s) request of the page — document, frame, script, XHR, redirect hop — is refused when its host resolves to
 * a loopback, private, link-local (cloud metadata), CGNAT, unique-local or multicast address, so an employer page
 * cannot use our browser to reach our network.
 *
 * <p>Limits: Chromium resolves names again by itself, so a DNS answer that changes between our check and its
 * connection (rebinding) is not caught; WebSocket connections are not routed through this check. The ingestion
 * role's {@code AddressPolicy} is the stricter, connection-pinned guard for plain fetches; role boundaries keep
 * this one separate.
 */
final class NavigationGuard {

  private final boolean allowPrivate;
  private final boolean allowLoopback;
  private final Map<String, Boolean> hostAllowed = new ConcurrentHashMap<>();

  NavigationGuard(boolean allowPrivate) {
    this(allowPrivate, false);
  }

  /** @param allowLoopback demo mode: hosts that resolve only to loopback pass too, every other private one not */
  NavigationGuard(boolean allowPrivate, boolean allowLoopback) {
    this.allowPrivate = allowPrivate;
    this.allowLoopback = allowLoopback;
  }

  boolean allowsPrivate() {
    return allowPrivate;
  }

  /** Why the apply URL is refused, or empty when the run may open it. */
  Optional<String> refuseStart(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("only http and https URLs are opened, not '" + scheme + "'");
    }
    if (url.getHost() == null || url.getHost().isBlank()) {
      return Optional.of("the URL has no host");
    }
    if (!hostAllowed(url.getHost())) {
      return Optional.of("the host " + url.getHost() + " is not public (or does not resolve)");
    }
    return Optional.empty();
  }

  /** Whether the page may request {@code url}; non-network schemes (data:, blob:) are the browser's business. */
  boolean allowsRequest(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      return false;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return !scheme.equals("file") && !scheme.equals("ftp");
    }
    return uri.getHost() != null && hostAllowed(uri.getHost());
  }

  private boolean hostAllowed(String host) {
    if (allowPrivate) {
      return true;
    }
    return hostAllowed.computeIfAbsent(host.toLowerCase(Locale.ROOT), this::resolvesPublic);
  }

  private boolean resolvesPublic(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      InetAddress[] addresses = InetAddress.getAllByName(bare);
      for (InetAddress address : addresses) {
        if (!isPublic(address) && !(allowLoopback && address.isLoopbackAddress())) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int a0 = b[0] & 0xff;
      int a1 = b[1] & 0xff;
      return a0 != 0 && !(a0 == 100 && (a1 & 0xc0) == 64) && a0 < 224 && !(a0 == 198 && (a1 & 0xfe) == 18)
          && !(a0 == 192 && a1 == 0 && (b[2] & 0xff) == 0);
    }
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return false;                                   // fc00::/7 unique local
      }
      boolean ipv4Embedded = true;                      // ::a.b.c.d (deprecated IPv4-compatible)
      for (int i = 0; i < 12; i++) {
        ipv4Embedded &= b[i] == 0;
      }
      if (ipv4Embedded) {
        return false;
      }
      return (first & 0xe0) == 0x20;                    // only global unicast 2000::/3
    }
    return false;
  }
}
