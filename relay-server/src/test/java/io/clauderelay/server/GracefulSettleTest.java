package io.clauderelay.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.usage.JournalingUsageLedger;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.domain.usage.UsageTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a stopping node does with usage it still holds: it waits (bounded) until the store took all of it. */
class GracefulSettleTest {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final UsageBuckets BUCKETS = new UsageBuckets("2026-11-26", "2026-11-26:10", "2026-11", "2026-11-23T00");

  /** A store that refuses the first {@code failures} writes (a failover), then takes them. */
  static final class RecoveringLedger implements UsageLedger {
    final InMemoryLedger store = new InMemoryLedger();
    final AtomicInteger failures;

    RecoveringLedger(int failures) {
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public CompletionStage<Boolean> settle(UsageSettlement s) {
      if (failures.getAndDecrement() > 0) return CompletableFuture.failedFuture(new IllegalStateException("failover"));
      return store.settle(s);
    }

    @Override
    public CompletionStage<KeyUsage> keyUsage(String k, UsageBuckets b, int w, Instant n) {
      return store.keyUsage(k, b, w, n);
    }

    @Override
    public CompletionStage<List<UsageRecord>> recentRecords(String k, int l) {
      return store.recentRecords(k, l);
    }

    @Override
    public CompletionStage<Map<String, UsageTotals>> keyModelTotals(String k, String d) {
      return store.keyModelTotals(k, d);
    }

    @Override
    public CompletionStage<Map<String, UsageTotals>> dailyTotals(String d) {
      return store.dailyTotals(d);
    }
  }

  static UsageSettlement settlement(String requestId) {
    UsageRecord r = new UsageRecord(requestId, "key-1", "acc", Provider.CLAUDE, "claude-x", new TokenUsage(10, 5, 0, 0, 0),
        new Cost(0, 0, 0, 0, 0, 100, false, false), 100, 200, false, 1, 1, NOW);
    return new UsageSettlement(r, BUCKETS, null, true);
  }

  @Test
  void journaledSettlementsAreReplayedUntilTheStoreTakesThem() {
    RecoveringLedger store = new RecoveringLedger(8);
    JournalingUsageLedger ledger = new JournalingUsageLedger(store, 100);
    for (int i = 0; i < 5; i++) ledger.settle(settlement("r" + i)).toCompletableFuture().join();
    assertThat(ledger.pending()).isEqualTo(5);   // 5 refused, 3 more refusals left for the replays

    RelayApp.settleAll(ledger, Duration.ofSeconds(10));

    assertThat(ledger.pending()).isZero();
    assertThat(store.keyUsage("key-1", BUCKETS, 0, NOW).toCompletableFuture().join().total().requests()).isEqualTo(5);
  }

  @Test
  void aStoreThatNeverComesBackEndsTheWaitAtTheBound() {
    RecoveringLedger store = new RecoveringLedger(Integer.MAX_VALUE);
    JournalingUsageLedger ledger = new JournalingUsageLedger(store, 100);
    ledger.settle(settlement("lost")).toCompletableFuture().join();

    RelayApp.settleAll(ledger, Duration.ofMillis(600));   // returns (bounded); the loss is logged

    assertThat(ledger.pending()).isEqualTo(1);
  }
}
