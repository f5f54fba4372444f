package io.clauderelay.embedded;

import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.memory.LedgerEntries;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.domain.usage.UsageTotals;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletionStage;

/**
 * Admission and usage answered by the in-memory ledger, exactly as before; its totals, counters,
 * records, sticky sessions and windows reach the file by the store's periodic flush (the bound),
 * never on a request's path. Leases and settled ids are not kept: they die with the process.
 */
public final class PersistentLedger implements AdmissionStore, UsageLedger {
  private final InMemoryLedger hot = new InMemoryLedger();

  /** The hot copy, shared with the account state (an account's day cost is in its day totals). */
  InMemoryLedger hot() {
    return hot;
  }
  final EntryPersister persister;

  PersistentLedger(EmbeddedFile file, Instant now) {
    this.persister = new EntryPersister(file.map("ledger"), new LedgerCodec(), Retention::ledger,
        new EntryPersister.Target() {
          @Override
          public Map<String, Object> snapshot() {
            return LedgerEntries.snapshot(hot);
          }

          @Override
          public void put(String name, Object value) {
            LedgerEntries.put(hot, name, value);
          }

          @Override
          public void remove(String name) {
            LedgerEntries.remove(hot, name);
          }
        }, new RecordSlots());
    persister.load(now);
  }

  Map<String, Object> entries() {
    return LedgerEntries.snapshot(hot);
  }

  void load(Map<String, Object> entries) {
    entries.forEach((name, value) -> LedgerEntries.put(hot, name, value));
  }

  /** Expired leases, windows and sticky sessions leave memory (and with the next flush, the file). */
  public int purgeExpired(Instant now) {
    return hot.purgeExpired(now);
  }

  @Override
  public CompletionStage<AdmissionResult> admit(AdmissionRequest request) {
    return hot.admit(request);
  }

  /** Leases live only in memory (they die with the process), so renewing them touches no file. */
  @Override
  public CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> leaseIdsByKey, Instant now,
      Duration ttl) {
    return hot.renew(leaseIdsByKey, now, ttl);
  }

  @Override
  public CompletionStage<Void> release(String keyId, String leaseId, String forgetSessionId) {
    return hot.release(keyId, leaseId, forgetSessionId);
  }

  @Override
  public CompletionStage<Boolean> settle(UsageSettlement settlement) {
    return hot.settle(settlement);
  }

  @Override
  public CompletionStage<KeyUsage> keyUsage(String keyId, UsageBuckets buckets, int windowMinutes, Instant now) {
    return hot.keyUsage(keyId, buckets, windowMinutes, now);
  }

  @Override
  public CompletionStage<List<UsageRecord>> recentRecords(String keyId, int limit) {
    return hot.recentRecords(keyId, limit);
  }

  @Override
  public CompletionStage<Map<String, UsageTotals>> keyModelTotals(String keyId, String day) {
    return hot.keyModelTotals(keyId, day);
  }

  @Override
  public CompletionStage<Map<String, UsageTotals>> dailyTotals(String day) {
    return hot.dailyTotals(day);
  }

  @Override
  public CompletionStage<List<UsageTotals>> minuteTotals(Instant end, int minutes) {
    return hot.minuteTotals(end, minutes);
  }
}
