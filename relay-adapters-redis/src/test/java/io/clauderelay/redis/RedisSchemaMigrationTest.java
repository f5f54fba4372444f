package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.StickyBinding;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.memory.InMemoryLedger;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.time.TimeBuckets;
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

/**
 * Data written by the previous schema (its own scripts: two markers per request, every aggregate
 * per request) reads the same through the lean ledger and keeps counting: the same operations on the
 * in-memory ledger are the oracle for every report and for admission.
 */
class RedisSchemaMigrationTest {
  private static final TimeBuckets UTC = TimeBuckets.ofHours(0);
  private static final Instant T0 = Instant.parse("2026-03-04T10:00:00Z");
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration STICKY = Duration.ofHours(1);
  /** Concurrency 3, a 60-minute window of 100 requests, daily/total/weekly cost caps. */
  private static final KeyLimits LIMITS = new KeyLimits(3, 60, 100, 1_000_000, 50_000, 90_000, 99_000, 80_000, 1, 0);

  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  private InMemoryLedger oracle;
  private LegacySchemaV1 old;

  @BeforeEach
  void fresh() {
    redis.flush();
    oracle = new InMemoryLedger();
    old = new LegacySchemaV1(redis.commands());
  }

  private static <T> T join(CompletionStage<T> s) {
    return s.toCompletableFuture().join();
  }

  private static AdmissionRequest ask(String leaseId, Instant now) {
    return new AdmissionRequest("k", leaseId, LIMITS, now, LEASE, UTC.day(now), UTC.week(now, 1, 0), true, 10, now,
        now).withSession("s1", STICKY);
  }

  private static UsageSettlement settled(String id, String lease, String account, String model, long rated,
      Instant at, StickyBinding sticky) {
    UsageRecord r = new UsageRecord(id, "k", account, Provider.CLAUDE, model, new TokenUsage(100, 50, 3, 2, 1),
        new Cost(rated, rated, 0, 0, 0, rated * 2, false, false), rated, 200, true, 1234, 56, at);
    UsageBuckets b = new UsageBuckets(UTC.day(at), UTC.hour(at), UTC.month(at), UTC.week(at, 1, 0));
    return new UsageSettlement(r, b, lease, true, sticky);
  }

  @Test
  void dataWrittenByThePreviousSchemaReadsTheSameAndKeepsCounting() {
    RedisLedger lean = new RedisLedger(redis.commands());
    // Before the upgrade: admitted, then settled by the previous schema's scripts.
    AdmissionRequest first = ask("lease-1", T0);
    assertThat(join(lean.admit(first))).isEqualTo(join(oracle.admit(first)));
    UsageSettlement s1 = settled("r1", "lease-1", "acc-1", "claude-sonnet-4", 1_000, T0.plusSeconds(1),
        StickyBinding.bind("s1", "acc-1", STICKY));
    UsageSettlement s2 = settled("r2", null, "acc-2", "claude-opus-4", 4_000, T0.plusSeconds(2), null);
    assertThat(old.settle(s1)).isTrue();
    assertThat(old.settle(s2)).isTrue();
    join(oracle.settle(s1));
    join(oracle.settle(s2));
    assertSameReports(lean, T0.plusSeconds(3));

    // After: the lean ledger admits against the old counters, window and sticky session ...
    AdmissionRequest second = ask("lease-2", T0.plusSeconds(4));
    AdmissionResult admitted = join(lean.admit(second));
    assertThat(admitted).isEqualTo(join(oracle.admit(second)))
        .isEqualTo(new AdmissionResult.Admitted("lease-2", "acc-1"));
    // ... knows what the old schema settled ...
    assertThat(join(lean.settle(settled("r1", null, "acc-1", "claude-sonnet-4", 1_000, T0.plusSeconds(1), null))))
        .as("settled before the upgrade").isFalse();
    // ... and adds to the same aggregates.
    UsageSettlement s3 = settled("r3", "lease-2", "acc-1", "claude-sonnet-4", 2_000, T0.plusSeconds(5), null);
    assertThat(join(lean.settle(s3))).isTrue();
    assertThat(join(oracle.settle(s3))).isTrue();
    assertSameReports(lean, T0.plusSeconds(6));
    assertThat(join(lean.keyUsage("k", buckets(T0), 60, T0.plusSeconds(6))).total().requests()).isEqualTo(3);

    AdmissionRequest third = ask("lease-3", T0.plusSeconds(7));
    assertThat(join(lean.admit(third))).isEqualTo(join(oracle.admit(third)));
  }

  @Test
  void aWindowCapReachedUnderThePreviousSchemaStillRefuses() {
    RedisLedger lean = new RedisLedger(redis.commands());
    KeyLimits capped = new KeyLimits(0, 60, 0, 0, 2_500, 0, 0, 0, 1, 0);
    for (int i = 0; i < 2; i++) {
      Instant at = T0.plusSeconds(i);
      AdmissionRequest a = new AdmissionRequest("k", "l" + i, capped, at, LEASE, UTC.day(at), UTC.week(at, 1, 0),
          true, 0, at, at);
      join(oracle.admit(a));
      join(lean.admit(a));
      UsageSettlement s = settled("r" + i, "l" + i, "acc-1", "claude-sonnet-4", 1_500, at.plusMillis(500), null);
      join(oracle.settle(s));
      assertThat(old.settle(s)).isTrue();
    }
    Instant now = T0.plusSeconds(10);
    AdmissionRequest next = new AdmissionRequest("k", "l9", capped, now, LEASE, UTC.day(now), UTC.week(now, 1, 0),
        true, 0, now, now);
    AdmissionResult refused = join(lean.admit(next));
    assertThat(refused).isInstanceOf(AdmissionResult.Rejected.class).isEqualTo(join(oracle.admit(next)));
  }

  private static UsageBuckets buckets(Instant at) {
    return new UsageBuckets(UTC.day(at), UTC.hour(at), UTC.month(at), UTC.week(at, 1, 0));
  }

  private void assertSameReports(RedisLedger lean, Instant now) {
    UsageBuckets b = buckets(now);
    assertThat(join(lean.keyUsage("k", b, 60, now))).isEqualTo(join(oracle.keyUsage("k", b, 60, now)));
    assertThat(join(lean.keyModelTotals("k", null))).isEqualTo(join(oracle.keyModelTotals("k", null)));
    assertThat(join(lean.keyModelTotals("k", b.day()))).isEqualTo(join(oracle.keyModelTotals("k", b.day())));
    assertThat(join(lean.dailyTotals(b.day()))).isEqualTo(join(oracle.dailyTotals(b.day())));
    assertThat(join(lean.minuteTotals(now, 10))).isEqualTo(join(oracle.minuteTotals(now, 10)));
    assertThat(join(lean.recentRecords("k", 10))).isEqualTo(join(oracle.recentRecords("k", 10)));
  }
}
