package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.redis.testing.RedisFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes' runtime caches on one Redis: what each sees of the other, and when (after a refresh). */
class CachedAccountStateStoreTest {
  private static final TimeBuckets BUCKETS = new TimeBuckets(ZoneOffset.UTC);
  private static final Duration LEASE = Duration.ofSeconds(30);

  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();
  private CountingRedis countingA;
  private CachedAccountStateStore nodeA;
  private CachedAccountStateStore nodeB;
  private Instant t0;

  @BeforeEach
  void twoNodes() {
    redis.flush();
    countingA = new CountingRedis(RedisConnector.client(redis.vertx(), redis.settings()));
    nodeA = new CachedAccountStateStore(new RedisAccountStateStore(
        new RedisCommands(redis.vertx(), countingA, Duration.ofSeconds(5), 0), BUCKETS), BUCKETS, System::nanoTime);
    nodeB = new CachedAccountStateStore(new RedisAccountStateStore(redis.commands(), BUCKETS), BUCKETS,
        System::nanoTime);
    t0 = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    // Both nodes schedule account "a": it is in both snapshots.
    rt(nodeA, t0);
    rt(nodeB, t0);
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static AccountRuntime rt(CachedAccountStateStore node, Instant now) {
    return join(node.runtime(List.of("a"), now)).get("a");
  }

  @Test
  void aCoolDownIsSeenAtOnceByItsNodeAndByTheOtherAfterItsRefresh() {
    join(nodeA.coolDown("a", t0.plusSeconds(60), "rate_limited"));
    assertThat(rt(nodeA, t0).coolingDown(t0)).isTrue();
    assertThat(rt(nodeB, t0).coolingDown(t0)).isFalse();

    join(nodeB.refresh(t0));

    assertThat(rt(nodeB, t0).coolingReason()).isEqualTo("rate_limited");
  }

  @Test
  void aClearOnAnotherNodeReplacesThisNodesOwnCoolDownAfterARefresh() {
    join(nodeA.coolDown("a", t0.plusSeconds(60), "overloaded"));
    join(nodeB.coolDown("a", null, null));

    join(nodeA.refresh(t0));

    assertThat(rt(nodeA, t0).coolingDown(t0)).isFalse();
  }

  @Test
  void aCappedSlotHoldsAcrossNodesAndShowsInTheOthersRuntimeAfterARefresh() {
    assertThat(join(nodeA.acquire("a", "r1", 1, LEASE, t0))).isTrue();
    assertThat(join(nodeB.acquire("a", "r2", 1, LEASE, t0))).isFalse();

    join(nodeB.refresh(t0));
    assertThat(rt(nodeB, t0).inFlight()).isEqualTo(1);

    join(nodeA.release("a", "r1", t0.plusSeconds(1)));
    assertThat(rt(nodeA, t0.plusSeconds(1)).inFlight()).isZero();
    assertThat(join(nodeB.acquire("a", "r2", 1, LEASE, t0.plusSeconds(1)))).isTrue();
  }

  @Test
  void anUnlimitedSlotCostsNoRoundTripAndItsLastUseReachesTheOtherNodeWithTheRefresh() {
    countingA.roundTrips.set(0);
    assertThat(join(nodeA.acquire("a", "r1", 0, LEASE, t0))).isTrue();
    assertThat(rt(nodeA, t0).inFlight()).isEqualTo(1);
    join(nodeA.release("a", "r1", t0.plusSeconds(2)));
    assertThat(rt(nodeA, t0.plusSeconds(2)).lastUsedAt()).isEqualTo(t0.plusSeconds(2));
    assertThat(countingA.roundTrips.get()).isZero();

    join(nodeA.refresh(t0.plusSeconds(2)));
    join(nodeB.refresh(t0.plusSeconds(2)));

    assertThat(rt(nodeB, t0.plusSeconds(2)).lastUsedAt()).isEqualTo(t0.plusSeconds(2));
  }

  @Test
  void aSnapshotReadBeforeALocalReleaseDoesNotBringTheSlotBack() {
    assertThat(join(nodeA.acquire("a", "r1", 2, LEASE, t0))).isTrue();
    join(nodeA.refresh(t0)); // the snapshot now holds r1
    join(nodeA.release("a", "r1", t0.plusSeconds(1)));
    assertThat(rt(nodeA, t0.plusSeconds(1)).inFlight()).isZero();
    join(nodeA.refresh(t0.plusSeconds(1)));
    assertThat(rt(nodeA, t0.plusSeconds(1)).inFlight()).isZero();
  }
}
