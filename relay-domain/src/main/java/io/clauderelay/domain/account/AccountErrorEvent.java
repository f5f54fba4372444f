package io.clauderelay.domain.account;

import java.time.Instant;
import java.util.Objects;

/**
 * One time an upstream account stepped out of the pool: when, until when, and why (the failure
 * class and HTTP status, e.g. {@code server_error (HTTP 500)}). Never carries a credential.
 */
public record AccountErrorEvent(Instant at, Instant until, String reason) {
  public AccountErrorEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(until, "until");
    reason = reason == null ? "" : reason;
  }
}
