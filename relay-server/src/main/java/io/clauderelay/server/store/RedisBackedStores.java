package io.clauderelay.server.store;

import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.redis.RedisAdmissionQueue;
import io.clauderelay.redis.RedisSettings;
import io.clauderelay.redis.RedisSubscriptionWindowStore;
import io.clauderelay.redis.RedisTurnGate;
import io.clauderelay.redis.RedisStores;
import io.clauderelay.server.config.HostPort;
import io.clauderelay.server.config.Secret;
import io.clauderelay.server.config.StoreConfig;
import io.clauderelay.server.config.StoreMode;
import io.clauderelay.server.health.HealthRoute.StoreHealth;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/** The Redis backend (standalone or Sentinel), shared by every relay node. */
public final class RedisBackedStores {
  private RedisBackedStores() {}

  public static RedisSettings settings(StoreConfig c) {
    String password = c.password().map(Secret::reveal).orElse(null);
    if (c.mode() == StoreMode.SENTINEL) {
      return RedisSettings.sentinel(c.sentinels().stream().map(h -> h.host() + ":" + h.port()).toList(), c.masterName(),
          c.db(), password);
    }
    if (c.mode() == StoreMode.CLUSTER) {
      return RedisSettings.cluster(c.sentinels().stream().map(HostPort::toString).toList(), password);
    }
    HostPort hp = c.standalone().orElseThrow();
    return RedisSettings.standalone(hp.host(), hp.port(), c.db(), password);
  }

  public static Stores create(Vertx vertx, StoreConfig config, TimeBuckets buckets) {
    RedisStores redis = RedisStores.create(vertx, settings(config), buckets);
    Stores.Cluster cluster = new Stores.Cluster() {
      @Override
      public CompletionStage<StoreHealth> health() {
        return redis.health().thenApply(h -> new StoreHealth(h.connected(), h.role(), h.latencyMs(), h.error()));
      }

      @Override
      public void publishInvalidation(String kind, String id) {
        redis.invalidations().publish(kind, id);
      }

      @Override
      public void onInvalidation(BiConsumer<String, String> handler) {
        redis.subscribe(i -> handler.accept(i.kind(), i.id()));
      }

      @Override
      public CompletionStage<Boolean> tryLock(String job, String owner, Duration ttl) {
        return redis.jobLock().tryAcquire(job, owner, ttl);
      }

      @Override
      public CompletionStage<Void> unlock(String job, String owner) {
        return redis.jobLock().release(job, owner).thenApply(released -> null);
      }

      @Override
      public int housekeeping(Instant now) {
        return 0; // Redis leases and cool-downs expire by score and TTL inside the scripts.
      }

      @Override
      public CompletionStage<Void> close() {
        return redis.close();
      }
    };
    return new Stores("Redis " + redis.settings().describe(), redis.apiKeys(), redis.admission(), redis.usage(),
        redis.accounts(), redis.accountState(), redis.admin(), cluster,
        redis.loginThrottle(), redis.oauthSessions(), redis.accountErrors(), redis.priceFile(), redis.settingsStore(),
        new RedisAdmissionQueue(redis.commands()), new RedisSubscriptionWindowStore(redis.commands()),
        new RedisTurnGate(redis.commands()));
  }
}
