package io.clauderelay.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.time.TimeBuckets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class InMemoryAccountStateStoreTest {
  static final Instant NOW = Instant.parse("2025-06-01T22:30:00Z");

  private static AccountRuntime runtime(InMemoryAccountStateStore store, String id, Instant now) {
    return store.runtime(List.of(id), now).toCompletableFuture().join().get(id);
  }

  @Test
  void todaysCostCountsOnlyTheCurrentDayOfTheOperatorsOffset() {
    InMemoryAccountStateStore store = new InMemoryAccountStateStore(TimeBuckets.ofHours(8));
    // 22:30 UTC is already 2025-06-02 at UTC+8.
    store.addCost("a", "2025-06-02", 1_000);
    store.addCost("a", "2025-06-02", 500);
    store.addCost("a", "2025-06-01", 9_999);
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
