package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.redis.RedisInvalidationBus.Invalidation;
import io.clauderelay.redis.testing.RedisFixture;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' buses on one Redis: what one publishes the other receives, and a subscriber whose
 * server went away reconnects and subscribes again by itself. Waits are bounded polls, not timings.
 */
class RedisInvalidationBusTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final RedisInvalidationBus.Timing FAST = new RedisInvalidationBus.Timing(Duration.ofMillis(50),
      Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofSeconds(2));

  private Vertx vertx;
  private RedisServerProcess server;
  private RedisCommands commands;
  private RedisInvalidationBus nodeA;
  private RedisInvalidationBus nodeB;
  private final List<Invalidation> seenByA = new CopyOnWriteArrayList<>();
  private final List<Invalidation> seenByB = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = RedisServerProcess.start(RedisFixture.PASSWORD);
    commands = RedisConnector.commands(vertx, settings());
    nodeA = bus("node-a");
    nodeB = bus("node-b");
    await(nodeA.subscribe(seenByA::add));
    await(nodeB.subscribe(seenByB::add));
  }

  @AfterEach
  void stop() throws Exception {
    await(nodeA.close());
    await(nodeB.close());
    await(commands.close().toCompletionStage());
    vertx.close().await();
    server.stop();
  }

  private RedisSettings settings() {
    return RedisSettings.standalone("127.0.0.1", server.port(), 0, RedisFixture.PASSWORD);
  }

  private RedisInvalidationBus bus(String nodeId) {
    return new RedisInvalidationBus(vertx, RedisConnector.client(vertx, settings()), commands,
        RedisKeys.INVALIDATION_CHANNEL, nodeId, FAST);
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(BOUND.toSeconds(), TimeUnit.SECONDS);
  }

  private static void eventually(BooleanSupplier condition, Runnable eachTry) {
    long deadline = System.nanoTime() + BOUND.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within %s", BOUND).isLessThan(deadline);
      eachTry.run();
      sleep(50);
    }
  }

  @Test
  void whatOneNodePublishesTheOtherReceivesButNotItself() throws Exception {
    assertThat(await(nodeA.publish("account", "acc-1"))).isEqualTo(2L);

    eventually(() -> !seenByB.isEmpty(), () -> {});
    assertThat(seenByB).containsExactly(new Invalidation("account", "acc-1", "node-a"));
    await(nodeB.publish("apiKey", "k-9"));
    eventually(() -> !seenByA.isEmpty(), () -> {});
    assertThat(seenByA).containsExactly(new Invalidation("apiKey", "k-9", "node-b"));
    assertThat(seenByB).hasSize(1);
  }

  @Test
  void aSubscriberReconnectsAfterItsServerIsRestartedOnTheSamePort() throws Exception {
    int port = server.port();
    server.stop();
    eventually(() -> !Boolean.TRUE.equals(join(nodeB.subscribed())), () -> {});

    server = RedisServerProcess.startOnPort(port, RedisFixture.PASSWORD);
    // Publish until the re-subscribed node hears it: messages sent before it is back are lost.
    eventually(() -> seenByB.stream().anyMatch(i -> i.id().equals("acc-2")),
        () -> nodeA.publish("account", "acc-2"));

    assertThat(seenByB).filteredOn(Invalidation::isEverything)
        .as("after a reconnect the node is told to drop everything it may have missed").isNotEmpty();
    assertThat(join(nodeB.subscribed())).isTrue();
  }

  @Test
  void anIdleSubscriptionSurvivesItsKeepalivePings() throws Exception {
    // Three PING rounds with nothing else on the wire: none may be taken for a dead link.
    sleep(FAST.pingInterval().multipliedBy(3).plusMillis(500).toMillis());
    assertThat(join(nodeB.subscribed())).isTrue();
    assertThat(seenByB).noneMatch(Invalidation::isEverything);
  }

  @Test
  void anUnreadableMessageIsIgnoredAndLaterOnesStillArrive() throws Exception {
    server.call("PUBLISH", RedisKeys.INVALIDATION_CHANNEL, "not json");
    server.call("PUBLISH", RedisKeys.INVALIDATION_CHANNEL, "{\"kind\":\"account\"}");
    await(nodeA.publish("account", "acc-3"));
    eventually(() -> !seenByB.isEmpty(), () -> {});
    assertThat(seenByB).containsExactly(new Invalidation("account", "acc-3", "node-a"));
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
