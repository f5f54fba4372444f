package io.clauderelay.domain.usage;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.Cost;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test ledger over the in-memory one that fails like a store during a failover: while {@code
 * down}, for the next {@code failNext} writes, or after writing (a lost reply). Shared by the
 * journal's tests here and the server's graceful-stop tests (test-jar).
 */
public class FlakyUsageLedger implements UsageLedger {
  public static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  public static final UsageBuckets BUCKETS = new UsageBuckets("2026-11-26", "2026-11-26:10", "2026-11",
      "2026-11-23T00");

  public final InMemoryLedger store = new InMemoryLedger();
  public final AtomicBoolean down = new AtomicBoolean();
  public final AtomicBoolean failAfterWrite = new AtomicBoolean();
  public final AtomicInteger failNext = new AtomicInteger();

  /** A settlement of 10 input and 5 output tokens for key-1, 100 micro-dollars. */
  public static UsageSettlement settlement(String requestId) {
    UsageRecord r = new UsageRecord(requestId, "key-1", "acc", Provider.CLAUDE, "claude-x",
        new TokenUsage(10, 5, 0, 0, 0),
        new Cost(0, 0, 0, 0, 0, 100, false, false), 100, 200, false, 1, 1, NOW);
    return new UsageSettlement(r, BUCKETS, null, true);
  }

  /** Requests recorded for key-1. */
  public long requests() {
    return store.keyUsage("key-1", BUCKETS, 0, NOW).toCompletableFuture().join().total().requests();
  }

  @Override
  public CompletionStage<Boolean> settle(UsageSettlement s) {
    if (down.get() || failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return CompletableFuture.failedFuture(new IllegalStateException("store down"));
    }
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

  @Override
  public CompletionStage<List<UsageTotals>> minuteTotals(Instant end, int minutes) {
    return store.minuteTotals(end, minutes);
  }
}
