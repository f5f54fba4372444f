package io.clauderelay.crypto;

import java.time.Instant;
import java.util.Objects;

/** The claims of an admin token whose signature, issuer and expiry have been checked. */
public record VerifiedToken(String username, String id, Instant expiresAt) {

  public VerifiedToken {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
