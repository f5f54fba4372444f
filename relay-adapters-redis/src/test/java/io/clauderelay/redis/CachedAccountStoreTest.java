package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.account.Account;
import io.clauderelay.domain.contract.AccountFixtures;
import io.clauderelay.redis.testing.RedisFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node's account catalogue: answered from memory, dropped on a change here or on another node. */
class CachedAccountStoreTest {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();
  private CountingRedis counting;
  private RedisAccountStore direct;
  private CachedAccountStore cached;
  private final List<String> published = new ArrayList<>();

  @BeforeEach
  void fresh() {
    redis.flush();
    counting = new CountingRedis(RedisConnector.client(redis.vertx(), redis.settings()));
    direct = new RedisAccountStore(redis.commands());
    cached = new CachedAccountStore(new RedisAccountStore(new RedisCommands(redis.vertx(), counting,
        Duration.ofSeconds(5), 0)), Duration.ofHours(1), System::nanoTime, published::add);
  }

  private static <T> T join(CompletionStage<T> stage) {
    return stage.toCompletableFuture().join();
  }

  private List<String> ids() {
    return join(cached.list()).stream().map(Account::id).toList();
  }

  @Test
  void listIsReadOnceThenAnsweredFromMemory() {
    join(direct.save(AccountFixtures.account("a").build()));
    assertThat(ids()).containsExactly("a");
    counting.roundTrips.set(0);
    assertThat(ids()).containsExactly("a");
    assertThat(counting.roundTrips.get()).isZero();
  }

  @Test
  void aChangeHereDropsTheCopyAndIsPublished() {
    assertThat(ids()).isEmpty();
    join(cached.save(AccountFixtures.account("a").build()));
    assertThat(ids()).containsExactly("a");
    join(cached.delete("a"));
    assertThat(ids()).isEmpty();
    assertThat(published).containsExactly("a", "a");
  }

  @Test
  void aChangeElsewhereShowsAfterAnInvalidationOrARefresh() {
    assertThat(ids()).isEmpty();
    join(direct.save(AccountFixtures.account("a").build()));
    assertThat(ids()).isEmpty();
    cached.invalidate();
    assertThat(ids()).containsExactly("a");

    join(direct.save(AccountFixtures.account("b").build()));
    join(cached.refresh());
    assertThat(ids()).containsExactly("a", "b");
  }

  @Test
  void anotherNodesSaveReachesThisNodeOverTheBus() throws Exception {
    try (var vertx = new AutoVertx()) {
      RedisStores nodeA = RedisStores.create(vertx.v, redis.settings());
      RedisStores nodeB = RedisStores.create(vertx.v, redis.settings());
      try {
        join(nodeB.subscribe(i -> {}));
        assertThat(join(nodeB.accounts().list())).isEmpty();
        join(nodeA.accounts().save(AccountFixtures.account("a").build()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (join(nodeB.accounts().list()).isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(join(nodeB.accounts().list())).extracting(Account::id).containsExactly("a");
      } finally {
        join(nodeA.close());
        join(nodeB.close());
      }
    }
  }

  /** A Vert.x instance of its own, closed after the test. */
  private static final class AutoVertx implements AutoCloseable {
    final io.vertx.core.Vertx v = io.vertx.core.Vertx.vertx();

    @Override
    public void close() {
      v.close().await();
    }
  }
}
