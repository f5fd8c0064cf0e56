package com.jobswipe.auth;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * {@code jobswipe_auth_sign_ins_total{method, outcome}} and {@code jobswipe_auth_lockouts_total{scope}}. The method
 * is the step ({@code password}, {@code mfa}); the outcome one of {@link #OUTCOMES}. A password sign-in with MFA on
 * counts {@code mfa-required} at the password step and then {@code ok} or {@code mfa-failed} at the mfa step. No
 * account or address is a label: who failed is in the audit trail ({@code auth_events}), not in Prometheus.
 */
final class SignInMetrics {

  static final List<String> METHODS = List.of("password", "mfa");
  static final List<String> OUTCOMES = List.of("ok", "mfa-required", "bad-password", "unknown-account", "no-password",
      "locked", "mfa-failed");
  /** account: the account's failures from every client locked it; client: one client's failures locked it out. */
  static final List<String> SCOPES = List.of("account", "client");

  private final MeterRegistry registry;

  SignInMetrics(MeterRegistry registry) {
    this.registry = registry;
    METHODS.forEach(method -> OUTCOMES.forEach(outcome -> signIns(method, outcome)));
    SCOPES.forEach(this::lockouts);
  }

  void signIn(String method, String outcome) {
    signIns(method, outcome).increment();
  }

  /** A failure set or extended a lock (each failure past the threshold does, with a longer lock). */
  void lockedOut(String scope) {
    lockouts(scope).increment();
  }

  private Counter signIns(String method, String outcome) {
    return Counter.builder("jobswipe_auth_sign_ins").description("Sign-in attempts by step and outcome")
        .tags("method", method, "outcome", outcome).register(registry);
  }

  private Counter lockouts(String scope) {
    return Counter.builder("jobswipe_auth_lockouts").description("Failed sign-ins that locked an account or a client")
        .tag("scope", scope).register(registry);
  }
}
