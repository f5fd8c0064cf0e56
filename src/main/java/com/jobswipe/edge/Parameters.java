package com.jobswipe.edge;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A request's path and query parameters after the contract judged them ({@link Contract#parameters}): each read as
 * its schema's type, a left-out one as its schema's default. Only what the operation declares is here, so asking
 * for anything else is a mistake in the route, not in the request.
 */
public final class Parameters {

  private final Map<String, Object> values;

  Parameters(Map<String, Object> values) {
    this.values = Map.copyOf(values);
  }

  /** A text parameter, if given (or defaulted). */
  public Optional<String> text(String name) {
    return Optional.ofNullable(values.get(name)).map(String::valueOf);
  }

  /** A whole-number parameter ({@code type: integer}), if given (or defaulted). */
  public Optional<Long> whole(String name) {
    return Optional.ofNullable(values.get(name)).map(value -> ((Number) value).longValue());
  }

  /** {@code limit}: the page size, its schema's default when left out. */
  public int pageSize() {
    return whole("limit").orElseThrow(() -> new IllegalStateException("the operation's limit has no default"))
        .intValue();
  }

  /** A {@code format: uuid} parameter, if given. */
  public Optional<UUID> uuid(String name) {
    return text(name).map(UUID::fromString);
  }

  /** A path id: a path parameter is always there, and the contract answered 404 for anything but a UUID. */
  public UUID id(String name) {
    return uuid(name).orElseThrow(() -> new IllegalStateException("the operation declares no path id " + name));
  }
}
