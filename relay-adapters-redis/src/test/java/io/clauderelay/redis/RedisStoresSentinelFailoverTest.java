package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.redis.RedisInvalidationBus.Invalidation;
import io.clauderelay.redis.testing.SentinelTopology;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' {@link RedisStores} on master + replica + 3 sentinels (down-after 1 s): health reports
 * the master, and after the master is killed the invalidation subscriber (a dedicated connection,
 * which dies with its server) finds the promoted replica through the sentinels and hears again.
 */
@Tag("sentinel-smoke")
class RedisStoresSentinelFailoverTest {
  /** Failover here takes about 2-3 s (toolchain §3); this only bounds a hang. */
  private static final Duration BOUND = Duration.ofSeconds(45);

  private SentinelTopology topology;
  private Vertx vertx;
  private RedisStores nodeA;
  private RedisStores nodeB;
  private final List<Invalidation> seenByB = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    topology = SentinelTopology.start("sentinel-secret", 1000);
    vertx = Vertx.vertx();
    RedisSettings settings = RedisSettings.sentinel(topology.sentinelHostPorts(), SentinelTopology.MASTER_NAME, 0,
        topology.password());
    nodeA = RedisStores.create(vertx, settings);
    nodeB = RedisStores.create(vertx, settings);
    await(nodeB.invalidations().subscribe(seenByB::add));
  }

  @AfterEach
  void stop() throws Exception {
    if (nodeA != null) await(nodeA.close());
    if (nodeB != null) await(nodeB.close());
    if (vertx != null) vertx.close().await();
    if (topology != null) topology.stop();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void healthReportsTheMasterAndTheSubscriberSurvivesAFailover() throws Exception {
    RedisStores.Health h = await(nodeA.health());
    assertThat(h.connected()).isTrue();
    assertThat(h.role()).isEqualTo("master");

    await(nodeA.invalidations().publish("account", "before"));
    waitUntil(() -> seenByB.stream().anyMatch(i -> i.id().equals("before")), () -> {});

    int oldMaster = topology.killMaster();
    waitUntil(() -> topology.masterPort() != oldMaster, () -> {});
    waitUntil(() -> seenByB.stream().anyMatch(i -> i.id().equals("after")),
        () -> nodeA.invalidations().publish("account", "after"));

    assertThat(seenByB).anyMatch(Invalidation::isEverything);
    // The pooled client may still be on its cached topology for up to a second; poll, do not race.
    waitUntil(() -> {
      try {
        RedisStores.Health x = await(nodeA.health());
        return x.connected() && "master".equals(x.role());
      } catch (Exception e) {
        return false;
      }
    }, () -> {});
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, Runnable eachTry) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within %s", BOUND).isLessThan(deadline);
      eachTry.run();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
