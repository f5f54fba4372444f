package io.clauderelay.domain.usage;

import io.clauderelay.domain.port.UsageLedger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Never loses a usage record to a store outage: a settlement the store cannot take is kept in a
 * bounded local journal and replayed later. Replays are safe because settlement is idempotent by
 * request id, so a write that did land before the error is not counted twice.
 */
public final class JournalingUsageLedger implements UsageLedger {
  private final UsageLedger delegate;
  private final int capacity;
  private final Deque<UsageSettlement> journal = new ArrayDeque<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong journaled = new AtomicLong();
  private final AtomicBoolean replaying = new AtomicBoolean();
  private final AtomicInteger writing = new AtomicInteger();

  public JournalingUsageLedger(UsageLedger delegate, int capacity) {
    this.delegate = delegate;
    this.capacity = capacity;
  }

  /** Completes with true when the store took it or it was journaled; false only for a duplicate. */
  @Override
  public CompletionStage<Boolean> settle(UsageSettlement settlement) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    writing.incrementAndGet();
    delegate.settle(settlement).whenComplete((written, error) -> {
      // Journal first, count down after: a stop that sees writing() == 0 also sees pending().
      if (error != null) keep(settlement);
      writing.decrementAndGet();
      result.complete(error == null ? written : Boolean.TRUE);
    });
    return result;
  }

  private synchronized void keep(UsageSettlement settlement) {
    if (journal.size() >= capacity) {
      // Bounded so an endless outage cannot exhaust memory; counted and reported, never silent.
      journal.pollFirst();
      dropped.incrementAndGet();
    }
    journal.addLast(settlement);
    journaled.incrementAndGet();
  }

  /**
   * Replays journaled settlements in order until the journal is empty or the store fails again.
   * Completes with the number written (duplicates included). One replay runs at a time.
   */
  public CompletionStage<Integer> replay() {
    if (!replaying.compareAndSet(false, true)) return CompletableFuture.completedFuture(0);
    CompletableFuture<Integer> done = new CompletableFuture<>();
    replayNext(0, done);
    return done.whenComplete((n, e) -> replaying.set(false));
  }

  private void replayNext(int written, CompletableFuture<Integer> done) {
    UsageSettlement next;
    synchronized (this) {
      next = journal.peekFirst();
    }
    if (next == null) {
      done.complete(written);
      return;
    }
    delegate.settle(next).whenComplete((ok, error) -> {
      if (error != null) {
        done.complete(written);
        return;
      }
      synchronized (this) {
        if (journal.peekFirst() == next) journal.pollFirst();
      }
      replayNext(written + 1, done);
    });
  }

  /**
   * Settlements handed to the store that have neither landed nor been journaled yet. A graceful stop
   * waits for these too: the request that made one has already left the in-flight set.
   */
  public int writing() {
    return writing.get();
  }

  public synchronized int pending() {
    return journal.size();
  }

  /** Settlements ever journaled (a measure of outages) and ever dropped for lack of room. */
  public long journaledTotal() {
    return journaled.get();
  }

  public long droppedTotal() {
    return dropped.get();
  }

  @Override
  public CompletionStage<KeyUsage> keyUsage(String keyId, UsageBuckets buckets, int windowMinutes, Instant now) {
    return delegate.keyUsage(keyId, buckets, windowMinutes, now);
  }

  @Override
  public CompletionStage<List<UsageRecord>> recentRecords(String keyId, int limit) {
    return delegate.recentRecords(keyId, limit);
  }

  @Override
  public CompletionStage<Map<String, UsageTotals>> keyModelTotals(String keyId, String day) {
    return delegate.keyModelTotals(keyId, day);
  }

  @Override
  public CompletionStage<Map<String, UsageTotals>> dailyTotals(String day) {
    return delegate.dailyTotals(day);
  }

  @Override
  public CompletionStage<List<UsageTotals>> minuteTotals(Instant end, int minutes) {
    return delegate.minuteTotals(end, minutes);
  }
}
