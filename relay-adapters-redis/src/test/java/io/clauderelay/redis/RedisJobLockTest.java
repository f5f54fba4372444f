package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.redis.testing.RedisFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The cluster-wide job lock: one winner, expiry by TTL, and only the owner may free or extend it. */
class RedisJobLockTest {
  private static final Duration LONG = Duration.ofMinutes(5);
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();
  private RedisJobLock lock;

  @BeforeEach
  void freshLock() {
    redis.flush();
    lock = new RedisJobLock(redis.commands());
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  @Test
  void ofTwoOwnersOnlyOneWins() {
    assertThat(join(lock.tryAcquire("cleanup", "node-a", LONG))).isTrue();
    assertThat(join(lock.tryAcquire("cleanup", "node-b", LONG))).isFalse();
    // The holder itself does not take it twice either: SET NX is not re-entrant.
    assertThat(join(lock.tryAcquire("cleanup", "node-a", LONG))).isFalse();
    assertThat(join(lock.tryAcquire("prices", "node-b", LONG))).isTrue();
  }

  @Test
  void ofManySimultaneousContendersExactlyOneWins() {
    List<CompletableFuture<Boolean>> tries = new ArrayList<>();
    for (int i = 0; i < 50; i++) tries.add(lock.tryAcquire("cleanup", "node-" + i, LONG).toCompletableFuture());
    assertThat(tries.stream().filter(CompletableFuture::join).count()).isEqualTo(1);
  }

  @Test
  void afterItsTtlTheOtherOwnerCanTakeIt() {
    assertThat(join(lock.tryAcquire("cleanup", "node-a", Duration.ofMillis(200)))).isTrue();
    assertThat(join(lock.tryAcquire("cleanup", "node-b", LONG))).isFalse();
    // Redis expires the key on its own clock: poll until it has, within a generous bound.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    boolean taken = false;
    while (!taken && System.nanoTime() < deadline) {
      taken = join(lock.tryAcquire("cleanup", "node-b", LONG));
      if (!taken) sleep(50);
    }
    assertThat(taken).isTrue();
    assertThat(redis.server().call("GET", RedisKeys.jobLock("cleanup"))).isEqualTo("node-b");
    // The expired owner can neither free nor extend the new owner's lock.
    assertThat(join(lock.release("cleanup", "node-a"))).isFalse();
    assertThat(join(lock.renew("cleanup", "node-a", LONG))).isFalse();
    assertThat(redis.server().call("GET", RedisKeys.jobLock("cleanup"))).isEqualTo("node-b");
  }

  @Test
  void releaseByANonOwnerDoesNothingAndByTheOwnerFreesIt() {
    join(lock.tryAcquire("cleanup", "node-a", LONG));
    assertThat(join(lock.release("cleanup", "node-b"))).isFalse();
    assertThat(join(lock.tryAcquire("cleanup", "node-b", LONG))).isFalse();

    assertThat(join(lock.release("cleanup", "node-a"))).isTrue();
    assertThat(join(lock.release("cleanup", "node-a"))).isFalse();
    assertThat(join(lock.tryAcquire("cleanup", "node-b", LONG))).isTrue();
  }

  @Test
  void theOwnerCanRenewItsLock() {
    join(lock.tryAcquire("cleanup", "node-a", Duration.ofSeconds(10)));
    assertThat(join(lock.renew("cleanup", "node-a", LONG))).isTrue();
    assertThat((Long) redis.server().call("PTTL", RedisKeys.jobLock("cleanup")))
        .isGreaterThan(Duration.ofSeconds(10).toMillis());
    assertThat(join(lock.renew("absent", "node-a", LONG))).isFalse();
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
