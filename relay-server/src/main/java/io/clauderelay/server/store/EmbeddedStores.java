package io.clauderelay.server.store;

import io.clauderelay.domain.memory.InMemoryAccountErrorLog;
import io.clauderelay.domain.memory.InMemoryAccountStateStore;
import io.clauderelay.domain.memory.InMemoryAccountStore;
import io.clauderelay.domain.memory.InMemoryAdminStore;
import io.clauderelay.domain.memory.InMemoryLoginThrottle;
import io.clauderelay.domain.memory.InMemoryApiKeyStore;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.memory.InMemoryOAuthSessionStore;
import io.clauderelay.domain.memory.InMemorySharedPriceFile;
import io.clauderelay.domain.port.AccountErrorLog;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.server.health.HealthRoute.StoreHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/** The embedded in-memory backend: one node, nothing survives a restart. */
public final class EmbeddedStores {
  private EmbeddedStores() {}

  public static Stores create(TimeBuckets buckets, Clock clock) {
    InMemoryLedger ledger = new InMemoryLedger();
    InMemoryAccountStateStore accountState = new InMemoryAccountStateStore(buckets, ledger);
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
        return ledger.purgeExpired(now) + accountState.purgeExpired(now);
      }

      @Override
      public CompletionStage<Void> close() {
        return CompletableFuture.completedFuture(null);
      }
    };
    return new Stores("embedded in-memory store", new InMemoryApiKeyStore(), ledger, ledger, new InMemoryAccountStore(),
        accountState, new InMemoryAdminStore(), single, new InMemoryLoginThrottle(clock),
        new InMemoryOAuthSessionStore(), new InMemoryAccountErrorLog(AccountErrorLog.KEPT), new InMemorySharedPriceFile(),
        new io.clauderelay.domain.memory.InMemorySettingsStore());
  }
}
