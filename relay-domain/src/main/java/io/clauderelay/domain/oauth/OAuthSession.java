package io.clauderelay.domain.oauth;

import java.time.Duration;
import java.time.Instant;

/** One onboarding in progress: the PKCE verifier and state kept server-side until the code comes back. */
public record OAuthSession(String verifier, String state, Instant createdAt) {
  /** How long an operator has to paste the code back. */
  public static final Duration TTL = Duration.ofMinutes(10);

  @Override
  public String toString() {
    return "OAuthSession[createdAt=" + createdAt + "]";
  }
}
