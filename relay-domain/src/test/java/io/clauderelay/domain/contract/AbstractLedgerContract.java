package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.StickyBinding;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.failure.Failure;
import io.clauderelay.domain.failure.FailureKind;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.port.AdmissionStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.pricing.Money;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.KeyUsage;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.domain.usage.UsageTotals;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every admission store and usage ledger must do, tested together because settlement releases
 * leases and feeds the counters that admission checks. Every request carries an explicit {@code now}.
 */
public abstract class AbstractLedgerContract<L extends AdmissionStore & UsageLedger> {

  protected static final TimeBuckets BUCKETS = TimeBuckets.ofHours(0);
  protected static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");
  protected static final Duration LEASE = Duration.ofMinutes(5);

  protected L ledger;

  /** A new ledger with nothing admitted or recorded. */
  protected abstract L newLedger();

  @BeforeEach
  void freshLedger() {
    ledger = newLedger();
  }

  // ---------------------------------------------------------------- helpers

  protected static KeyLimits limits(int concurrency, int windowMinutes, long windowRequests, long windowTokens,
      long windowCost, long daily, long total, long weekly) {
    return new KeyLimits(concurrency, windowMinutes, windowRequests, windowTokens, windowCost, daily, total, weekly, 1,
        0);
  }

  protected static KeyLimits concurrency(int n) {
    return limits(n, 0, 0, 0, 0, 0, 0, 0);
  }

  protected static AdmissionRequest ask(String key, KeyLimits limits, Instant now) {
    return ask(key, limits, now, LEASE, true, 0);
  }

  protected static AdmissionRequest ask(String key, KeyLimits limits, Instant now, Duration ttl, boolean claude,
      long reserve) {
    return new AdmissionRequest(key, UUID.randomUUID().toString(), limits, now, ttl, BUCKETS.day(now),
        BUCKETS.week(now, limits.weeklyResetDay(), limits.weeklyResetHour()), claude, reserve,
        BUCKETS.nextDayStart(now), BUCKETS.nextWeekReset(now, limits.weeklyResetDay(), limits.weeklyResetHour()));
  }

  protected AdmissionResult admit(AdmissionRequest req) {
    return ledger.admit(req).toCompletableFuture().join();
  }

  protected static Failure refusal(AdmissionResult result) {
    assertThat(result).isInstanceOf(AdmissionResult.Rejected.class);
    return ((AdmissionResult.Rejected) result).failure();
  }

  protected static UsageRecord record(String key, String requestId, String account, String model, long input,
      long output, long rated, long real, Instant at) {
    Cost cost = new Cost(real / 2, real - real / 2, 0, 0, 0, real, false, false);
    return new UsageRecord(requestId, key, account, Provider.CLAUDE, model,
        new TokenUsage(input, output, 3, 2, 1), cost, rated, 200, true, 1234, 56, at);
  }

  protected static UsageSettlement settlement(UsageRecord r, String leaseId, boolean weekly) {
    UsageBuckets b = new UsageBuckets(BUCKETS.day(r.at()), BUCKETS.hour(r.at()), BUCKETS.month(r.at()),
        BUCKETS.week(r.at(), 1, 0));
    return new UsageSettlement(r, b, leaseId, weekly);
  }

  protected boolean settle(UsageRecord r, String leaseId, boolean weekly) {
    return ledger.settle(settlement(r, leaseId, weekly)).toCompletableFuture().join();
  }

  /** Settles a request with the given rated cost and token total (input only), no lease. */
  protected boolean spend(String key, long rated, long inputTokens, Instant at) {
    return settle(record(key, UUID.randomUUID().toString(), "acc-1", "claude-sonnet-4", inputTokens, 0, rated,
        rated, at), null, true);
  }

  protected KeyUsage usage(String key, Instant now) {
    UsageBuckets b = new UsageBuckets(BUCKETS.day(now), BUCKETS.hour(now), BUCKETS.month(now), BUCKETS.week(now, 1, 0));
    return ledger.keyUsage(key, b, 60, now).toCompletableFuture().join();
  }

  private static long tokensOf(long input) {
    return input + 3 + 2 + 1;
  }

  // ---------------------------------------------------------------- concurrency

  @Test
  void concurrencyLimitAdmitsExactlyNThenRefusesWithRetryAfter() {
    KeyLimits l = concurrency(2);
    assertThat(admit(ask("k", l, T0))).isInstanceOf(AdmissionResult.Admitted.class);
    assertThat(admit(ask("k", l, T0))).isInstanceOf(AdmissionResult.Admitted.class);

    Failure f = refusal(admit(ask("k", l, T0)));

    assertThat(f.kind()).isEqualTo(FailureKind.POLICY_CONCURRENCY_LIMIT);
    assertThat(f.message()).isEqualTo("Too many concurrent requests. Limit: 2 concurrent requests");
    assertThat(f.details()).containsEntry("currentConcurrency", 2).containsEntry("concurrencyLimit", 2);
    assertThat(f.retryAfterSeconds()).isEqualTo(1L);
  }

  @Test
  void admittedResultCarriesTheRequestedLeaseId() {
    AdmissionRequest req = ask("k", concurrency(1), T0);
    assertThat(admit(req)).isEqualTo(new AdmissionResult.Admitted(req.leaseId()));
  }

  @Test
  void releaseFreesTheSlotAndIsIdempotent() {
    KeyLimits l = concurrency(1);
    AdmissionRequest first = ask("k", l, T0);
    admit(first);
    ledger.release("k", first.leaseId()).toCompletableFuture().join();
    ledger.release("k", first.leaseId()).toCompletableFuture().join();
    ledger.release("k", "never-held").toCompletableFuture().join();
    ledger.release("other-key", "never-held").toCompletableFuture().join();

    assertThat(admit(ask("k", l, T0))).isInstanceOf(AdmissionResult.Admitted.class);
    assertThat(refusal(admit(ask("k", l, T0))).kind()).isEqualTo(FailureKind.POLICY_CONCURRENCY_LIMIT);
  }

  @Test
  void anExpiredLeaseFreesItsSlot() {
    KeyLimits l = concurrency(1);
    admit(ask("k", l, T0, Duration.ofSeconds(1), true, 0));
    assertThat(refusal(admit(ask("k", l, T0.plusMillis(500)))).kind()).isEqualTo(FailureKind.POLICY_CONCURRENCY_LIMIT);

    assertThat(admit(ask("k", l, T0.plusSeconds(2)))).isInstanceOf(AdmissionResult.Admitted.class);
  }

  protected int renew(Map<String, List<String>> leases, Instant now, Duration ttl) {
    return ledger.renew(leases, now, ttl).toCompletableFuture().join();
  }

  @Test
  void aRenewedLeaseKeepsItsSlotPastItsFirstExpiryAndFreesItAfterTheLastRenewal() {
    KeyLimits l = concurrency(1);
    Duration ttl = Duration.ofSeconds(30);
    AdmissionRequest first = ask("k", l, T0, ttl, true, 0);
    admit(first);
    // Renewed every 10 s for two minutes, as a node does while its request streams.
    for (int s = 10; s <= 120; s += 10) {
      assertThat(renew(Map.of("k", List.of(first.leaseId())), T0.plusSeconds(s), ttl)).isEqualTo(1);
    }
    assertThat(refusal(admit(ask("k", l, T0.plusSeconds(149), ttl, true, 0))).kind())
        .isEqualTo(FailureKind.POLICY_CONCURRENCY_LIMIT);
    // The node stopped renewing (it died): 30 s after the last renewal the slot is free.
    assertThat(admit(ask("k", l, T0.plusSeconds(150), ttl, true, 0))).isInstanceOf(AdmissionResult.Admitted.class);
  }

  @Test
  void renewingNeverTakesBackAnExpiredReleasedOrSettledLease() {
    KeyLimits l = concurrency(1);
    Duration ttl = Duration.ofSeconds(30);
    AdmissionRequest expired = ask("k", l, T0, ttl, true, 0);
    admit(expired);
    AdmissionRequest other = ask("k", l, T0.plusSeconds(31), ttl, true, 0);
    assertThat(admit(other)).isInstanceOf(AdmissionResult.Admitted.class);
    // The first node comes back after the lease ran out: its renewal is refused, the slot stays the other's.
    assertThat(renew(Map.of("k", List.of(expired.leaseId())), T0.plusSeconds(32), ttl)).isZero();
    ledger.release("k", other.leaseId()).toCompletableFuture().join();
    assertThat(renew(Map.of("k", List.of(other.leaseId(), expired.leaseId()), "unknown", List.of("x")),
        T0.plusSeconds(33), ttl)).isZero();
    AdmissionRequest third = ask("k", l, T0.plusSeconds(34), ttl, true, 0);
    assertThat(admit(third)).isInstanceOf(AdmissionResult.Admitted.class);
    settle(record("k", "req-3", "acc", "claude-sonnet-4", 1, 1, 1, 1, T0.plusSeconds(35)), third.leaseId(), true);
    assertThat(renew(Map.of("k", List.of(third.leaseId())), T0.plusSeconds(36), ttl)).isZero();
    assertThat(admit(ask("k", l, T0.plusSeconds(37), ttl, true, 0))).isInstanceOf(AdmissionResult.Admitted.class);
  }

  @Test
  void oneRenewalCoversTheLeasesOfManyKeys() {
    Duration ttl = Duration.ofSeconds(30);
    Map<String, List<String>> held = new java.util.HashMap<>();
    for (String key : List.of("a", "b", "c")) {
      List<String> ids = new java.util.ArrayList<>();
      for (int i = 0; i < 3; i++) {
        AdmissionRequest req = ask(key, concurrency(3), T0, ttl, true, 0);
        admit(req);
        ids.add(req.leaseId());
      }
      held.put(key, ids);
    }
    assertThat(renew(held, T0.plusSeconds(20), ttl)).isEqualTo(9);
    for (String key : List.of("a", "b", "c")) {
      assertThat(refusal(admit(ask(key, concurrency(3), T0.plusSeconds(45), ttl, true, 0))).kind())
          .isEqualTo(FailureKind.POLICY_CONCURRENCY_LIMIT);
    }
  }

  @Test
  void keysDoNotShareSlots() {
    admit(ask("a", concurrency(1), T0));
    assertThat(admit(ask("b", concurrency(1), T0))).isInstanceOf(AdmissionResult.Admitted.class);
  }

  @Test
  void aRefusedAdmissionReservesNothing() {
    KeyLimits l = limits(1, 1, 10, 0, 0, 0, 0, 0);
    admit(ask("k", l, T0));
    refusal(admit(ask("k", l, T0)));
    refusal(admit(ask("k", l, T0)));

    KeyUsage u = usage("k", T0);
    assertThat(u.inFlight()).isEqualTo(1);
    assertThat(u.windowRequests()).isEqualTo(1);
  }

  @Test
  void withoutLimitsEveryRequestIsAdmittedAndCountedInFlight() {
    for (int i = 0; i < 5; i++) {
      assertThat(admit(ask("k", KeyLimits.NONE, T0))).isInstanceOf(AdmissionResult.Admitted.class);
    }
    assertThat(usage("k", T0).inFlight()).isEqualTo(5);
  }

  // ---------------------------------------------------------------- window

  @Test
  void windowRequestLimitAdmitsExactlyNThenRefusesUntilTheWindowEnds() {
    KeyLimits l = limits(0, 1, 2, 0, 0, 0, 0, 0);
    admit(ask("k", l, T0));
    admit(ask("k", l, T0.plusSeconds(5)));

    Failure f = refusal(admit(ask("k", l, T0.plusSeconds(10))));

    assertThat(f.kind()).isEqualTo(FailureKind.POLICY_WINDOW_LIMIT);
    assertThat(f.message()).isEqualTo("Rate limit exceeded: 2 requests per 1 minutes");
    assertThat(f.details()).containsEntry("resetAt", T0.plusSeconds(60).toString())
        .containsEntry("currentRequests", 2L).containsEntry("requestLimit", 2L);
    assertThat(f.retryAfterSeconds()).isEqualTo(50L);

    assertThat(refusal(admit(ask("k", l, T0.plusMillis(59_999)))).kind()).isEqualTo(FailureKind.POLICY_WINDOW_LIMIT);
    assertThat(admit(ask("k", l, T0.plusSeconds(60)))).isInstanceOf(AdmissionResult.Admitted.class);
    KeyUsage u = usage("k", T0.plusSeconds(61));
    assertThat(u.windowStart()).isEqualTo(T0.plusSeconds(60));
    assertThat(u.windowRequests()).isEqualTo(1);
  }

  @Test
  void shorteningAKeysWindowEnforcesTheNewLimitAtOnce() {
    admit(ask("k", limits(0, 60, 100, 0, 0, 0, 0, 0), T0));
    KeyLimits shorter = limits(0, 1, 1, 0, 0, 0, 0, 0);
    Instant later = T0.plus(Duration.ofMinutes(5));

    assertThat(admit(ask("k", shorter, later))).isInstanceOf(AdmissionResult.Admitted.class);
    assertThat(refusal(admit(ask("k", shorter, later.plusSeconds(1)))).kind())
        .isEqualTo(FailureKind.POLICY_WINDOW_LIMIT);
    assertThat(admit(ask("k", shorter, later.plusSeconds(60)))).isInstanceOf(AdmissionResult.Admitted.class);
    KeyUsage u = ledger.keyUsage("k", new UsageBuckets(BUCKETS.day(later), BUCKETS.hour(later), BUCKETS.month(later),
        BUCKETS.week(later, 1, 0)), 1, later.plusSeconds(61)).toCompletableFuture().join();
    assertThat(u.windowStart()).isEqualTo(later.plusSeconds(60));
    assertThat(u.windowRequests()).isEqualTo(1);
  }

  @Test
  void windowTokensAreFedBySettlements() {
    KeyLimits l = limits(0, 10, 0, 1000, 0, 0, 0, 0);
    admit(ask("k", l, T0));
    spend("k", 0, tokensOfInput(500), T0.plusSeconds(1));
    assertThat(admit(ask("k", l, T0.plusSeconds(2)))).isInstanceOf(AdmissionResult.Admitted.class);
    spend("k", 0, tokensOfInput(500), T0.plusSeconds(3));

    Failure f = refusal(admit(ask("k", l, T0.plusSeconds(4))));

    assertThat(f.kind()).isEqualTo(FailureKind.POLICY_WINDOW_LIMIT);
    assertThat(f.message()).isEqualTo("Rate limit exceeded: 1000 tokens per 10 minutes");
    assertThat(f.details()).containsEntry("currentTokens", 1000L).containsEntry("tokenLimit", 1000L);
    assertThat(admit(ask("k", l, T0.plus(Duration.ofMinutes(10))))).isInstanceOf(AdmissionResult.Admitted.class);
  }

  /** The input count that makes a record of {@link #record} total exactly {@code total} tokens. */
  private static long tokensOfInput(long total) {
    return total - tokensOf(0);
  }

  @Test
  void windowCostIsFedBySettlements() {
    KeyLimits l = limits(0, 10, 0, 0, 1_000_000, 0, 0, 0);
    admit(ask("k", l, T0));
    spend("k", 1_000_000, 10, T0.plusSeconds(1));

    Failure f = refusal(admit(ask("k", l, T0.plusSeconds(2))));

    assertThat(f.kind()).isEqualTo(FailureKind.POLICY_WINDOW_LIMIT);
    assertThat(f.message()).isEqualTo("Rate limit exceeded: $1 per 10 minutes");
    assertThat(f.details()).containsEntry("currentCost", Money.toDollars(1_000_000))
        .containsEntry("costLimit", Money.toDollars(1_000_000));
  }

  @Test
  void aSettlementAfterTheWindowEndedDoesNotFeedTheNextWindow() {
    KeyLimits l = limits(0, 1, 0, 100, 0, 0, 0, 0);
    admit(ask("k", l, T0));
    spend("k", 0, 500, T0.plusSeconds(61));

    assertThat(admit(ask("k", l, T0.plusSeconds(62)))).isInstanceOf(AdmissionResult.Admitted.class);
    assertThat(usage("k", T0.plusSeconds(62)).windowTokens()).isZero();
  }

  @Test
  void costReservedByInFlightRequestsCountsAgainstTheWindowCostUntilReleasedOrSettled() {
    KeyLimits l = limits(0, 10, 0, 0, 1_000_000, 0, 0, 0);
    AdmissionRequest a = ask("k", l, T0, LEASE, true, 600_000);
    AdmissionRequest b = ask("k", l, T0, LEASE, true, 500_000);
    admit(a);
    assertThat(admit(b)).isInstanceOf(AdmissionResult.Admitted.class);

    Failure f = refusal(admit(ask("k", l, T0, LEASE, true, 1)));
    assertThat(f.details()).containsEntry("currentCost", Money.toDollars(1_100_000));

    ledger.release("k", a.leaseId()).toCompletableFuture().join();
    settle(record("k", "r-b", "acc", "claude-sonnet-4", 1, 1, 100_000, 100_000, T0.plusSeconds(1)), b.leaseId(), true);

    assertThat(admit(ask("k", l, T0.plusSeconds(2), LEASE, true, 1))).isInstanceOf(AdmissionResult.Admitted.class);
  }

  // ---------------------------------------------------------------- cost limits

  @Test
  void dailyCostLimitCountsTheDayBucketAndTheNextDayIsAdmitted() {
    KeyLimits l = limits(0, 0, 0, 0, 0, 1_000_000, 0, 0);
    spend("k", 400_000, 1, T0);
    assertThat(admit(ask("k", l, T0.plusSeconds(1)))).isInstanceOf(AdmissionResult.Admitted.class);
    spend("k", 600_000, 1, T0.plusSeconds(2));

    Failure f = refusal(admit(ask("k", l, T0.plusSeconds(3))));

    assertThat(f.kind()).isEqualTo(FailureKind.POLICY_DAILY_COST_LIMIT);
    assertThat(f.message()).isEqualTo("Daily cost limit reached ($1)");
    assertThat(f.details()).containsEntry("currentCost", Money.toDollars(1_000_000))
        .containsEntry("costLimit", Money.toDollars(1_000_000))
        .containsEntry("resetAt", "2026-03-05T00:00:00Z");
    assertThat(admit(ask("k", l, Instant.parse("2026-03-05T00:00:00Z")))).isInstanceOf(AdmissionResult.Admitted.class);
  }

  @Test
  void reservedCostCountsAgainstTheDailyLimit() {
    KeyLimits l = limits(0, 0, 0, 0, 0, 1_000_000, 0, 0);
    spend("k", 500_000, 1, T0);
    admit(ask("k", l, T0, LEASE, true, 500_000));

    assertThat(refusal(admit(ask("k", l, T0))).kind()).isEqualTo(FailureKind.POLICY_DAILY_COST_LIMIT);
  }

  @Test
  void totalCostLimitCountsEverySettlement() {
    KeyLimits l = limits(0, 0, 0, 0, 0, 0, 2_000_000, 0);
    spend("k", 1_000_000, 1, T0.minus(Duration.ofDays(40)));
    assertThat(admit(ask("k", l, T0))).isInstanceOf(AdmissionResult.Admitted.class);
    spend("k", 1_000_000, 1, T0);

    Failure f = refusal(admit(ask("k", l, T0)));

    assertThat(f.kind()).isEqualTo(FailureKind.POLICY_TOTAL_COST_LIMIT);
    assertThat(f.message()).isEqualTo("Total cost limit reached ($2)");
    assertThat(f.details()).containsEntry("currentCost", Money.toDollars(2_000_000)).doesNotContainKey("resetAt");
  }

  @Test
  void weeklyCostLimitAppliesOnlyToClaudeModels() {
    KeyLimits l = limits(0, 0, 0, 0, 0, 0, 0, 1_000_000);
    spend("k", 1_000_000, 1, T0);

    Failure f = refusal(admit(ask("k", l, T0, LEASE, true, 0)));
    assertThat(f.kind()).isEqualTo(FailureKind.POLICY_WEEKLY_COST_LIMIT);
    assertThat(f.message()).isEqualTo("Weekly Claude cost limit reached ($1)");
    assertThat(f.details()).containsEntry("resetAt", "2026-03-09T00:00:00Z");

    assertThat(admit(ask("k", l, T0, LEASE, false, 0))).isInstanceOf(AdmissionResult.Admitted.class);
    assertThat(admit(ask("k", l, Instant.parse("2026-03-09T00:00:00Z"), LEASE, true, 0)))
        .isInstanceOf(AdmissionResult.Admitted.class);
  }

  @Test
  void onlySettlementsThatCountTowardWeeklyFeedTheWeeklyCounter() {
    settle(record("k", "r1", "acc", "gpt-4o", 1, 1, 700_000, 700_000, T0), null, false);
    settle(record("k", "r2", "acc", "claude-opus-4", 1, 1, 300_000, 300_000, T0), null, true);

    KeyUsage u = usage("k", T0);
    assertThat(u.weeklyCostMicros()).isEqualTo(300_000);
    assertThat(u.dailyCostMicros()).isEqualTo(1_000_000);
    assertThat(u.totalCostMicros()).isEqualTo(1_000_000);
  }

  @Test
  void limitsAreCheckedInTheRuleOrder() {
    KeyLimits l = limits(1, 1, 1, 0, 0, 1, 0, 0);
    spend("k", 5, 1, T0);
    AdmissionRequest windowed = ask("k", limits(0, 1, 1, 0, 0, 0, 0, 0), T0);
    admit(windowed);
    ledger.release("k", windowed.leaseId()).toCompletableFuture().join();

    assertThat(refusal(admit(ask("k", l, T0))).kind()).isEqualTo(FailureKind.POLICY_WINDOW_LIMIT);
    assertThat(refusal(admit(ask("k", limits(0, 0, 0, 0, 0, 1, 1, 1), T0))).kind())
        .isEqualTo(FailureKind.POLICY_DAILY_COST_LIMIT);
    assertThat(refusal(admit(ask("k", limits(0, 0, 0, 0, 0, 0, 1, 1), T0))).kind())
        .isEqualTo(FailureKind.POLICY_TOTAL_COST_LIMIT);
    admit(ask("k", KeyLimits.NONE, T0));
    assertThat(refusal(admit(ask("k", l, T0))).kind()).isEqualTo(FailureKind.POLICY_CONCURRENCY_LIMIT);
  }

  // ---------------------------------------------------------------- settlement

  @Test
  void settlingTheSameRequestTwiceCountsOnce() {
    UsageRecord r = record("k", "req-1", "acc", "claude-sonnet-4", 100, 50, 1_000, 800, T0);
    assertThat(settle(r, null, true)).isTrue();
    KeyUsage before = usage("k", T0);

    assertThat(settle(r, null, true)).isFalse();

    assertThat(usage("k", T0)).isEqualTo(before);
    assertThat(ledger.recentRecords("k", 10).toCompletableFuture().join()).hasSize(1);
    assertThat(ledger.dailyTotals(BUCKETS.day(T0)).toCompletableFuture().join().get("global").requests()).isEqualTo(1);
  }

  @Test
  void aReplayedSettlementAddsTheAccountsCostOnce() {
    UsageRecord r = record("k", "req-1", "acc", "claude-sonnet-4", 100, 50, 1_000, 800, T0);
    assertThat(settle(r, null, true)).isTrue();
    assertThat(settle(r, null, true)).isFalse();
    assertThat(
        settle(record("k", "req-1", "acc", "claude-sonnet-4", 100, 50, 1_000, 800, T0.plusSeconds(9)), null, true))
        .as("the same request id settled again later").isFalse();

    UsageTotals account = ledger.dailyTotals(BUCKETS.day(T0)).toCompletableFuture().join().get("account:acc");
    assertThat(account.realCostMicros()).as("the account's list-price cost of the day (dailyQuota)").isEqualTo(800);
    assertThat(account.requests()).isEqualTo(1);
  }

  @Test
  void settlementReleasesTheLease() {
    KeyLimits l = concurrency(1);
    AdmissionRequest first = ask("k", l, T0);
    admit(first);

    settle(record("k", "req-1", "acc", "claude-sonnet-4", 1, 1, 1, 1, T0.plusSeconds(1)), first.leaseId(), true);

    assertThat(admit(ask("k", l, T0.plusSeconds(2)))).isInstanceOf(AdmissionResult.Admitted.class);
  }

  @Test
  void keyUsageReportsTotalsBucketsCountersAndInFlight() {
    Instant lastMonth = Instant.parse("2026-02-20T08:00:00Z");
    KeyLimits l = limits(0, 60, 100, 0, 0, 0, 0, 0);
    settle(record("k", "r0", "acc", "claude-sonnet-4", 10, 20, 1_000, 900, lastMonth), null, true);
    Instant yesterday = T0.minus(Duration.ofDays(1));
    settle(record("k", "r1", "acc", "claude-sonnet-4", 100, 200, 2_000, 1_800, yesterday), null, true);
    admit(ask("k", l, T0));
    AdmissionRequest open = ask("k", l, T0.plusSeconds(1));
    admit(open);
    settle(record("k", "r2", "acc", "gpt-4o", 1000, 2000, 30_000, 27_000, T0.plusSeconds(5)), null, false);

    KeyUsage u = usage("k", T0.plusSeconds(10));

    TokenUsage perRecordCache = new TokenUsage(0, 0, 3, 2, 1);
    assertThat(u.total()).isEqualTo(new UsageTotals(3,
        new TokenUsage(1110, 2220, 9, 6, 3), 33_000, 29_700));
    assertThat(u.today()).isEqualTo(new UsageTotals(1, new TokenUsage(1000, 2000, 0, 0, 0).plus(perRecordCache),
        30_000, 27_000));
    assertThat(u.month()).isEqualTo(new UsageTotals(2, new TokenUsage(1100, 2200, 6, 4, 2), 32_000, 28_800));
    assertThat(u.windowStart()).isEqualTo(T0);
    assertThat(u.windowRequests()).isEqualTo(2);
    assertThat(u.windowTokens()).isEqualTo(1000 + 2000 + 6);
    assertThat(u.windowCostMicros()).isEqualTo(30_000);
    assertThat(u.dailyCostMicros()).isEqualTo(30_000);
    assertThat(u.totalCostMicros()).isEqualTo(33_000);
    assertThat(u.weeklyCostMicros()).isEqualTo(2_000);
    assertThat(u.inFlight()).isEqualTo(2);
    assertThat(u.lastUsedAt()).isEqualTo(T0.plusSeconds(5));

    KeyUsage later = usage("k", T0.plus(Duration.ofHours(2)));
    assertThat(later.windowStart()).isNull();
    assertThat(later.windowRequests()).isZero();
    assertThat(later.inFlight()).isZero();
  }

  @Test
  void lastUsedAtIsTheLatestRecordTimeEvenWhenSettledOutOfOrder() {
    spend("k", 1, 1, T0.plusSeconds(30));
    spend("k", 1, 1, T0);

    assertThat(usage("k", T0.plusSeconds(40)).lastUsedAt()).isEqualTo(T0.plusSeconds(30));
  }

  @Test
  void anUnknownKeyHasEmptyUsage() {
    KeyUsage u = usage("nobody", T0);

    assertThat(u).isEqualTo(new KeyUsage(UsageTotals.EMPTY, UsageTotals.EMPTY, UsageTotals.EMPTY, null, 0, 0, 0,
        0, 0, 0, 0, null));
    assertThat(ledger.recentRecords("nobody", 10).toCompletableFuture().join()).isEmpty();
    assertThat(ledger.keyModelTotals("nobody", null).toCompletableFuture().join()).isEmpty();
    assertThat(ledger.dailyTotals("1999-01-01").toCompletableFuture().join()).isEmpty();
  }

  @Test
  void recentRecordsAreNewestFirstAndCappedAt200() {
    List<UsageRecord> written = new ArrayList<>();
    for (int i = 0; i < 205; i++) {
      UsageRecord r = record("k", "r" + i, i % 2 == 0 ? "acc" : "", "claude-sonnet-4", i, 1, i, i,
          T0.plusMillis(i));
      written.add(r);
      settle(r, null, true);
    }

    List<UsageRecord> all = ledger.recentRecords("k", 1000).toCompletableFuture().join();
    assertThat(all).hasSize(200);
    assertThat(all.get(0)).isEqualTo(written.get(204));
    assertThat(all.get(199)).isEqualTo(written.get(5));
    assertThat(ledger.recentRecords("k", 3).toCompletableFuture().join())
        .containsExactly(written.get(204), written.get(203), written.get(202));
  }

  @Test
  void aRecordRoundTripsWithEveryField() {
    UsageRecord r = new UsageRecord("req-x", "k", "acc-9", Provider.OPENAI, "gpt-4o-mini",
        new TokenUsage(11, 22, 33, 44, 55), new Cost(1, 2, 3, 4, 5, 15, true, true), 30, 529, false, 9876, 123,
        Instant.parse("2026-03-04T10:00:00.123456789Z"));
    settle(r, "lease-x", false);

    assertThat(ledger.recentRecords("k", 1).toCompletableFuture().join()).containsExactly(r);
  }

  @Test
  void keyModelTotalsArePerDayAndAllTime() {
    Instant yesterday = T0.minus(Duration.ofDays(1));
    settle(record("k", "r1", "acc", "claude-sonnet-4", 10, 1, 100, 90, yesterday), null, true);
    settle(record("k", "r2", "acc", "claude-sonnet-4", 20, 2, 200, 180, T0), null, true);
    settle(record("k", "r3", "acc", "gpt-4o", 30, 3, 300, 270, T0), null, false);
    settle(record("other", "r4", "acc", "gpt-4o", 1, 1, 1, 1, T0), null, false);

    Map<String, UsageTotals> today = ledger.keyModelTotals("k", BUCKETS.day(T0)).toCompletableFuture().join();
    Map<String, UsageTotals> ever = ledger.keyModelTotals("k", null).toCompletableFuture().join();

    assertThat(today).containsOnlyKeys("claude-sonnet-4", "gpt-4o");
    assertThat(today.get("claude-sonnet-4")).isEqualTo(new UsageTotals(1, new TokenUsage(20, 2, 3, 2, 1), 200, 180));
    assertThat(today.get("gpt-4o")).isEqualTo(new UsageTotals(1, new TokenUsage(30, 3, 3, 2, 1), 300, 270));
    assertThat(ever.get("claude-sonnet-4")).isEqualTo(new UsageTotals(2, new TokenUsage(30, 3, 6, 4, 2), 300, 270));
    assertThat(ever).containsOnlyKeys("claude-sonnet-4", "gpt-4o");
  }

  @Test
  void dailyTotalsHoldGlobalPerAccountAndPerModelEntries() {
    settle(record("k1", "r1", "acc-1", "claude-sonnet-4", 10, 1, 100, 90, T0), null, true);
    settle(record("k2", "r2", "acc-2", "claude-sonnet-4", 20, 2, 200, 180, T0), null, true);
    settle(record("k2", "r3", "", "gpt-4o", 30, 3, 300, 270, T0), null, false);
    settle(record("k2", "r4", "acc-2", "gpt-4o", 1, 1, 1, 1, T0.plus(Duration.ofDays(1))), null, false);

    Map<String, UsageTotals> day = ledger.dailyTotals(BUCKETS.day(T0)).toCompletableFuture().join();

    assertThat(day).containsOnlyKeys("global", "account:acc-1", "account:acc-2", "model:claude-sonnet-4",
        "model:gpt-4o");
    assertThat(day.get("global")).isEqualTo(new UsageTotals(3, new TokenUsage(60, 6, 9, 6, 3), 600, 540));
    assertThat(day.get("account:acc-2")).isEqualTo(new UsageTotals(1, new TokenUsage(20, 2, 3, 2, 1), 200, 180));
    assertThat(day.get("model:gpt-4o")).isEqualTo(new UsageTotals(1, new TokenUsage(30, 3, 3, 2, 1), 300, 270));
  }

  // ---------------------------------------------------------------- per-minute totals (realtime RPM/TPM)

  protected List<UsageTotals> minutes(Instant end, int n) {
    return ledger.minuteTotals(end, n).toCompletableFuture().join();
  }

  @Test
  void minuteTotalsFileEachRecordInTheMinuteOfItsOwnTimeAcrossKeys() {
    settle(record("k1", "r1", "acc-1", "claude-sonnet-4", 10, 1, 100, 90, T0.plusSeconds(5)), null, true);
    settle(record("k2", "r2", "acc-2", "gpt-4o", 20, 2, 200, 180, T0.plusSeconds(59)), null, false);
    settle(record("k1", "r3", "", "claude-sonnet-4", 30, 3, 300, 270, T0.plusSeconds(60)), null, true);
    settle(record("k1", "r4", "acc-1", "claude-sonnet-4", 40, 4, 400, 360, T0.plus(Duration.ofMinutes(3))), null, true);

    List<UsageTotals> m = minutes(T0.plus(Duration.ofMinutes(3)).plusSeconds(30), 5);

    assertThat(m).containsExactly(
        UsageTotals.EMPTY,
        new UsageTotals(2, new TokenUsage(30, 3, 6, 4, 2), 300, 270),
        new UsageTotals(1, new TokenUsage(30, 3, 3, 2, 1), 300, 270),
        UsageTotals.EMPTY,
        new UsageTotals(1, new TokenUsage(40, 4, 3, 2, 1), 400, 360));
    assertThat(minutes(T0.plusSeconds(1), 1))
        .containsExactly(new UsageTotals(2, new TokenUsage(30, 3, 6, 4, 2), 300, 270));
  }

  @Test
  void aRepeatedSettlementIsNotCountedTwiceInItsMinute() {
    UsageRecord r = record("k", "dup", "acc", "claude-sonnet-4", 10, 1, 100, 90, T0.plusSeconds(2));
    assertThat(settle(r, null, true)).isTrue();
    assertThat(settle(r, null, true)).isFalse();

    assertThat(minutes(T0.plusSeconds(30), 1).get(0).requests()).isEqualTo(1);
  }

  @Test
  void minuteTotalsAreZeroFilledUpToTheKeptSpan() {
    List<UsageTotals> m = minutes(T0, UsageLedger.MINUTES_KEPT);

    assertThat(m).hasSize(UsageLedger.MINUTES_KEPT).containsOnly(UsageTotals.EMPTY);
  }

  // ---------------------------------------------------------------- races

  @Test
  void twoHundredSimultaneousAdmissionsUnderAConcurrencyOf100AdmitExactly100() throws Exception {
    assertThat(admitConcurrently(200, concurrency(100))).isEqualTo(100);
    assertThat(usage("k", T0).inFlight()).isEqualTo(100);
  }

  @Test
  void twoHundredSimultaneousAdmissionsUnderAWindowOf100RequestsAdmitExactly100() throws Exception {
    assertThat(admitConcurrently(200, limits(0, 10, 100, 0, 0, 0, 0, 0))).isEqualTo(100);
    assertThat(usage("k", T0).windowRequests()).isEqualTo(100);
  }

  // ---------------------------------------------------------------- sticky sessions (per key)

  protected static final Duration STICKY = Duration.ofMinutes(10);

  /** Admits a request of {@code session} on {@code key} (no limits) and answers its sticky account. */
  protected String stickyAt(String key, String session, Instant now) {
    AdmissionResult result = admit(ask(key, concurrency(0), now).withSession(session, STICKY));
    assertThat(result).isInstanceOf(AdmissionResult.Admitted.class);
    return ((AdmissionResult.Admitted) result).stickyAccountId();
  }

  /** Settles a request on {@code key} at {@code at} that binds {@code session} to {@code account}. */
  protected boolean settleBinding(String key, String requestId, String session, String account, Instant at) {
    UsageRecord r = record(key, requestId, account, "claude-sonnet-4", 10, 5, 100, 100, at);
    UsageSettlement s = settlement(r, null, true);
    return ledger.settle(new UsageSettlement(s.record(), s.buckets(), null, true,
        StickyBinding.bind(session, account, STICKY))).toCompletableFuture().join();
  }

  @Test
  void withoutASessionOrBindingTheStickyAccountIsNull() {
    assertThat(((AdmissionResult.Admitted) admit(ask("k", concurrency(0), T0))).stickyAccountId()).isNull();
    assertThat(stickyAt("k", "s1", T0)).isNull();
  }

  @Test
  void aSettlementBindsTheSessionAndAdmissionReturnsItsAccount() {
    assertThat(settleBinding("k", "r1", "s1", "acc-1", T0)).isTrue();
    assertThat(stickyAt("k", "s1", T0.plusSeconds(5))).isEqualTo("acc-1");
    assertThat(stickyAt("k", "s2", T0.plusSeconds(5))).isNull();
  }

  @Test
  void sessionsBelongToTheirKey() {
    settleBinding("k", "r1", "s1", "acc-1", T0);
    assertThat(stickyAt("other", "s1", T0.plusSeconds(5))).isNull();
  }

  @Test
  void bindingAgainMovesTheSessionToTheNewAccount() {
    settleBinding("k", "r1", "s1", "acc-1", T0);
    settleBinding("k", "r2", "s1", "acc-2", T0.plusSeconds(1));
    assertThat(stickyAt("k", "s1", T0.plusSeconds(2))).isEqualTo("acc-2");
  }

  @Test
  void aBindingExpiresAfterItsTtlJudgedByTheRequestsTime() {
    settleBinding("k", "r1", "s1", "acc-1", T0);
    assertThat(stickyAt("k", "s1", T0.plus(STICKY))).isNull();
  }

  @Test
  void eachAdmissionRenewsTheBinding() {
    settleBinding("k", "r1", "s1", "acc-1", T0);
    Instant renewed = T0.plus(STICKY.multipliedBy(8).dividedBy(10));
    assertThat(stickyAt("k", "s1", renewed)).isEqualTo("acc-1");
    // 1.5 TTL after the bind, 0.7 after the renewal.
    assertThat(stickyAt("k", "s1", T0.plus(STICKY.multipliedBy(15).dividedBy(10)))).isEqualTo("acc-1");
    assertThat(stickyAt("k", "s1", T0.plus(STICKY.multipliedBy(4)))).isNull();
  }

  @Test
  void aRefusedAdmissionReservesNothingAndTellsNoAccount() {
    settleBinding("k", "r1", "s1", "acc-1", T0);
    admit(ask("k", concurrency(1), T0));
    AdmissionResult refused = admit(ask("k", concurrency(1), T0).withSession("s1", STICKY));
    assertThat(refused).isInstanceOf(AdmissionResult.Rejected.class);
  }

  @Test
  void releaseCanForgetTheSessionOfItsKey() {
    settleBinding("k", "r1", "s1", "acc-1", T0);
    settleBinding("k", "r2", "s2", "acc-1", T0);
    AdmissionRequest req = ask("k", concurrency(1), T0.plusSeconds(1)).withSession("s1", STICKY);
    assertThat(admit(req)).isEqualTo(new AdmissionResult.Admitted(req.leaseId(), "acc-1"));

    ledger.release("k", req.leaseId(), "s1").toCompletableFuture().join();

    // The lease went with it: the key's single slot is free again.
    AdmissionRequest next = ask("k", concurrency(1), T0.plusSeconds(2));
    assertThat(admit(next)).isInstanceOf(AdmissionResult.Admitted.class);
    ledger.release("k", next.leaseId()).toCompletableFuture().join();
    assertThat(stickyAt("k", "s1", T0.plusSeconds(2))).isNull();
    assertThat(stickyAt("k", "s2", T0.plusSeconds(2))).isEqualTo("acc-1");
  }

  @Test
  void aSettlementCanForgetTheSession() {
    settleBinding("k", "r1", "s1", "acc-1", T0);
    UsageSettlement s = settlement(record("k", "r2", "acc-2", "claude-sonnet-4", 1, 1, 1, 1, T0.plusSeconds(1)), null,
        true);
    ledger.settle(new UsageSettlement(s.record(), s.buckets(), null, true, StickyBinding.forget("s1")))
        .toCompletableFuture().join();
    assertThat(stickyAt("k", "s1", T0.plusSeconds(2))).isNull();
  }

  @Test
  void aDuplicateSettlementDoesNotRebind() {
    settleBinding("k", "r1", "s1", "acc-1", T0);
    settleBinding("k", "r2", "s1", "acc-2", T0.plusSeconds(1));
    assertThat(settleBinding("k", "r1", "s1", "acc-1", T0.plusSeconds(2))).isFalse();
    assertThat(stickyAt("k", "s1", T0.plusSeconds(3))).isEqualTo("acc-2");
  }

  private long admitConcurrently(int requests, KeyLimits l) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<CompletableFuture<AdmissionResult>> results = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        AdmissionRequest req = ask("k", l, T0);
        results.add(CompletableFuture.supplyAsync(() -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return ledger.admit(req).toCompletableFuture().join();
        }, pool));
      }
      start.countDown();
      long admitted = 0;
      for (CompletableFuture<AdmissionResult> r : results) {
        if (r.get() instanceof AdmissionResult.Admitted) admitted++;
      }
      return admitted;
    } finally {
      pool.shutdownNow();
    }
  }
}
