package io.clauderelay.domain.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What the token endpoint answered: a new access token, maybe a rotated refresh token, its lifetime and scopes. */
public record TokenGrant(String accessToken, String refreshToken, Duration expiresIn, List<String> scopes) {

  public TokenGrant {
    Objects.requireNonNull(accessToken, "accessToken");
    if (accessToken.isEmpty()) throw new IllegalArgumentException("the token endpoint returned no access token");
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
  }

  /** The access token's expiry when received at {@code now}; null when the endpoint gave no lifetime. */
  public Instant expiresAt(Instant now) {
    return expiresIn == null ? null : now.plus(expiresIn);
  }

  @Override
  public String toString() {
    return "TokenGrant[expiresIn=" + expiresIn + ", scopes=" + scopes + "]";
  }
}
