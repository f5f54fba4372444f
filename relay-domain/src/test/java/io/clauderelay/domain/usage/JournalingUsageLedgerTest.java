package io.clauderelay.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.port.UsageLedger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class JournalingUsageLedgerTest {
  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  static final UsageBuckets BUCKETS = new UsageBuckets("2026-11-26", "2026-11-26:10", "2026-11", "2026-11-23T00");

  /** A ledger that fails while {@code down} is set, and may fail after having written (a lost reply). */
  static final class FlakyLedger implements UsageLedger {
    final InMemoryLedger store = new InMemoryLedger();
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicBoolean failAfterWrite = new AtomicBoolean();

    @Override
    public CompletionStage<Boolean> settle(UsageSettlement s) {
      if (down.get()) return CompletableFuture.failedFuture(new IllegalStateException("store down"));
      if (failAfterWrite.get()) {
        store.settle(s);
        return CompletableFuture.failedFuture(new IllegalStateException("reply lost"));
      }
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

  long requests(UsageLedger l) {
    return l.keyUsage("key-1", BUCKETS, 0, NOW).toCompletableFuture().join().total().requests();
  }

  @Test
  void settlementsDuringAnOutageAreReplayedExactlyOnce() {
    FlakyLedger flaky = new FlakyLedger();
    JournalingUsageLedger ledger = new JournalingUsageLedger(flaky, 1000);
    flaky.down.set(true);
    for (int i = 0; i < 50; i++) assertThat(ledger.settle(settlement("r" + i)).toCompletableFuture().join()).isTrue();
    assertThat(ledger.pending()).isEqualTo(50);
    assertThat(ledger.replay().toCompletableFuture().join()).isZero();
    assertThat(requests(flaky.store)).isZero();

    flaky.down.set(false);
    assertThat(ledger.replay().toCompletableFuture().join()).isEqualTo(50);
    assertThat(ledger.pending()).isZero();
    assertThat(requests(flaky.store)).isEqualTo(50);
    assertThat(ledger.replay().toCompletableFuture().join()).isZero();
    assertThat(requests(flaky.store)).isEqualTo(50);
  }

  @Test
  void aWriteWhoseReplyWasLostIsNotCountedTwiceOnReplay() {
    FlakyLedger flaky = new FlakyLedger();
    JournalingUsageLedger ledger = new JournalingUsageLedger(flaky, 1000);
    flaky.failAfterWrite.set(true);
    ledger.settle(settlement("once")).toCompletableFuture().join();
    flaky.failAfterWrite.set(false);
    ledger.replay().toCompletableFuture().join();
    assertThat(requests(flaky.store)).isEqualTo(1);
    assertThat(ledger.pending()).isZero();
  }

  @Test
  void theJournalIsBoundedAndCountsWhatItHadToDrop() {
    FlakyLedger flaky = new FlakyLedger();
    JournalingUsageLedger ledger = new JournalingUsageLedger(flaky, 3);
    flaky.down.set(true);
    for (int i = 0; i < 5; i++) ledger.settle(settlement("r" + i));
    assertThat(ledger.pending()).isEqualTo(3);
    assertThat(ledger.droppedTotal()).isEqualTo(2);
    assertThat(ledger.journaledTotal()).isEqualTo(5);
  }
}
