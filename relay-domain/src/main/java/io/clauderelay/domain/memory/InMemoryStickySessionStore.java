package io.clauderelay.domain.memory;

import io.clauderelay.domain.port.StickySessionStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The embedded sticky-session store; time to live is measured on the injected clock.
 *
 * @deprecated see {@link StickySessionStore}: sessions live in the ledger.
 */
@Deprecated
public final class InMemoryStickySessionStore implements StickySessionStore {
  /** Expired bindings are swept after this many binds, so abandoned sessions do not pile up. */
  private static final int SWEEP_EVERY = 1024;

  private record Binding(String accountId, Instant expiresAt) {}

  private final Map<String, Binding> bindings = new HashMap<>();
  private final Clock clock;
  private int bindsSinceSweep;

  public InMemoryStickySessionStore() {
    this(Clock.systemUTC());
  }

  public InMemoryStickySessionStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized CompletionStage<Optional<String>> find(String sessionId, Duration ttl) {
    Instant now = clock.instant();
    Binding b = bindings.get(sessionId);
    if (b == null) return done(Optional.empty());
    if (!now.isBefore(b.expiresAt())) {
      bindings.remove(sessionId);
      return done(Optional.empty());
    }
    bindings.put(sessionId, new Binding(b.accountId(), now.plus(ttl)));
    return done(Optional.of(b.accountId()));
  }

  @Override
  public synchronized CompletionStage<Void> bind(String sessionId, String accountId, Duration ttl) {
    Instant now = clock.instant();
    bindings.put(sessionId, new Binding(accountId, now.plus(ttl)));
    if (++bindsSinceSweep >= SWEEP_EVERY) {
      bindsSinceSweep = 0;
      bindings.values().removeIf(b -> !now.isBefore(b.expiresAt()));
    }
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Void> forget(String sessionId) {
    bindings.remove(sessionId);
    return done(null);
  }

  /** How many bindings are held, live or not yet swept; for tests and metrics. */
  public synchronized int size() {
    return bindings.size();
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
