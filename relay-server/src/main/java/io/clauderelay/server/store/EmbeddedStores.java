package io.clauderelay.server.store;

import io.clauderelay.domain.memory.InMemoryAdmissionQueue;
import io.clauderelay.domain.memory.InMemoryLoginThrottle;
import io.clauderelay.domain.memory.InMemoryOAuthSessionStore;
import io.clauderelay.domain.memory.InMemorySharedPriceFile;
import io.clauderelay.domain.memory.InMemorySubscriptionWindowStore;
import io.clauderelay.domain.memory.InMemoryTurnGate;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.embedded.EmbeddedStore;
import io.clauderelay.server.health.HealthRoute.StoreHealth;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The embedded backend: one node, its state kept in DATA_DIR (see {@link EmbeddedStore}). Login
 * throttles and OAuth onboarding sessions stay in memory: both live minutes and a restart ends them.
 */
public final class EmbeddedStores {
  private EmbeddedStores() {}

  /** Opens DATA_DIR's store; throws {@link io.clauderelay.embedded.EmbeddedStoreException} (one line) when it cannot. */
  public static Stores create(Path dataDir, TimeBuckets buckets, Clock clock) {
    EmbeddedStore store = EmbeddedStore.open(dataDir, buckets, clock);
    Stores.Cluster single = new Stores.Cluster() {
      @Override
      public CompletionStage<StoreHealth> health() {
        return CompletableFuture.completedFuture(new StoreHealth(true, "embedded", 0, null));
      }

      @Override
      public void publishInvalidation(String kind, String id) {}

      @Override
      public void onInvalidation(BiConsumer<String, String> handler) {}

      @Override
      public CompletionStage<Boolean> tryLock(String job, String owner, Duration ttl) {
        return CompletableFuture.completedFuture(true);
      }

      @Override
      public int housekeeping(Instant now) {
        return store.ledger().purgeExpired(now) + store.accountState().purgeExpired(now);
      }

      @Override
      public CompletionStage<Void> close() {
        // After every settlement has landed (RelayApp's stop, never on an event loop): the last
        // flush, fsync, and the lock freed, before this returns. Not on another thread: the JVM
        // exits after the stop and would cut a flush still running there. EmbeddedFile bounds it (10 s).
        store.close();
        return CompletableFuture.completedFuture(null);
      }
    };
    return new Stores("embedded store " + store.path() + " (one node only; for several nodes use Redis)", store.keys(),
        store.ledger(), store.ledger(), store.accounts(), store.accountState(), store.admin(), single,
        new InMemoryLoginThrottle(clock), new InMemoryOAuthSessionStore(), store.accountErrors(),
        new InMemorySharedPriceFile(),
        store.settings(),
        // Waiting requests live and die with the process: the line needs no persistence.
        new InMemoryAdmissionQueue(),
        // Reported again by each account's next answer: nothing to persist.
        new InMemorySubscriptionWindowStore(),
        new InMemoryTurnGate());
  }
}
