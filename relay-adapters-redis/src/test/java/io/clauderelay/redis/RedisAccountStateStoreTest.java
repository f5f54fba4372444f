package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.redis.testing.RedisFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What only the Redis account runtime store promises: today's cost by day, round trips, safety-net TTLs. */
class RedisAccountStateStoreTest {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();
  static final Instant NOW = Instant.parse("2025-06-01T22:30:00Z");

  /** A settled request of {@code account} filed under {@code day}, with list-price cost {@code real}. */
  static UsageSettlement served(String requestId, String account, String day, long real) {
    UsageRecord r = new UsageRecord(requestId, "k", account, Provider.CLAUDE, "claude-sonnet-4",
        new TokenUsage(1, 1, 0, 0, 0), new Cost(real, 0, 0, 0, 0, real, false, false), 1, 200, false, 1, 1, NOW);
    return new UsageSettlement(r, new UsageBuckets(day, day + "T00", day.substring(0, 7), "w"), null, true);
  }

  private CountingRedis counting;
  private RedisAccountStateStore store;

  @BeforeEach
  void freshStore() {
    redis.flush();
    counting = new CountingRedis(RedisConnector.client(redis.vertx(), redis.settings()));
    store = new RedisAccountStateStore(new RedisCommands(redis.vertx(), counting, Duration.ofSeconds(5), 0),
        TimeBuckets.ofHours(8));
  }

  private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void todaysCostCountsOnlyTheCurrentDayOfTheOperatorsOffset() {
    Instant now = NOW;
    RedisLedger ledger = new RedisLedger(redis.commands());
    // 22:30 UTC is already 2025-06-02 at UTC+8.
    join(ledger.settle(served("r1", "a", "2025-06-02", 1_000)));
    join(ledger.settle(served("r2", "a", "2025-06-02", 500)));
    join(ledger.settle(served("r3", "a", "2025-06-01", 9_999)));
    join(ledger.pending().flush()); // the node's flush, every 500 ms

    assertThat(join(store.runtime(List.of("a"), now)).get("a").todayCostMicros()).isEqualTo(1_500);
    assertThat(join(store.runtime(List.of("a"), now.plus(Duration.ofDays(1)))).get("a").todayCostMicros()).isZero();
  }

  @Test
  void runtimeOfManyAccountsIsOneRoundTripAndOfNoneIsZero() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    join(store.acquire("a", "r1", 0, Duration.ofMinutes(1), now));
    join(store.coolDown("b", now.plusSeconds(60), "overloaded"));
    counting.roundTrips.set(0);

    Map<String, AccountRuntime> all = join(store.runtime(List.of("a", "b", "c", "d", "e"), now));
    assertThat(counting.roundTrips.getAndSet(0)).isEqualTo(1);
    assertThat(all).containsOnlyKeys("a", "b", "c", "d", "e");
    assertThat(all.get("a").inFlight()).isEqualTo(1);
    assertThat(all.get("b").coolingReason()).isEqualTo("overloaded");
    assertThat(all.get("e")).isEqualTo(AccountRuntime.IDLE);

    assertThat(join(store.runtime(List.of(), now))).isEmpty();
    assertThat(counting.roundTrips.get()).isZero();
  }

  @Test
  void everyWriteIsOneRoundTripOnceTheServerKnowsTheScript() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // The first call of a script on a server is EVALSHA, NOSCRIPT, EVAL: two round trips, once.
    writeEach(now);
    counting.roundTrips.set(0);
    writeEach(now);
    assertThat(counting.roundTrips.get()).isEqualTo(4);
  }

  private void writeEach(Instant now) {
    join(store.acquire("a", "r1", 1, Duration.ofMinutes(1), now));
    join(store.release("a", "r1", now));
    join(store.coolDown("a", now.plusSeconds(60), "timeout"));
    join(store.coolDown("a", null, null));
  }

  @Test
  void runtimeKeysCarryASafetyNetTtl() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    join(store.acquire("a", "r1", 0, Duration.ofMinutes(1), now));
    join(store.acquire("a", "r2", 0, Duration.ofMinutes(1), now));
    join(store.release("a", "r1", now));
    join(store.coolDown("a", now.plusSeconds(60), "timeout"));

    assertThat(pttl(RedisKeys.accountLease("a"))).isPositive();
    assertThat(pttl(RedisKeys.accountLastUsed("a"))).isPositive();
    assertThat(pttl(RedisKeys.accountCoolDown("a"))).isPositive();

    join(store.coolDown("a", null, null));
    assertThat(pttl(RedisKeys.accountCoolDown("a"))).isEqualTo(-2L);
  }

  @Test
  void scriptsSurviveAFlushedScriptCache() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    join(store.acquire("a", "r1", 1, Duration.ofMinutes(1), now));
    redis.server().call("SCRIPT", "FLUSH");
    assertThat(join(store.acquire("a", "r2", 1, Duration.ofMinutes(1), now))).isFalse();
    join(store.release("a", "r1", now));
    assertThat(join(store.acquire("a", "r2", 1, Duration.ofMinutes(1), now))).isTrue();
  }

  private static long pttl(String key) {
    return (Long) redis.server().call("PTTL", key);
  }
}
