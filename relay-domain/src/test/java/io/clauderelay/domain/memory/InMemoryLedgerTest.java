package io.clauderelay.domain.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What only the embedded ledger does, beyond {@link io.clauderelay.domain.contract.AbstractLedgerContract}:
 * the periodic purge, and lease expiry at its exact instant.
 */
class InMemoryLedgerTest {
  private static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");
  private static final UsageBuckets BUCKETS = new UsageBuckets("2026-03-04", "2026-03-04:10", "2026-03",
      "2026-03-02T00");

  private final InMemoryLedger ledger = new InMemoryLedger();
  private int leases;

  private static KeyLimits limits(int concurrency, int windowMinutes, long windowRequests) {
    return new KeyLimits(concurrency, windowMinutes, windowRequests, 0, 0, 0, 0, 0, 1, 0);
  }

  private AdmissionResult admit(String key, KeyLimits l, Instant now, Duration ttl) {
    AdmissionRequest req = new AdmissionRequest(key, "lease-" + (++leases), l, now, ttl, BUCKETS.day(), BUCKETS.week(),
        true, 0, null, null);
    return ledger.admit(req).toCompletableFuture().join();
  }

  private KeyUsage usage(String key, Instant now) {
    return ledger.keyUsage(key, BUCKETS, 60, now).toCompletableFuture().join();
  }

  @Test
  void purgeExpiredReturnsTheNumberOfExpiredLeasesAcrossKeys() {
    admit("a", KeyLimits.NONE, T0, Duration.ofSeconds(1));
    admit("a", KeyLimits.NONE, T0, Duration.ofSeconds(1));
    admit("b", KeyLimits.NONE, T0, Duration.ofSeconds(1));
    admit("b", KeyLimits.NONE, T0, Duration.ofMinutes(5));

    assertThat(ledger.purgeExpired(T0.plusMillis(999))).isZero();
    assertThat(ledger.purgeExpired(T0.plusSeconds(1))).isEqualTo(3);
    assertThat(ledger.purgeExpired(T0.plusSeconds(2))).isZero();
    assertThat(usage("b", T0.plusSeconds(2)).inFlight()).isEqualTo(1);
    assertThat(ledger.purgeExpired(T0.plus(Duration.ofMinutes(5)))).isEqualTo(1);
  }

  @Test
  void purgeExpiredOnAnEmptyLedgerPurgesNothing() {
    assertThat(ledger.purgeExpired(T0)).isZero();
  }

  @Test
  void releasedLeasesAreNotCountedAsPurged() {
    admit("a", KeyLimits.NONE, T0, Duration.ofSeconds(1));
    ledger.release("a", "lease-1").toCompletableFuture().join();

    assertThat(ledger.purgeExpired(T0.plusSeconds(1))).isZero();
  }

  @Test
  void aLeaseHoldsItsSlotUntilTheMillisecondBeforeItsExpiry() {
    KeyLimits one = limits(1, 0, 0);
    admit("k", one, T0, Duration.ofSeconds(30));

    AdmissionResult stillHeld = admit("k", one, T0.plusSeconds(30).minusMillis(1), Duration.ofSeconds(30));
    AdmissionResult freed = admit("k", one, T0.plusSeconds(30), Duration.ofSeconds(30));

    assertThat(stillHeld).isInstanceOfSatisfying(AdmissionResult.Rejected.class,
        r -> assertThat(r.failure().kind()).isEqualTo(FailureKind.POLICY_CONCURRENCY_LIMIT));
    assertThat(freed).isInstanceOf(AdmissionResult.Admitted.class);
  }

  @Test
  void purgingKeepsTheOpenWindowAndItsCounters() {
    KeyLimits l = limits(0, 60, 2);
    admit("k", l, T0, Duration.ofSeconds(1));
    admit("k", l, T0.plusSeconds(1), Duration.ofSeconds(1));

    ledger.purgeExpired(T0.plus(Duration.ofMinutes(30)));

    assertThat(usage("k", T0.plus(Duration.ofMinutes(30))).windowRequests()).isEqualTo(2);
    assertThat(admit("k", l, T0.plus(Duration.ofMinutes(30)), Duration.ofSeconds(1)))
        .isInstanceOf(AdmissionResult.Rejected.class);
  }

  @Test
  void aRepeatedSettlementStillReleasesTheLeaseItNames() {
    KeyLimits one = limits(1, 0, 0);
    UsageRecord r = new UsageRecord("req-1", "k", "acc", Provider.CLAUDE, "claude-sonnet-4",
        new TokenUsage(1, 1, 0, 0, 0),
        Cost.ZERO, 0, 200, false, 1, 1, T0);
    assertThat(ledger.settle(new UsageSettlement(r, BUCKETS, null, true)).toCompletableFuture().join()).isTrue();
    admit("k", one, T0, Duration.ofMinutes(5));

    boolean written = ledger.settle(new UsageSettlement(r, BUCKETS, "lease-1", true)).toCompletableFuture().join();

    assertThat(written).isFalse();
    assertThat(usage("k", T0).inFlight()).isZero();
    assertThat(ledger.recentRecords("k", 10).toCompletableFuture().join()).hasSize(1);
  }

  @Test
  void recentRecordsWithANonPositiveLimitIsEmpty() {
    UsageRecord r = new UsageRecord("req-1", "k", "acc", Provider.CLAUDE, "claude-sonnet-4", TokenUsage.ZERO,
        Cost.ZERO, 0, 200, false, 1, 1, T0);
    ledger.settle(new UsageSettlement(r, BUCKETS, null, true)).toCompletableFuture().join();

    assertThat(ledger.recentRecords("k", 0).toCompletableFuture().join()).isEmpty();
    assertThat(ledger.recentRecords("k", -5).toCompletableFuture().join()).isEqualTo(List.of());
  }
}
