package com.jobswipe.auth;

/**
 * The scopes an API key may carry, one per group of admin routes (listed in docs/security.md and openapi.yaml).
 * Routes name theirs with {@link Authn#adminOr(String)}; admin users pass every one.
 */
public final class Scopes {

  /** Every admin route, key management included. */
  public static final String ADMIN = "admin";
  /** {@code GET /v1/admin/sources}, {@code /sources/{id}}, {@code /categories}. */
  public static final String SOURCES_READ = "sources:read";
  /** Creating, deleting and syncing sources; {@code POST /v1/admin/jobs/verify}. */
  public static final String SOURCES_WRITE = "sources:write";
  /** {@code GET /v1/admin/domains}. */
  public static final String DOMAINS_READ = "domains:read";
  /** {@code PUT /v1/admin/domains/{domain}}. */
  public static final String DOMAINS_WRITE = "domains:write";
  /** {@code GET /v1/admin/reports/{name}}. */
  public static final String REPORTS_READ = "reports:read";

  private Scopes() {
  }
}
