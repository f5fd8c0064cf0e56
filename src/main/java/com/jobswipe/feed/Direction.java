package com.jobswipe.feed;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Which way a job was swiped; the wire and database spelling is the lower-case name. */
enum Direction {
  RIGHT, LEFT, SAVE;

  static final Set<String> WIRE = Arrays.stream(values()).map(Direction::wire).collect(Collectors.toUnmodifiableSet());

  String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Direction of(String wire) {
    return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
  }
}
