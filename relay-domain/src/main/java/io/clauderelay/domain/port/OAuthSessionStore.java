package io.clauderelay.domain.port;

import io.clauderelay.domain.oauth.OAuthSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Keeps onboarding sessions (PKCE verifier and state) shared by every node, each for a short TTL. */
public interface OAuthSessionStore {

  CompletionStage<Void> put(String sessionId, OAuthSession session, Duration ttl, Instant now);

  /** The session, removed so that a code is exchanged at most once; empty when unknown or expired. */
  CompletionStage<Optional<OAuthSession>> take(String sessionId, Instant now);
}
