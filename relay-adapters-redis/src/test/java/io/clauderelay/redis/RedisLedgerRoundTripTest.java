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
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the Redis ledger promises: round trips per request, lost answers, script cache loss, and safety-net TTLs. */
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
  void settlementIsOneRoundTripAndADuplicateToo() {
    ledger.settle(settlement("warm", null)).toCompletableFuture().join();
    ledger.admit(ask("a")).toCompletableFuture().join();
    counting.roundTrips.set(0);

    assertThat(ledger.settle(settlement("r1", "a")).toCompletableFuture().join()).isTrue();
    assertThat(counting.roundTrips.getAndSet(0)).isEqualTo(1);
    assertThat(ledger.settle(settlement("r1", "a")).toCompletableFuture().join()).isFalse();
    assertThat(counting.roundTrips.getAndSet(0)).isEqualTo(1);
    // The aggregates of both settlements reach Redis in one flush, before the read.
    assertThat(ledger.dailyTotals("2026-03-04").toCompletableFuture().join().get("global").requests()).isEqualTo(2);
    assertThat(counting.roundTrips.get()).isEqualTo(2);
  }

  @Test
  void aReadRightAfterASettlementThatIsNotAnsweredYetSeesIt() {
    warmScriptCache();
    // As the relay does: the answer went to the client, the settlement is on its way, a read follows.
    CompletionStage<Boolean> settling = ledger.settle(settlement("r1", null));
    assertThat(ledger.keyUsage("k", BUCKETS, 10, NOW).toCompletableFuture().join().total().requests()).isEqualTo(1);
    assertThat(ledger.dailyTotals("2026-03-04").toCompletableFuture().join().get("global").requests()).isEqualTo(1);
    assertThat(settling.toCompletableFuture().join()).isTrue();
  }

  @Test
  void theAggregatesOfManySettlementsAreOneFlushOfOneRoundTrip() {
    warmScriptCache();
    for (int i = 0; i < 50; i++) ledger.settle(settlement("r" + i, null)).toCompletableFuture().join();
    counting.roundTrips.set(0);

    ledger.pending().flush().toCompletableFuture().join();

    assertThat(counting.roundTrips.get()).isEqualTo(1);
    assertThat(ledger.pending().isEmpty()).isTrue();
    assertThat(ledger.keyUsage("k", BUCKETS, 10, NOW).toCompletableFuture().join().total().requests()).isEqualTo(50);
    assertThat(ledger.dailyTotals("2026-03-04").toCompletableFuture().join().get("account:acc").requests())
        .isEqualTo(50);
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
  void aSettlementWhoseAnswerWasLostIsAnsweredWrittenOnItsReplayAndCountedOnce() {
    RedisLedger slow = new RedisLedger(new RedisCommands(redis.vertx(), counting, Duration.ofMillis(100), 0));
    UsageSettlement s = settlement("r1", null);
    slow.settle(settlement("warm", null)).toCompletableFuture().join();
    // Redis holds the script past the client's timeout, then runs it: written, but unanswered.
    redis.server().call("CLIENT", "PAUSE", "400", "ALL");
    assertThat(slow.settle(s).handle((w, e) -> e)).succeedsWithin(Duration.ofSeconds(5)).isNotNull();
    awaitRecords(2);

    // The journal replays the same settlement: its own nonce, so "written", and counted once.
    assertThat(slow.settle(s).toCompletableFuture().join()).isTrue();
    assertThat(slow.settle(settlement("r1", null)).toCompletableFuture().join()).isFalse();
    assertThat(ledger.settle(settlement("r1", null)).toCompletableFuture().join()).isFalse();
    assertThat(slow.dailyTotals("2026-03-04").toCompletableFuture().join().get("global").requests()).isEqualTo(2);
    assertThat(slow.keyUsage("k", BUCKETS, 10, NOW).toCompletableFuture().join().total().requests()).isEqualTo(2);
  }

  @Test
  void aFlushWhoseAnswerWasLostIsResentUnchangedAndAppliedOnce() {
    RedisLedger slow = new RedisLedger(new RedisCommands(redis.vertx(), counting, Duration.ofMillis(100), 0));
    slow.settle(settlement("r1", null)).toCompletableFuture().join();
    slow.settle(settlement("r2", null)).toCompletableFuture().join();
    redis.server().call("CLIENT", "PAUSE", "400", "ALL");
    assertThat(slow.pending().flush().handle((v, e) -> e)).succeedsWithin(Duration.ofSeconds(5)).isNotNull();
    assertThat(slow.pending().isEmpty()).as("kept until Redis confirms it").isFalse();
    redis.server().call("PING"); // answered once the pause is over
    slow.settle(settlement("r3", null)).toCompletableFuture().join();

    assertThat(slow.keyUsage("k", BUCKETS, 10, NOW).toCompletableFuture().join().total().requests()).isEqualTo(3);
    assertThat(slow.dailyTotals("2026-03-04").toCompletableFuture().join().get("model:claude-sonnet-4").requests())
        .isEqualTo(3);
    assertThat(slow.pending().isEmpty()).isTrue();
  }

  private void awaitRecords(int n) {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while ((Long) redis.server().call("LLEN", RedisKeys.records("k")) < n && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat((Long) redis.server().call("LLEN", RedisKeys.records("k"))).isEqualTo(n);
  }

  @Test
  void anHourOfMinuteTotalsIsOneRoundTrip() {
    ledger.settle(settlement("r1", "a")).toCompletableFuture().join();
    ledger.pending().flush().toCompletableFuture().join();
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
  void leaseWindowAndCounterKeysCarryASafetyNetTtlButTheTotalDoesNot() {
    ledger.admit(ask("a")).toCompletableFuture().join();
    ledger.admit(ask("still-running")).toCompletableFuture().join();
    ledger.settle(settlement("r1", "a")).toCompletableFuture().join();
    ledger.pending().flush().toCompletableFuture().join();

    assertThat(pttl(RedisKeys.lease("k"))).isPositive();
    assertThat(pttl(RedisKeys.reserve("k"))).isPositive();
    assertThat(pttl(RedisKeys.window("k"))).isPositive();
    // One marker per request, in its hour's bucket: kept a day after the hour's last settlement.
    assertThat(pttl(RedisKeys.settledMarks("k", SettleMarks.hour(NOW.plusSeconds(1))))).isPositive()
        .isLessThanOrEqualTo(Duration.ofHours(25).toMillis());
    assertThat((Long) redis.server().call("EXISTS", RedisKeys.settled("k", "r1"))).isZero();
    assertThat(pttl(RedisKeys.costDaily("k", "2026-03-04"))).isPositive();
    assertThat(pttl(RedisKeys.costWeekly("k", "2026-03-02T00"))).isPositive();
    assertThat(pttl(RedisKeys.usageDay("k", "2026-03-04"))).isPositive();
    assertThat(pttl(RedisKeys.dayTotals("2026-03-04"))).isPositive();
    assertThat(pttl(RedisKeys.minuteTotals(NOW.getEpochSecond() / 60))).isPositive()
        .isLessThanOrEqualTo(RedisLedger.MINUTE_TTL.toMillis());
    assertThat(pttl(RedisKeys.costTotal("k"))).isEqualTo(-1L);
    assertThat(pttl(RedisKeys.usageTotal("k"))).isEqualTo(-1L);
  }

  private static long pttl(String key) {
    return (Long) redis.server().call("PTTL", key);
  }
}
