package io.clauderelay.server.crs;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Writes a key's usage plan through the ledger's ordinary, idempotent settlement (request ids
 * derived from CRS's buckets and record ids): bucket deltas first, then CRS's records oldest first,
 * so that the records are the newest entries of the key's recent list, as they were in CRS.
 */
final class CrsSettler {
  private static final int IN_FLIGHT = 64;

  private final UsageLedger ledger;
  private final TimeBuckets buckets;
  private final List<CompletableFuture<Boolean>> pending = new ArrayList<>();

  CrsSettler(UsageLedger ledger, TimeBuckets buckets) {
    this.ledger = ledger;
    this.buckets = buckets;
  }

  void settle(String keyId, CrsUsagePlan plan, int weeklyResetDay, int weeklyResetHour) {
    for (CrsUsagePlan.Batch b : plan.batches) {
      for (long i = 0; i < b.count(); i++) {
        CrsCounters c = i == 0 ? b.delta() : CrsCounters.ZERO;
        send(new UsageRecord(b.idBase() + ":" + (b.firstSeq() + i), keyId, "", Provider.ofModel(b.model()), b.model(),
            c.tokens(), cost(c), c.ratedMicros(), 200, false, 0, 0, b.at()), b.buckets(), b.model());
      }
    }
    for (CrsRecord r : plan.records) {
      CrsCounters c = r.counters();
      UsageBuckets bk = new UsageBuckets(buckets.day(r.at()), buckets.hour(r.at()), buckets.month(r.at()),
          buckets.week(r.at(), weeklyResetDay, weeklyResetHour));
      send(new UsageRecord("crs:r:" + r.id(), keyId, r.accountId(), Provider.ofModel(r.model()), r.model(), c.tokens(),
          cost(c), c.ratedMicros(), r.status(), r.stream(), r.durationMs(), 0, r.at()), bk, r.model());
    }
    drain();
  }

  private static Cost cost(CrsCounters c) {
    return new Cost(0, 0, 0, 0, 0, c.realMicros(), false, false);
  }

  private void send(UsageRecord record, UsageBuckets b, String model) {
    pending
        .add(ledger.settle(new UsageSettlement(record, b, null, Provider.isClaudeModel(model))).toCompletableFuture());
    if (pending.size() >= IN_FLIGHT) drain();
  }

  /** Waits for every settlement sent; a failure ends the run (the marks of this key are not written). */
  private void drain() {
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    pending.clear();
  }

}
