package com.jobswipe.automation.browser;

import com.jobswipe.net.AddressPolicy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a browser run may go, told early and in words. The apply URL must be http(s); unless the {@link AddressPolicy}
 * allows private hosts (tests only), every http(s) request of the page — document, frame, script, XHR, redirect
 * hop — is refused when its host resolves to an address the policy refuses (loopback, private, link-local cloud
 * metadata, CGNAT, documentation, 6to4 and Teredo wrappers of those, …), the same policy every fetcher obeys.
 *
 * <p>This is the friendly check, not the barrier: Chromium's WebSockets and WebRTC never pass Playwright's
 * {@code route}, and a DNS answer may change after this look-up. The barrier is the {@link EgressProxy} every
 * browser runs behind, which resolves once and connects only to the address it checked.
 */
final class NavigationGuard {

  private final AddressPolicy policy;
  private final Map<String, Boolean> hostAllowed = new ConcurrentHashMap<>();

  NavigationGuard(AddressPolicy policy) {
    this.policy = Objects.requireNonNull(policy);
  }

  boolean allowsPrivate() {
    return policy.allowsPrivate();
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
    if (policy.allowsPrivate()) {
      return true;
    }
    return hostAllowed.computeIfAbsent(host.toLowerCase(Locale.ROOT), this::resolvesPublic);
  }

  private boolean resolvesPublic(String host) {
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    try {
      InetAddress[] addresses = InetAddress.getAllByName(bare);
      for (InetAddress address : addresses) {
        if (!policy.isPublic(address)) {
          return false;
        }
      }
      return addresses.length > 0;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
