package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.redis.testing.RedisFixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the Redis ledger promises: round trips per request, script cache loss, and safety-net TTLs. */
class RedisLedgerRoundTripTest {
  private static final Instant NOW = Instant.parse("2026-03-04T10:00:00Z");
  private static final KeyLimits LIMITS = new KeyLimits(2, 10, 5, 1000, 1_000_000, 1_000_000, 1_000_000, 1_000_000, 1,
      0);
  private static final UsageBuckets BUCKETS = new UsageBuckets("2026-03-04", "2026-03-04:10", "2026-03",
      "2026-03-02T00");

  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();
  private CountingRedis counting;
  private RedisLedger ledger;

  @BeforeEach
  void freshLedger() {
    redis.flush();
    counting = new CountingRedis(RedisConnector.client(redis.vertx(), redis.settings()));
    ledger = new RedisLedger(new RedisCommands(redis.vertx(), counting, Duration.ofSeconds(5), 0));
  }

  private static AdmissionRequest ask(String leaseId) {
    return new AdmissionRequest("k", leaseId, LIMITS, NOW, Duration.ofMinutes(5), "2026-03-04", "2026-03-02T00",
        true, 100, NOW, NOW);
  }

  private static UsageSettlement settlement(String requestId, String leaseId) {
    UsageRecord r = new UsageRecord(requestId, "k", "acc", Provider.CLAUDE, "claude-sonnet-4",
        new TokenUsage(1, 1, 0, 0, 0), new Cost(0, 0, 0, 0, 0, 10, false, false), 10, 200, true, 1, 1,
        NOW.plusSeconds(1));
    return new UsageSettlement(r, BUCKETS, leaseId, true);
  }

  @Test
  void admissionIsOneRoundTripWhetherAdmittedOrRefused() {
    warmScriptCache();
    ledger.admit(ask("a")).toCompletableFuture().join();
    assertThat(counting.roundTrips.getAndSet(0)).isEqualTo(1);

    ledger.admit(ask("b")).toCompletableFuture().join();
    AdmissionResult refused = ledger.admit(ask("c")).toCompletableFuture().join();

    assertThat(refused).isInstanceOf(AdmissionResult.Rejected.class);
    assertThat(counting.roundTrips.get()).isEqualTo(2);
  }

  @Test
  void settlementWithTheDayTotalsIsOneRoundTripAndADuplicateToo() {
    ledger.settle(settlement("warm", null)).toCompletableFuture().join();
    ledger.admit(ask("a")).toCompletableFuture().join();
    counting.roundTrips.set(0);

    assertThat(ledger.settle(settlement("r1", "a")).toCompletableFuture().join()).isTrue();
    assertThat(counting.roundTrips.getAndSet(0)).isEqualTo(1);
    assertThat(ledger.dailyTotals("2026-03-04").toCompletableFuture().join().get("global").requests()).isEqualTo(2);
    counting.roundTrips.set(0);

    assertThat(ledger.settle(settlement("r1", "a")).toCompletableFuture().join()).isFalse();
    assertThat(counting.roundTrips.get()).isEqualTo(1);
  }

  /** Runs admission and settlement once on another key, so EVALSHA finds the scripts. */
  private void warmScriptCache() {
    AdmissionRequest warm = new AdmissionRequest("warm", "w", LIMITS, NOW, Duration.ofMinutes(5), "2026-03-04",
        "2026-03-02T00", true, 100, NOW, NOW);
    ledger.admit(warm).toCompletableFuture().join();
    ledger.release("warm", "w").toCompletableFuture().join();
    counting.roundTrips.set(0);
  }

  @Test
  void admissionWithASessionIsStillOneRoundTrip() {
    warmScriptCache();
    ledger.admit(ask("a").withSession("s1", Duration.ofMinutes(10))).toCompletableFuture().join();
    assertThat(counting.roundTrips.get()).isEqualTo(1);
  }

  @Test
  void dayTotalsLostWithTheirNodeAreWrittenByTheJournalsReplay() {
    // The key's script ran but the day totals did not (say the batch was cut after the first
    // reply): a replay settles nothing twice and still counts the day exactly once.
    ledger.settle(settlement("r1", "a")).toCompletableFuture().join();
    redis.server().call("DEL", RedisKeys.dayTotals("2026-03-04"), RedisKeys.dayTotalsCounted("r1"));

    assertThat(ledger.settle(settlement("r1", "a")).toCompletableFuture().join()).isFalse();
    assertThat(ledger.settle(settlement("r1", "a")).toCompletableFuture().join()).isFalse();

    assertThat(ledger.dailyTotals("2026-03-04").toCompletableFuture().join().get("global").requests()).isEqualTo(1);
    assertThat(ledger.keyUsage("k", BUCKETS, 10, NOW).toCompletableFuture().join().total().requests()).isEqualTo(1);
  }

  @Test
  void anHourOfMinuteTotalsIsOneRoundTrip() {
    ledger.settle(settlement("r1", "a")).toCompletableFuture().join();
    counting.roundTrips.set(0);

    assertThat(ledger.minuteTotals(NOW.plusSeconds(30), 60).toCompletableFuture().join().get(59).requests())
        .isEqualTo(1);
    assertThat(counting.roundTrips.get()).isEqualTo(1);
  }

  @Test
  void keyUsageIsOneRoundTrip() {
    ledger.keyUsage("k", BUCKETS, 10, NOW).toCompletableFuture().join();
    assertThat(counting.roundTrips.get()).isEqualTo(1);
  }

  @Test
  void scriptsSurviveAFlushedScriptCache() {
    ledger.admit(ask("a")).toCompletableFuture().join();
    redis.server().call("SCRIPT", "FLUSH");

    assertThat(ledger.admit(ask("b")).toCompletableFuture().join()).isInstanceOf(AdmissionResult.Admitted.class);
    redis.server().call("SCRIPT", "FLUSH");
    // The settlement batch meets NOSCRIPT and is resent with EVAL: still written once, answered true.
    assertThat(ledger.settle(settlement("r1", "a")).toCompletableFuture().join()).isTrue();
    assertThat(ledger.dailyTotals("2026-03-04").toCompletableFuture().join().get("global").requests()).isEqualTo(1);
    assertThat(ledger.keyUsage("k", BUCKETS, 10, NOW).toCompletableFuture().join().total().requests()).isEqualTo(1);
  }

  @Test
  void aSettlementBatchPartlyRunBeforeNoScriptIsAnsweredAsWrittenOnce() {
    // Only day_totals.lua is missing from the cache: settle.lua runs on the EVALSHA attempt, the
    // resent batch finds this call's own marker and still answers "written".
    ledger.settle(settlement("warm", null)).toCompletableFuture().join();
    redis.server().call("SCRIPT", "FLUSH");
    redis.server().call("SCRIPT", "LOAD", LuaScript.load("settle").source());

    assertThat(ledger.settle(settlement("r1", "a")).toCompletableFuture().join()).isTrue();
    assertThat(ledger.recentRecords("k", 10).toCompletableFuture().join()).hasSize(2);
    assertThat(ledger.dailyTotals("2026-03-04").toCompletableFuture().join().get("global").requests()).isEqualTo(2);
  }

  @Test
  void leaseWindowAndCounterKeysCarryASafetyNetTtlButTheTotalDoesNot() {
    ledger.admit(ask("a")).toCompletableFuture().join();
    ledger.admit(ask("still-running")).toCompletableFuture().join();
    ledger.settle(settlement("r1", "a")).toCompletableFuture().join();

    assertThat(pttl(RedisKeys.lease("k"))).isPositive();
    assertThat(pttl(RedisKeys.reserve("k"))).isPositive();
    assertThat(pttl(RedisKeys.window("k"))).isPositive();
    // Two markers per request: they must not outlive a day, or Redis holds days of request ids.
    assertThat(pttl(RedisKeys.settled("k", "r1"))).isPositive().isLessThanOrEqualTo(Duration.ofDays(1).toMillis());
    assertThat(pttl(RedisKeys.costDaily("k", "2026-03-04"))).isPositive();
    assertThat(pttl(RedisKeys.costWeekly("k", "2026-03-02T00"))).isPositive();
    assertThat(pttl(RedisKeys.usageDay("k", "2026-03-04"))).isPositive();
    assertThat(pttl(RedisKeys.dayTotals("2026-03-04"))).isPositive();
    assertThat(pttl(RedisKeys.dayTotalsCounted("r1"))).isPositive().isLessThanOrEqualTo(Duration.ofDays(1).toMillis());
    assertThat(pttl(RedisKeys.minuteTotals(NOW.getEpochSecond() / 60))).isPositive()
        .isLessThanOrEqualTo(RedisLedger.MINUTE_TTL.toMillis());
    assertThat(pttl(RedisKeys.costTotal("k"))).isEqualTo(-1L);
    assertThat(pttl(RedisKeys.usageTotal("k"))).isEqualTo(-1L);
  }

  private static long pttl(String key) {
    return (Long) redis.server().call("PTTL", key);
  }
}
