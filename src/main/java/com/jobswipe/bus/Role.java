package com.jobswipe.bus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The parts a process can run ({@code --roles}). Every role answers {@link Bus#ping(Role)}. */
public enum Role {
  API,
  INGESTION,
  EMBEDDING,
  MATCHING,
  AUTOMATION,
  NOTIFICATION;

  /** The name used on the command line, in addresses and in health output. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromId(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
  }
}
