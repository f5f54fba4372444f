package io.clauderelay.domain.memory;

import io.clauderelay.domain.oauth.OAuthSession;
import io.clauderelay.domain.port.OAuthSessionStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The embedded onboarding-session store; expired sessions are dropped whenever a new one is put. */
public final class InMemoryOAuthSessionStore implements OAuthSessionStore {
  private record Entry(OAuthSession session, Instant expiresAt) {}

  private final Map<String, Entry> sessions = new HashMap<>();

  @Override
  public synchronized CompletionStage<Void> put(String sessionId, OAuthSession session, Duration ttl, Instant now) {
    sessions.values().removeIf(e -> !now.isBefore(e.expiresAt()));
    sessions.put(sessionId, new Entry(session, now.plus(ttl)));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Optional<OAuthSession>> take(String sessionId, Instant now) {
    Entry e = sessions.remove(sessionId);
    return CompletableFuture
        .completedFuture(e == null || !now.isBefore(e.expiresAt()) ? Optional.empty() : Optional.of(e.session()));
  }
}
