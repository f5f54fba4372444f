package io.clauderelay.server.lease;

import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.domain.usage.UsageTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The usage ledger; a settlement also frees the request's key lease, so the node stops renewing it. */
final class RenewedLedger implements UsageLedger {
  private final UsageLedger inner;
  private final LiveLeases keyLeases;

  RenewedLedger(UsageLedger inner, LiveLeases keyLeases) {
    this.inner = inner;
    this.keyLeases = keyLeases;
  }

  @Override
  public CompletionStage<Boolean> settle(UsageSettlement settlement) {
    if (settlement.leaseId() != null) keyLeases.remove(settlement.record().keyId(), settlement.leaseId());
    return inner.settle(settlement);
  }

  @Override
  public CompletionStage<KeyUsage> keyUsage(String keyId, UsageBuckets buckets, int windowMinutes, Instant now) {
    return inner.keyUsage(keyId, buckets, windowMinutes, now);
  }

  @Override
  public CompletionStage<List<UsageRecord>> recentRecords(String keyId, int limit) {
    return inner.recentRecords(keyId, limit);
  }

  @Override
  public CompletionStage<Map<String, UsageTotals>> keyModelTotals(String keyId, String day) {
    return inner.keyModelTotals(keyId, day);
  }

  @Override
  public CompletionStage<Map<String, UsageTotals>> dailyTotals(String day) {
    return inner.dailyTotals(day);
  }

  @Override
  public CompletionStage<List<UsageTotals>> minuteTotals(Instant end, int minutes) {
    return inner.minuteTotals(end, minutes);
  }
}
