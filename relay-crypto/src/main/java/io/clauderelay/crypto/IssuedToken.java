package io.clauderelay.crypto;

import java.time.Instant;
import java.util.Objects;

/** A freshly signed admin token, its id ({@code jti}, used to revoke it) and when it expires. */
public record IssuedToken(String token, String id, Instant expiresAt) {

  public IssuedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** Redacted: the token is a bearer credential and must not reach a log. */
  @Override
  public String toString() {
    return "IssuedToken[token=redacted, id=" + id + ", expiresAt=" + expiresAt + "]";
  }
}
