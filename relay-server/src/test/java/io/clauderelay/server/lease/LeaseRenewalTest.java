package io.clauderelay.server.lease;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.memory.InMemoryAccountStateStore;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/**
 * The node-wide renewal: what this node was granted is renewed each round until it is released or
 * settled; a round while the store is away changes nothing and the next one, once it is back,
 * renews what had not run out yet.
 */
class LeaseRenewalTest {
  static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");
  static final Duration TTL = Duration.ofSeconds(30);
  static final TimeBuckets BUCKETS = TimeBuckets.ofHours(0);

  final HandClock clock = new HandClock(T0);
  final InMemoryLedger store = new InMemoryLedger();
  final FlakyRenewals flaky = new FlakyRenewals(store);
  final InMemoryAccountStateStore accountStore = new InMemoryAccountStateStore();
  final LeaseRenewal renewal = new LeaseRenewal(clock, TTL);
  final AdmissionStore admission = renewal.admission(flaky);
  final AccountStateStore accounts = renewal.accountSlots(accountStore);
  final UsageLedger ledger = renewal.ledger(store);

  @Test
  void grantedSlotsAreRenewedEachRoundUntilReleasedOrSettled() {
    String streaming = admit("k");
    String settled = admit("k2");
    assertThat(accounts.acquire("acct", "req-1", 1, TTL, T0).toCompletableFuture().join()).isTrue();
    assertThat(renewal.held()).containsExactly(2, 1);

    for (int s = 10; s <= 60; s += 10) {
      clock.now = T0.plusSeconds(s);
      renewal.renewNow();
    }
    clock.now = T0.plusSeconds(85);
    assertThat(refused("k")).isTrue();
    assertThat(accounts.acquire("acct", "req-2", 1, TTL, clock.now).toCompletableFuture().join()).isFalse();

    admission.release("k", streaming);
    accounts.release("acct", "req-1", clock.now);
    UsageRecord r = new UsageRecord("r-settled", "k2", "acct", Provider.CLAUDE, "claude-sonnet-4", TokenUsage.ZERO,
        new Cost(0, 0, 0, 0, 0, 0, false, false), 0, 200, true, 10, 1, clock.now);
    ledger.settle(
        new UsageSettlement(r, new UsageBuckets(BUCKETS.day(r.at()), BUCKETS.hour(r.at()), BUCKETS.month(r.at()),
            BUCKETS.week(r.at(), 1, 0)), settled, false))
        .toCompletableFuture().join();
    assertThat(renewal.held()).containsExactly(0, 0);
  }

  @Test
  void aRoundWhileTheStoreIsAwayIsRetriedAndRenewsWhatHasNotRunOut() {
    admit("k");
    clock.now = T0.plusSeconds(10);
    flaky.away = true;
    renewal.renewNow(); // fails: the lease still ends at T0+30
    clock.now = T0.plusSeconds(20);
    flaky.away = false;
    renewal.renewNow(); // back: now until T0+50
    clock.now = T0.plusSeconds(45);
    assertThat(refused("k")).isTrue();

    // Away for longer than the lease: the slot ran out, the node does not take it back.
    flaky.away = true;
    clock.now = T0.plusSeconds(30);
    renewal.renewNow();
    clock.now = T0.plusSeconds(51);
    String other = admitAt("k", clock.now);
    assertThat(other).isNotNull();
    flaky.away = false;
    renewal.renewNow();
    // Once the other request is done the key is free: the lost lease was not taken back.
    admission.release("k", other);
    assertThat(refused("k")).isFalse();
  }

  private String admit(String key) {
    return admitAt(key, clock.now);
  }

  private String admitAt(String key, Instant now) {
    AdmissionResult r = admission.admit(ask(key, now)).toCompletableFuture().join();
    return r instanceof AdmissionResult.Admitted a ? a.leaseId() : null;
  }

  private boolean refused(String key) {
    return store.admit(ask(key, clock.now)).toCompletableFuture().join() instanceof AdmissionResult.Rejected;
  }

  private static AdmissionRequest ask(String key, Instant now) {
    KeyLimits limits = new KeyLimits(1, 0, 0, 0, 0, 0, 0, 0, 1, 0);
    return new AdmissionRequest(key, java.util.UUID.randomUUID().toString(), limits, now, TTL, BUCKETS.day(now),
        BUCKETS.week(now, 1, 0), true, 0, BUCKETS.nextDayStart(now), BUCKETS.nextWeekReset(now, 1, 0));
  }

  /** The admission store, whose renewals fail while {@link #away}. */
  static final class FlakyRenewals implements AdmissionStore {
    final AdmissionStore inner;
    volatile boolean away;

    FlakyRenewals(AdmissionStore inner) {
      this.inner = inner;
    }

    @Override
    public CompletionStage<AdmissionResult> admit(AdmissionRequest request) {
      return inner.admit(request);
    }

    @Override
    public CompletionStage<Void> release(String keyId, String leaseId, String forgetSessionId) {
      return inner.release(keyId, leaseId, forgetSessionId);
    }

    @Override
    public CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> leases, Instant now, Duration ttl) {
      return away
          ? CompletableFuture.failedFuture(new IllegalStateException("store away"))
          : inner.renew(leases, now, ttl);
    }
  }

  static final class HandClock extends Clock {
    volatile Instant now;

    HandClock(Instant start) {
      now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
