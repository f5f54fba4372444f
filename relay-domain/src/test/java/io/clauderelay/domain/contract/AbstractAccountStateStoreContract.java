package io.clauderelay.domain.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.Provider;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link AccountStateStore} must do, asserted through the port only. Every instant is
 * passed explicitly, offset from {@link #baseTime()}; nothing waits.
 */
public abstract class AbstractAccountStateStoreContract {
  static final Duration LEASE = Duration.ofSeconds(30);

  /** A new store that knows none of the accounts these tests use; called before each test. */
  protected abstract AccountStateStore newStore();

  /**
   * The usage ledger whose settlements the store of the last {@link #newStore} counts as each
   * account's served cost (its day in UTC, as {@link #UTC} gives it).
   */
  protected abstract UsageLedger ledger();

  protected static final TimeBuckets UTC = TimeBuckets.ofHours(0);

  /**
   * The instant tests start from. Real time (to the millisecond), so that a store which also lets
   * its backend expire entries (Redis PXAT) agrees with the explicit {@code now}s passed here.
   */
  protected Instant baseTime() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  protected AccountStateStore store;
  protected Instant t0;

  @BeforeEach
  void createStore() {
    store = newStore();
    t0 = baseTime();
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private AccountRuntime runtime(String id, Instant now) {
    Map<String, AccountRuntime> all = join(store.runtime(List.of(id), now));
    assertThat(all).containsOnlyKeys(id);
    return all.get(id);
  }

  @Test
  void unknownAccountsAreIdle() {
    Map<String, AccountRuntime> all = join(store.runtime(List.of("x", "y"), t0));
    assertThat(all).containsOnlyKeys("x", "y");
    assertThat(all.values()).allSatisfy(rt -> assertThat(rt).isEqualTo(AccountRuntime.IDLE));
  }

  @Test
  void slotsAreTakenUpToTheMaximumAndReleaseFreesOne() {
    assertThat(join(store.acquire("a", "r1", 2, LEASE, t0))).isTrue();
    assertThat(join(store.acquire("a", "r2", 2, LEASE, t0))).isTrue();
    assertThat(join(store.acquire("a", "r3", 2, LEASE, t0))).isFalse();
    assertThat(runtime("a", t0).inFlight()).isEqualTo(2);

    join(store.release("a", "r1", t0.plusSeconds(1)));
    assertThat(runtime("a", t0.plusSeconds(1)).inFlight()).isEqualTo(1);
    assertThat(join(store.acquire("a", "r3", 2, LEASE, t0.plusSeconds(1)))).isTrue();
  }

  @Test
  void zeroMaximumMeansUnlimitedButStillCounted() {
    for (int i = 0; i < 20; i++) assertThat(join(store.acquire("a", "r" + i, 0, LEASE, t0))).isTrue();
    assertThat(runtime("a", t0).inFlight()).isEqualTo(20);
  }

  @Test
  void reacquiringTheSameRequestDoesNotTakeASecondSlot() {
    assertThat(join(store.acquire("a", "r1", 1, LEASE, t0))).isTrue();
    assertThat(join(store.acquire("a", "r1", 1, LEASE, t0.plusSeconds(1)))).isTrue();
    assertThat(runtime("a", t0.plusSeconds(1)).inFlight()).isEqualTo(1);
  }

  @Test
  void anUnreleasedSlotFreesItselfWhenItsLeaseExpires() {
    assertThat(join(store.acquire("a", "crashed", 1, LEASE, t0))).isTrue();
    Instant later = t0.plus(LEASE).plusSeconds(1);
    assertThat(runtime("a", later).inFlight()).isZero();
    assertThat(join(store.acquire("a", "next", 1, LEASE, later))).isTrue();
  }

  private int renew(Map<String, List<String>> slots, Instant now) {
    return join(store.renew(slots, now, LEASE));
  }

  @Test
  void aRenewedSlotIsHeldPastItsFirstExpiryAndFreedOnceRenewalsStop() {
    assertThat(join(store.acquire("a", "streaming", 1, LEASE, t0))).isTrue();
    for (int s = 10; s <= 90; s += 10)
      assertThat(renew(Map.of("a", List.of("streaming")), t0.plusSeconds(s))).isEqualTo(1);
    assertThat(runtime("a", t0.plusSeconds(119)).inFlight()).isEqualTo(1);
    assertThat(join(store.acquire("a", "next", 1, LEASE, t0.plusSeconds(119)))).isFalse();
    // 30 s after the last renewal (the node died) the slot is free for any node.
    assertThat(runtime("a", t0.plusSeconds(120)).inFlight()).isZero();
    assertThat(join(store.acquire("a", "next", 1, LEASE, t0.plusSeconds(120)))).isTrue();
  }

  @Test
  void renewingNeverRetakesAReleasedOrExpiredSlot() {
    assertThat(join(store.acquire("a", "r1", 1, LEASE, t0))).isTrue();
    join(store.release("a", "r1", t0.plusSeconds(1)));
    assertThat(renew(Map.of("a", List.of("r1"), "unknown", List.of("r9")), t0.plusSeconds(2))).isZero();
    assertThat(runtime("a", t0.plusSeconds(2)).inFlight()).isZero();

    assertThat(join(store.acquire("a", "r2", 1, LEASE, t0.plusSeconds(3)))).isTrue();
    Instant late = t0.plusSeconds(3).plus(LEASE).plusSeconds(1);
    assertThat(renew(Map.of("a", List.of("r2")), late)).isZero();
    assertThat(join(store.acquire("a", "r3", 1, LEASE, late))).isTrue();
  }

  @Test
  void slotsArePerAccount() {
    assertThat(join(store.acquire("a", "r1", 1, LEASE, t0))).isTrue();
    assertThat(join(store.acquire("b", "r1", 1, LEASE, t0))).isTrue();
    assertThat(join(store.acquire("a", "r2", 1, LEASE, t0))).isFalse();
    Map<String, AccountRuntime> all = join(store.runtime(List.of("a", "b"), t0));
    assertThat(all.get("a").inFlight()).isEqualTo(1);
    assertThat(all.get("b").inFlight()).isEqualTo(1);
  }

  @Test
  void releaseRecordsTheLastUseAndIsIdempotent() {
    join(store.acquire("a", "r1", 2, LEASE, t0));
    join(store.acquire("a", "r2", 2, LEASE, t0));
    Instant done = t0.plusSeconds(3);
    join(store.release("a", "r1", done));
    join(store.release("a", "r1", done));

    AccountRuntime rt = runtime("a", done);
    assertThat(rt.lastUsedAt()).isEqualTo(done);
    assertThat(rt.inFlight()).isEqualTo(1);
  }

  @Test
  void theLastUseMovesForwardWithEachRelease() {
    join(store.acquire("a", "r1", 0, LEASE, t0));
    join(store.release("a", "r1", t0.plusSeconds(1)));
    join(store.acquire("a", "r2", 0, LEASE, t0.plusSeconds(2)));
    join(store.release("a", "r2", t0.plusSeconds(5)));
    assertThat(runtime("a", t0.plusSeconds(5)).lastUsedAt()).isEqualTo(t0.plusSeconds(5));
  }

  @Test
  void aCoolDownShowsUntilItEndsWithItsReason() {
    Instant until = t0.plusSeconds(60);
    join(store.coolDown("a", until, "rate_limited"));

    AccountRuntime during = runtime("a", t0.plusSeconds(10));
    assertThat(during.coolingDown(t0.plusSeconds(10))).isTrue();
    assertThat(during.coolingUntil()).isEqualTo(until);
    assertThat(during.coolingReason()).isEqualTo("rate_limited");

    Instant after = until.plusSeconds(1);
    assertThat(runtime("a", after).coolingDown(after)).isFalse();
  }

  @Test
  void aNewCoolDownReplacesTheOldOneAndNullClearsIt() {
    join(store.coolDown("a", t0.plusSeconds(1800), "auth_error"));
    join(store.coolDown("a", t0.plusSeconds(60), "service_unavailable"));
    AccountRuntime rt = runtime("a", t0);
    assertThat(rt.coolingUntil()).isEqualTo(t0.plusSeconds(60));
    assertThat(rt.coolingReason()).isEqualTo("service_unavailable");

    join(store.coolDown("a", null, null));
    assertThat(runtime("a", t0).coolingDown(t0)).isFalse();
  }

  @Test
  void aCoolDownOfOneAccountLeavesOthersAlone() {
    join(store.coolDown("a", t0.plusSeconds(60), "overloaded"));
    assertThat(runtime("b", t0).coolingDown(t0)).isFalse();
  }

  @Test
  void aFamilyCoolDownLimitsOnlyThatFamilysModelsUntilItEnds() {
    join(store.coolDownFamily("f", "opus", t0.plusSeconds(120), "rate_limited"));
    AccountRuntime rt = runtime("f", t0.plusSeconds(1));
    assertThat(rt.coolingDown(t0.plusSeconds(1))).isFalse();
    assertThat(rt.coolingDownFor("claude-opus-4-1", t0.plusSeconds(1))).isTrue();
    assertThat(rt.coolingDownFor("claude-sonnet-4-5", t0.plusSeconds(1))).isFalse();
    assertThat(rt.availableAt("claude-opus-4-1", t0.plusSeconds(1))).isEqualTo(t0.plusSeconds(120));
    assertThat(runtime("f", t0.plusSeconds(121)).coolingDownFor("claude-opus-4-1", t0.plusSeconds(121))).isFalse();
  }

  @Test
  void windowStatusAndPlanAreKeptPerAccount() {
    join(store.recordWindowStatus("w", "allowed_warning"));
    join(store.recordPlan("w", ClaudePlan.PRO));
    AccountRuntime rt = runtime("w", t0);
    assertThat(rt.windowStatus()).isEqualTo("allowed_warning");
    assertThat(rt.plan()).isEqualTo(ClaudePlan.PRO);
    assertThat(runtime("other", t0).plan()).isEqualTo(ClaudePlan.UNKNOWN);
  }

  /** Settles one request of {@code account} at {@code at} with list-price cost {@code real} (rated 1 µ$). */
  private boolean settle(String requestId, String account, long real, Instant at) {
    Cost cost = new Cost(real, 0, 0, 0, 0, real, false, false);
    UsageRecord r = new UsageRecord(requestId, "key-1", account, Provider.CLAUDE, "claude-sonnet-4",
        new TokenUsage(10, 5, 0, 0, 0), cost, 1, 200, false, 10, 5, at);
    UsageBuckets b = new UsageBuckets(UTC.day(at), UTC.hour(at), UTC.month(at), UTC.week(at, 1, 0));
    return join(ledger().settle(new UsageSettlement(r, b, null, true)));
  }

  @Test
  void costServedAddsUpForTheDayAndStartsAgainTheNextDay() {
    assertThat(settle("r1", "c", 1_000, t0)).isTrue();
    assertThat(settle("r2", "c", 500, t0.plusSeconds(1))).isTrue();
    assertThat(runtime("c", t0.plusSeconds(2)).todayCostMicros()).as("list price, not the rated cost").isEqualTo(1_500);
    assertThat(runtime("other", t0.plusSeconds(2)).todayCostMicros()).isZero();
    assertThat(runtime("c", t0.plus(Duration.ofDays(2))).todayCostMicros()).isZero();
  }

  @Test
  void aReplayedSettlementAddsTheAccountsCostOnce() {
    assertThat(settle("r1", "c", 1_000, t0)).isTrue();
    // The journal's replay, or the same request id settled again, even later the same day.
    assertThat(settle("r1", "c", 1_000, t0)).isFalse();
    assertThat(settle("r1", "c", 1_000, t0.plusSeconds(5))).isFalse();
    assertThat(runtime("c", t0.plusSeconds(6)).todayCostMicros()).isEqualTo(1_000);
  }
}
