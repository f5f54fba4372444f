package io.clauderelay.domain.account;

import io.clauderelay.domain.Provider;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the scheduler needs to know about one request: the provider and model asked for, the key's
 * dedicated binding for that provider (an account id, {@code "group:<groupId>"}, or null), the
 * account the conversation is stuck to (nullable), the accounts that already failed on this
 * request, and the instant to judge cool-downs at.
 */
public record ScheduleRequest(
    Provider provider, String model, String binding, String stickyAccountId, Set<String> excluded, Instant now) {

  public ScheduleRequest {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(now, "now");
    binding = blankToNull(binding);
    stickyAccountId = blankToNull(stickyAccountId);
    excluded = excluded == null ? Set.of() : Set.copyOf(excluded);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
