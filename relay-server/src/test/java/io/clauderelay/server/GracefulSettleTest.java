package io.clauderelay.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.usage.FlakyUsageLedger;
import io.clauderelay.domain.usage.JournalingUsageLedger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a stopping node does with usage it still holds: it waits (bounded) until the store took all of it. */
class GracefulSettleTest {
  @Test
  void journaledSettlementsAreReplayedUntilTheStoreTakesThem() {
    FlakyUsageLedger store = new FlakyUsageLedger();
    store.failNext.set(8);
    JournalingUsageLedger ledger = new JournalingUsageLedger(store, 100);
    for (int i = 0; i < 5; i++) ledger.settle(FlakyUsageLedger.settlement("r" + i)).toCompletableFuture().join();
    assertThat(ledger.pending()).isEqualTo(5); // 5 refused, 3 more refusals left for the replays

    GracefulStop.settleAll(ledger, Duration.ofSeconds(10));

    assertThat(ledger.pending()).isZero();
    assertThat(store.requests()).isEqualTo(5);
  }

  @Test
  void aStoreThatNeverComesBackEndsTheWaitAtTheBound() {
    FlakyUsageLedger store = new FlakyUsageLedger();
    store.down.set(true);
    JournalingUsageLedger ledger = new JournalingUsageLedger(store, 100);
    ledger.settle(FlakyUsageLedger.settlement("lost")).toCompletableFuture().join();

    GracefulStop.settleAll(ledger, Duration.ofMillis(600)); // returns (bounded); the loss is logged

    assertThat(ledger.pending()).isEqualTo(1);
  }
}
