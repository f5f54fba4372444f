package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.account.StickyBinding;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.memory.AccountStateEntries;
import io.clauderelay.domain.memory.InMemoryAccountStateStore;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.memory.LedgerEntries;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.redis.testing.RedisFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every kind of usage and account runtime entry the embedded store keeps goes into Redis and comes
 * back the same, and the Redis stores answer from what was written as the embedded ones did.
 */
class RedisStateTransferTest {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  private static final TimeBuckets BUCKETS = TimeBuckets.ofHours(0);
  // Milliseconds: what Redis keeps of windows, sticky expiries and an account's last use.
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static final KeyLimits WINDOWED = new KeyLimits(0, 60, 1000, 0, 0, 0, 0, 0, 1, 0);

  private RedisStateTransfer transfer;

  @BeforeEach
  void empty() {
    redis.flush();
    transfer = new RedisStateTransfer(redis.commands());
  }

  private static UsageBuckets buckets(Instant at) {
    return new UsageBuckets(BUCKETS.day(at), BUCKETS.hour(at), BUCKETS.month(at), BUCKETS.week(at, 1, 0));
  }

  private static InMemoryLedger used() {
    InMemoryLedger ledger = new InMemoryLedger();
    for (int i = 0; i < 5; i++) {
      Instant t = NOW.plusMillis(i);
      String lease = "req-" + i;
      ledger.admit(
          new AdmissionRequest("k1", lease, WINDOWED, t, Duration.ofMinutes(5), BUCKETS.day(t), BUCKETS.week(t, 1, 0),
              true, 0, null, null));
      UsageRecord r = new UsageRecord(lease, "k1", "acc-1", Provider.CLAUDE,
          i % 2 == 0 ? "claude-sonnet-4" : "claude-opus-4",
          new TokenUsage(100 + i, 20, 3, 2, 1), new Cost(40, 60, 0, 0, 0, 100, false, false), 150, 200, i % 2 == 0, 900,
          80, t);
      ledger.settle(new UsageSettlement(r, buckets(t), lease, true,
          i == 0 ? StickyBinding.bind("s1", "acc-1", Duration.ofHours(1)) : null));
    }
    return ledger;
  }

  @Test
  void usageEntriesComeBackAsTheyWentInAndTheLedgerAnswersFromThem() {
    InMemoryLedger ledger = used();
    Map<String, Object> entries = LedgerEntries.snapshot(ledger);

    transfer.loadUsageEntries(entries, NOW).toCompletableFuture().join();

    Map<String, Object> expected = new HashMap<>(entries);
    expected.remove(LedgerEntries.name(LedgerEntries.TOTAL, "global")); // all-time global totals: not kept on Redis
    assertThat(transfer.usageEntries(NOW).toCompletableFuture().join()).isEqualTo(expected);
    UsageBuckets b = buckets(NOW);
    KeyUsage onRedis = new RedisLedger(redis.commands()).keyUsage("k1", b, 60, NOW.plusSeconds(1)).toCompletableFuture()
        .join();
    assertThat(onRedis).isEqualTo(ledger.keyUsage("k1", b, 60, NOW.plusSeconds(1)).toCompletableFuture().join());
  }

  @Test
  void accountRuntimeEntriesComeBackAsTheyWentIn() {
    InMemoryAccountStateStore state = new InMemoryAccountStateStore(BUCKETS, new InMemoryLedger());
    state.release("acc-1", "r", NOW);
    state.coolDown("acc-1", NOW.plus(Duration.ofHours(1)), "server_error (HTTP 500)");
    state.coolDownFamily("acc-1", "opus", NOW.plus(Duration.ofHours(2)), "rate_limited");
    state.recordPlan("acc-1", ClaudePlan.MAX);
    state.recordWindowStatus("acc-1", "allowed_warning");
    state.release("acc-2", "r", NOW.minusSeconds(5));
    Map<String, Object> entries = AccountStateEntries.snapshot(state);

    transfer.loadAccountStateEntries(entries, NOW).toCompletableFuture().join();

    assertThat(transfer.accountStateEntries(NOW).toCompletableFuture().join()).isEqualTo(entries);
    assertThat(new RedisAccountStateStore(redis.commands(), BUCKETS).runtime(List.of("acc-1"), NOW)
        .toCompletableFuture().join())
        .isEqualTo(state.runtime(List.of("acc-1"), NOW).toCompletableFuture().join());
  }
}
