package io.clauderelay.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryAccountStateStoreTest {
  static final Instant NOW = Instant.parse("2025-06-01T22:30:00Z");

  /** A settled request of {@code account} filed under {@code day}, with list-price cost {@code real}. */
  static UsageSettlement served(String requestId, String account, String day, long real) {
    UsageRecord r = new UsageRecord(requestId, "k", account, Provider.CLAUDE, "claude-sonnet-4",
        new TokenUsage(1, 1, 0, 0, 0), new Cost(real, 0, 0, 0, 0, real, false, false), 1, 200, false, 1, 1, NOW);
    return new UsageSettlement(r, new UsageBuckets(day, day + "T00", day.substring(0, 7), "w"), null, true);
  }

  private static AccountRuntime runtime(InMemoryAccountStateStore store, String id, Instant now) {
    return store.runtime(List.of(id), now).toCompletableFuture().join().get(id);
  }

  @Test
  void todaysCostCountsOnlyTheCurrentDayOfTheOperatorsOffset() {
    InMemoryLedger ledger = new InMemoryLedger();
    InMemoryAccountStateStore store = new InMemoryAccountStateStore(TimeBuckets.ofHours(8), ledger);
    // 22:30 UTC is already 2025-06-02 at UTC+8.
    ledger.settle(served("r1", "a", "2025-06-02", 1_000));
    ledger.settle(served("r2", "a", "2025-06-02", 500));
    ledger.settle(served("r3", "a", "2025-06-01", 9_999));
    assertThat(runtime(store, "a", NOW).todayCostMicros()).isEqualTo(1_500);
    assertThat(runtime(store, "a", NOW.plus(Duration.ofDays(1))).todayCostMicros()).isZero();
  }

  @Test
  void purgeFreesExpiredLeasesAndEndedCoolDowns() {
    InMemoryAccountStateStore store = new InMemoryAccountStateStore();
    store.acquire("a", "old", 0, Duration.ofSeconds(10), NOW);
    store.acquire("a", "new", 0, Duration.ofSeconds(100), NOW);
    store.coolDown("a", NOW.plusSeconds(5), "timeout");

    assertThat(store.purgeExpired(NOW.plusSeconds(20))).isEqualTo(1);
    AccountRuntime rt = runtime(store, "a", NOW);
    assertThat(rt.inFlight()).isEqualTo(1);
    assertThat(rt.coolingUntil()).isNull();
  }
}
