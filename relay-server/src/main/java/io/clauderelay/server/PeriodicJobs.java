package io.clauderelay.server;

import io.clauderelay.domain.key.ApiKey;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.domain.usage.JournalingUsageLedger;
import io.clauderelay.server.http.Async;
import io.clauderelay.server.store.Stores;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background work: replaying journaled usage every second while the store was away, and the
 * cleanup every {@code CLEANUP_INTERVAL} on one node of the cluster at a time (a store lock whose
 * TTL fences a node that died mid-run).
 */
final class PeriodicJobs {
  private static final Logger LOG = LoggerFactory.getLogger(PeriodicJobs.class);

  private final Vertx vertx;
  private final long replayTimer;
  private final long cleanupTimer;

  private PeriodicJobs(Vertx vertx, long replayTimer, long cleanupTimer) {
    this.vertx = vertx;
    this.replayTimer = replayTimer;
    this.cleanupTimer = cleanupTimer;
  }

  static PeriodicJobs start(Vertx vertx, ApiKeyStore keys, Stores.Cluster cluster, JournalingUsageLedger ledger,
      Clock clock,
      Duration cleanupInterval) {
    String node = UUID.randomUUID().toString();
    long replay = vertx.setPeriodic(1000, id -> {
      if (ledger.pending() == 0) return;
      ledger.replay().thenAccept(n -> {
        if (n > 0) LOG.info("replayed {} journaled usage settlements; {} still pending", n, ledger.pending());
      });
    });
    long cleanup = vertx.setPeriodic(Math.max(1000, cleanupInterval.toMillis()),
        id -> Async.from(cluster.tryLock("cleanup", node, cleanupInterval.dividedBy(2))).onSuccess(mine -> {
          if (mine) cleanup(keys, cluster, clock.instant());
        }));
    return new PeriodicJobs(vertx, replay, cleanup);
  }

  /** Expired keys are switched off (as the original does) and the backend tidies its leases. */
  static Future<Integer> cleanup(ApiKeyStore keys, Stores.Cluster cluster, Instant now) {
    int tidied = cluster.housekeeping(now);
    return Async.from(keys.list()).compose(all -> {
      List<ApiKey> expired = all.stream().filter(k -> k.active() && !k.deleted() && k.expiry().isExpired(now))
          .toList();
      List<Future<Void>> saves = expired.stream()
          .map(k -> Async.from(keys.save(k.toBuilder().active(false).updatedAt(now).build()))).toList();
      return Future.all(saves).map(v -> {
        if (tidied + expired.size() > 0) {
          LOG.info("cleanup: {} expired keys disabled, {} stale leases released", expired.size(), tidied);
        }
        return expired.size();
      });
    });
  }

  void stop() {
    vertx.cancelTimer(replayTimer);
    vertx.cancelTimer(cleanupTimer);
  }
}
