package io.clauderelay.domain.memory;

import io.clauderelay.domain.port.AdminStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The embedded admin store: credentials and revoked token ids in memory. */
public final class InMemoryAdminStore implements AdminStore {
  private AdminCredentials credentials;
  private final Map<String, Instant> revoked = new HashMap<>();

  @Override
  public synchronized CompletionStage<Optional<AdminCredentials>> credentials() {
    return CompletableFuture.completedFuture(Optional.ofNullable(credentials));
  }

  @Override
  public synchronized CompletionStage<Void> saveCredentials(AdminCredentials c) {
    credentials = c;
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Boolean> seedCredentials(AdminCredentials c) {
    if (credentials != null) return CompletableFuture.completedFuture(false);
    credentials = c;
    return CompletableFuture.completedFuture(true);
  }

  @Override
  public synchronized CompletionStage<Void> revoke(String tokenId, Instant until) {
    Instant now = Instant.now();
    revoked.values().removeIf(u -> u.isBefore(now));
    revoked.put(tokenId, until);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public synchronized CompletionStage<Boolean> isRevoked(String tokenId) {
    Instant until = revoked.get(tokenId);
    return CompletableFuture.completedFuture(until != null && Instant.now().isBefore(until));
  }
}
