package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.Provider;
import io.clauderelay.domain.admission.AdmissionRequest;
import io.clauderelay.domain.admission.AdmissionResult;
import io.clauderelay.domain.contract.AccountFixtures;
import io.clauderelay.domain.key.KeyLimits;
import io.clauderelay.domain.pricing.Cost;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.domain.usage.TokenUsage;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.clauderelay.redis.testing.RedisClusterFixture;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two nodes' {@link RedisStores} on a 3-master Cluster, the way the relay runs them: requests on the
 * event loops' own connections, the invalidation bus, the job lock, health; and where the traffic
 * lands: every request's scripts in its key's slot, spread over the masters.
 */
class RedisStoresClusterTest {
  private static final long GUARD_SECONDS = 20;
  private static final TimeBuckets UTC = TimeBuckets.ofHours(0);
  private static final KeyLimits LIMITS = new KeyLimits(5, 0, 0, 0, 0, 1_000_000, 0, 0, 1, 0);

  @RegisterExtension
  static final RedisClusterFixture cluster = RedisClusterFixture.perClass();

  private Vertx vertx;
  private RedisStores a;
  private RedisStores b;

  @BeforeEach
  void start() {
    cluster.flush();
    vertx = Vertx.vertx();
    a = RedisStores.create(vertx, cluster.settings(), UTC);
    b = RedisStores.create(vertx, cluster.settings(), UTC);
  }

  @AfterEach
  void stop() throws Exception {
    await(a.close());
    await(b.close());
    vertx.close().await();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(GUARD_SECONDS, TimeUnit.SECONDS);
  }

  /** Runs a store call on an event loop, as the relay does (the loop's own cluster connection). */
  private <T> T onLoop(Supplier<CompletionStage<T>> call) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    vertx.runOnContext(v -> call.get().whenComplete((r, e) -> {
      if (e != null) done.completeExceptionally(e);
      else done.complete(r);
    }));
    return await(done);
  }

  private void request(RedisStores node, String key, String requestId, Instant now) throws Exception {
    AdmissionRequest ask = new AdmissionRequest(key, requestId, LIMITS, now, Duration.ofMinutes(5), UTC.day(now),
        UTC.week(now, 1, 0), true, 100, now, now).withSession("s-" + key, Duration.ofHours(1));
    assertThat(onLoop(() -> node.ledger().admit(ask))).isInstanceOf(AdmissionResult.Admitted.class);
    UsageRecord r = new UsageRecord(requestId, key, "acc-1", Provider.CLAUDE, "claude-sonnet-4",
        new TokenUsage(10, 5, 0, 0, 0), new Cost(0, 0, 0, 0, 0, 100, false, false), 100, 200, true, 20, 5,
        now.plusMillis(100));
    UsageBuckets bk = new UsageBuckets(UTC.day(now), UTC.hour(now), UTC.month(now), UTC.week(now, 1, 0));
    assertThat(onLoop(() -> node.ledger().settle(new UsageSettlement(r, bk, requestId, true)))).isTrue();
  }

  @Test
  void twoNodesCountEveryRequestOnceAndTheHealthProbeAnswers() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    for (int i = 0; i < 20; i++) request(i % 2 == 0 ? a : b, "key-" + (i % 4), "r" + i, now.plusMillis(i));

    // Each node flushes its own aggregates before it reads; the other's within one interval.
    await(a.ledger().pending().flush());
    await(b.ledger().pending().flush());
    long total = 0;
    for (int k = 0; k < 4; k++) {
      String key = "key-" + k;
      total += onLoop(() -> a.ledger().keyUsage(key, new UsageBuckets(UTC.day(now), UTC.hour(now), UTC.month(now),
          UTC.week(now, 1, 0)), 0, now.plusSeconds(1))).total().requests();
    }
    assertThat(total).isEqualTo(20);
    assertThat(onLoop(() -> b.ledger().dailyTotals(UTC.day(now))).get("account:acc-1").requests()).isEqualTo(20);
    assertThat(onLoop(() -> a.ledger().recentRecords("key-1", 10))).hasSize(5);
    assertThat(await(a.health()).connected()).isTrue();
  }

  @Test
  void requestsOfDifferentKeysLandOnEveryMasterAndNoneTakesMostOfTheScripts() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    List<Long> before = scriptCalls();
    for (int i = 0; i < 60; i++) request(a, "key-" + (i % 30), "r" + i, now.plusMillis(i));
    await(a.ledger().pending().flush());
    List<Long> after = scriptCalls();

    long all = 0;
    List<Long> perNode = new ArrayList<>();
    for (int n = 0; n < after.size(); n++) {
      perNode.add(after.get(n) - before.get(n));
      all += after.get(n) - before.get(n);
    }
    assertThat(cluster.keysPerNode()).allMatch(keys -> keys > 0);
    // 120 request scripts (admit + settle per request) in 30 keys' slots, plus a handful of flushes:
    // the {usage} slot (day and minute totals) takes flushes, not requests.
    assertThat(all).isGreaterThanOrEqualTo(120);
    long limit = all * 6 / 10;
    assertThat(perNode).as("script calls per master").allMatch(n -> n > 0 && n < limit);
  }

  @Test
  void anAccountChangeOnOneNodeReachesTheOtherOverTheBus() throws Exception {
    List<RedisInvalidationBus.Invalidation> seen = new CopyOnWriteArrayList<>();
    await(b.subscribe(seen::add));
    await(a.accounts().save(AccountFixtures.account("acc-9").build()));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
    while (seen.stream().noneMatch(i -> "acc-9".equals(i.id())) && System.nanoTime() < deadline) Thread.sleep(10);
    assertThat(seen).anyMatch(i -> "acc-9".equals(i.id()) && !i.isEverything());
    assertThat(await(b.accounts().findById("acc-9"))).isPresent();
  }

  @Test
  void theJobLockHasOneHolderAcrossNodes() throws Exception {
    assertThat(await(a.jobLock().tryAcquire("pricing-refresh", "node-a", Duration.ofSeconds(30)))).isTrue();
    assertThat(await(b.jobLock().tryAcquire("pricing-refresh", "node-b", Duration.ofSeconds(30)))).isFalse();
    assertThat(await(b.jobLock().release("pricing-refresh", "node-b"))).isFalse();
    assertThat(await(a.jobLock().release("pricing-refresh", "node-a"))).isTrue();
    assertThat(await(b.jobLock().tryAcquire("pricing-refresh", "node-b", Duration.ofSeconds(30)))).isTrue();
  }

  /** EVALSHA + EVAL calls each master has served so far (INFO commandstats). */
  private static List<Long> scriptCalls() {
    List<Long> out = new ArrayList<>();
    for (RedisServerProcess n : cluster.nodes()) {
      long calls = 0;
      for (String line : String.valueOf(n.call("INFO", "commandstats")).split("\r?\n")) {
        if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
          calls += Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(',')));
        }
      }
      out.add(calls);
    }
    return out;
  }
}
