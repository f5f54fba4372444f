package io.clauderelay.domain.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

class JournalingUsageLedgerTest {

  @Test
  void settlementsDuringAnOutageAreReplayedExactlyOnce() {
    FlakyUsageLedger flaky = new FlakyUsageLedger();
    JournalingUsageLedger ledger = new JournalingUsageLedger(flaky, 1000);
    flaky.down.set(true);
    for (int i = 0; i < 50; i++)
      assertThat(ledger.settle(FlakyUsageLedger.settlement("r" + i)).toCompletableFuture().join()).isTrue();
    assertThat(ledger.pending()).isEqualTo(50);
    assertThat(ledger.replay().toCompletableFuture().join()).isZero();
    assertThat(flaky.requests()).isZero();

    flaky.down.set(false);
    assertThat(ledger.replay().toCompletableFuture().join()).isEqualTo(50);
    assertThat(ledger.pending()).isZero();
    assertThat(flaky.requests()).isEqualTo(50);
    assertThat(ledger.replay().toCompletableFuture().join()).isZero();
    assertThat(flaky.requests()).isEqualTo(50);
  }

  @Test
  void aWriteWhoseReplyWasLostIsNotCountedTwiceOnReplay() {
    FlakyUsageLedger flaky = new FlakyUsageLedger();
    JournalingUsageLedger ledger = new JournalingUsageLedger(flaky, 1000);
    flaky.failAfterWrite.set(true);
    ledger.settle(FlakyUsageLedger.settlement("once")).toCompletableFuture().join();
    flaky.failAfterWrite.set(false);
    ledger.replay().toCompletableFuture().join();
    assertThat(flaky.requests()).isEqualTo(1);
    assertThat(ledger.pending()).isZero();
  }

  @Test
  void theJournalIsBoundedAndCountsWhatItHadToDrop() {
    FlakyUsageLedger flaky = new FlakyUsageLedger();
    JournalingUsageLedger ledger = new JournalingUsageLedger(flaky, 3);
    flaky.down.set(true);
    for (int i = 0; i < 5; i++) ledger.settle(FlakyUsageLedger.settlement("r" + i));
    assertThat(ledger.pending()).isEqualTo(3);
    assertThat(ledger.droppedTotal()).isEqualTo(2);
    assertThat(ledger.journaledTotal()).isEqualTo(5);
  }

  @Test
  void aSettlementStillOnItsWayCountsAsWritingUntilItLandsOrIsJournaled() {
    CompletableFuture<Boolean> landed = new CompletableFuture<>();
    CompletableFuture<Boolean> refused = new CompletableFuture<>();
    java.util.Deque<CompletableFuture<Boolean>> replies = new java.util.ArrayDeque<>(List.of(landed, refused));
    FlakyUsageLedger slow = new FlakyUsageLedger() {
      @Override
      public CompletionStage<Boolean> settle(UsageSettlement s) {
        return replies.poll();
      }
    };
    JournalingUsageLedger ledger = new JournalingUsageLedger(slow, 10);
    CompletionStage<Boolean> a = ledger.settle(FlakyUsageLedger.settlement("a"));
    CompletionStage<Boolean> b = ledger.settle(FlakyUsageLedger.settlement("b"));
    assertThat(ledger.writing()).isEqualTo(2);
    assertThat(ledger.pending()).isZero();

    landed.complete(true);
    assertThat(a.toCompletableFuture().join()).isTrue();
    assertThat(ledger.writing()).isEqualTo(1);

    refused.completeExceptionally(new IllegalStateException("store down"));
    assertThat(b.toCompletableFuture().join()).isTrue();
    assertThat(ledger.writing()).isZero();
    assertThat(ledger.pending()).isEqualTo(1);
  }
}
