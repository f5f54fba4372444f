package io.clauderelay.server.store;

import io.clauderelay.domain.port.AccountErrorLog;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.domain.port.LoginThrottle;
import io.clauderelay.domain.port.AdmissionQueue;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.port.OAuthSessionStore;
import io.clauderelay.domain.port.SettingsStore;
import io.clauderelay.domain.port.SharedPriceFile;
import io.clauderelay.domain.port.SubscriptionWindowStore;
import io.clauderelay.domain.port.TurnGate;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.server.health.HealthRoute.StoreHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * Every store port of one backend (embedded or Redis) plus what a cluster needs beside them:
 * a health probe, cache invalidation between nodes, a lock for periodic jobs, and housekeeping;
 * where OAuth onboarding sessions wait for their code; every account's recent cool-downs; and the
 * price file one node fetched for all; the operator's settings (alert channels); the keys'
 * concurrency queues (shared by every node on Redis); the usage windows subscriptions report; each subscription's user turn.
 */
public record Stores(
    String description,
    ApiKeyStore keys,
    AdmissionStore admission,
    UsageLedger ledger,
    AccountStore accounts,
    AccountStateStore accountState,
    AdminStore admin,
    Cluster cluster,
    LoginThrottle loginThrottle,
    OAuthSessionStore oauthSessions,
    AccountErrorLog accountErrors,
    SharedPriceFile priceFile,
    SettingsStore settings,
    AdmissionQueue queue,
    SubscriptionWindowStore windows,
    TurnGate turns) {

  /** The cluster-facing side of a backend; the embedded one is a single node and says yes to all. */
  public interface Cluster {
    CompletionStage<StoreHealth> health();

    /** Tells the other nodes that a cached entry changed ("apikey", id); "*" means everything. */
    void publishInvalidation(String kind, String id);

    void onInvalidation(BiConsumer<String, String> handler);

    CompletionStage<Boolean> tryLock(String job, String owner, Duration ttl);

    /** Frees {@code job}'s lock if {@code owner} still holds it (else nothing); a single node has nothing to free. */
    default CompletionStage<Void> unlock(String job, String owner) {
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }

    /** Backend-specific housekeeping run by the periodic job (expired leases and the like). */
    int housekeeping(Instant now);

    CompletionStage<Void> close();
  }
}
