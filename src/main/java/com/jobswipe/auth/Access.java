package com.jobswipe.auth;

import com.jobswipe.edge.Problem;
import com.jobswipe.edge.ProblemType;

import java.util.UUID;

/**
 * The one object-level authorization rule every route uses: a user's resource is visible to its owner and to admin
 * users. To anyone else it does not exist — 404, not 403, so ids cannot be probed. API keys never pass, whatever
 * their scopes: they are for operations routes, not for reading or changing a person's data.
 */
public final class Access {

  private Access() {
  }

  public static boolean canSee(Principal principal, UUID ownerId) {
    return principal.userId().map(user -> user.equals(ownerId) || principal.isAdmin()).orElse(false);
  }

  /** Throws a 404 problem unless {@code principal} owns the resource or is an admin. */
  public static void requireOwnerOrAdmin(Principal principal, UUID ownerId, String what) {
    if (!canSee(principal, ownerId)) {
      throw new Problem(ProblemType.NOT_FOUND, "No such " + what);
    }
  }
}
