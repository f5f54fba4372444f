package io.clauderelay.domain.oauth;

import io.clauderelay.domain.account.ClaudePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The secret of a Claude subscription account (stored encrypted as the account's credential): the
 * access token sent upstream, the refresh token that renews it, when the access token expires
 * (null when unknown), its scopes, and the plan when known.
 */
public record OAuthCredential(String accessToken, String refreshToken, Instant expiresAt, List<String> scopes,
    ClaudePlan plan) {

  /** Refresh this long before expiry, so a request never leaves with a token that dies on the way. */
  public static final Duration REFRESH_SKEW = Duration.ofSeconds(60);

  public OAuthCredential {
    accessToken = accessToken == null ? "" : accessToken;
    refreshToken = refreshToken == null ? "" : refreshToken;
    scopes = scopes == null ? List.of() : List.copyOf(scopes);
    plan = plan == null ? ClaudePlan.UNKNOWN : plan;
    if (accessToken.isEmpty() && refreshToken.isEmpty()) {
      throw new IllegalArgumentException("an OAuth credential needs an access token or a refresh token");
    }
  }

  /**
   * Whether to refresh before using the access token: there is none, or {@code now} is within
   * {@link #REFRESH_SKEW} of its expiry. Without a refresh token nothing can be done, so no.
   */
  public boolean needsRefresh(Instant now) {
    if (refreshToken.isEmpty()) return false;
    if (accessToken.isEmpty()) return true;
    return expiresAt != null && !now.isBefore(expiresAt.minus(REFRESH_SKEW));
  }

  /** The credential after a successful token call; a grant without a new refresh token keeps the old one. */
  public OAuthCredential refreshed(TokenGrant grant, Instant now) {
    Objects.requireNonNull(grant, "grant");
    String refresh = grant.refreshToken() == null || grant.refreshToken().isEmpty()
        ? refreshToken
        : grant.refreshToken();
    List<String> newScopes = grant.scopes().isEmpty() ? scopes : grant.scopes();
    return new OAuthCredential(grant.accessToken(), refresh, grant.expiresAt(now), newScopes, plan);
  }

  public OAuthCredential withPlan(ClaudePlan p) {
    return new OAuthCredential(accessToken, refreshToken, expiresAt, scopes, p);
  }

  /** Never the tokens: this record's default toString would print them into any log line. */
  @Override
  public String toString() {
    return "OAuthCredential[expiresAt=" + expiresAt + ", scopes=" + scopes + ", plan=" + plan.id() + "]";
  }
}
