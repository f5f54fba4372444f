package io.clauderelay.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.clauderelay.domain.contract.AccountFixtures;
import io.clauderelay.redis.testing.RedisFixture;
import io.clauderelay.redis.testing.RedisServerProcess;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The composition factory: every store on one Redis, and the health probe, up and down. */
class RedisStoresTest {
  /** A hang guard, not a timing assertion: a probe bounded by a 1 s command timeout ends well before. */
  private static final long GUARD_SECONDS = 20;

  private Vertx vertx;
  private RedisServerProcess server;
  private RedisStores stores;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    server = RedisServerProcess.start(RedisFixture.PASSWORD);
    stores = RedisStores.create(vertx, RedisSettings.standalone("127.0.0.1", server.port(), 0, RedisFixture.PASSWORD)
        .withCommandTimeout(Duration.ofSeconds(1)));
  }

  @AfterEach
  void stop() throws Exception {
    stores.close().toCompletableFuture().get(GUARD_SECONDS, TimeUnit.SECONDS);
    vertx.close().await();
    server.stop();
  }

  private static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(GUARD_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void aRunningServerIsHealthyWithItsRole() throws Exception {
    RedisStores.Health h = await(stores.health());
    assertThat(h.connected()).isTrue();
    assertThat(h.role()).isEqualTo("master");
    assertThat(h.latencyMs()).isGreaterThanOrEqualTo(0);
    assertThat(h.error()).isNull();
  }

  @Test
  void aStoppedServerIsReportedDisconnectedWithTheErrorNotAHang() throws Exception {
    assertThat(await(stores.health()).connected()).isTrue();
    server.stop();

    RedisStores.Health h = await(stores.health());
    assertThat(h.connected()).isFalse();
    assertThat(h.role()).isNull();
    assertThat(h.error()).isNotBlank().doesNotContain(RedisFixture.PASSWORD);
    assertThat(h.latencyMs()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void aServerThatNeverExistedIsReportedDisconnected() throws Exception {
    RedisStores nobody = RedisStores.create(vertx,
        RedisSettings.standalone("127.0.0.1", RedisServerProcess.freePort(), 0, null)
            .withCommandTimeout(Duration.ofSeconds(1)));
    try {
      RedisStores.Health h = await(nobody.health());
      assertThat(h.connected()).isFalse();
      assertThat(h.error()).isNotBlank();
    } finally {
      await(nobody.close());
    }
  }

  @Test
  void everyStoreWorksOnTheOneSharedClient() throws Exception {
    await(stores.accounts().save(AccountFixtures.account("acc-1").build()));
    await(stores.accountState().coolDown("acc-1", null, null));
    assertThat(await(stores.jobLock().tryAcquire("cleanup", "me", Duration.ofMinutes(1)))).isTrue();
    assertThat(await(stores.apiKeys().list())).isEmpty();
    assertThat(await(stores.admin().credentials())).isEmpty();
    assertThat(await(stores.usage().dailyTotals("2026-01-01"))).isEmpty();

    assertThat(server.call("HEXISTS", RedisKeys.ACCOUNT_RECORDS, "acc-1")).isEqualTo(1L);
    assertThat(stores.admission()).isSameAs(stores.ledger());
  }

  @Test
  void theRoleLineIsReadFromInfoReplication() {
    assertThat(RedisStores.role("# Replication\r\nrole:slave\r\nmaster_host:10.0.0.1\r\n")).isEqualTo("slave");
    assertThat(RedisStores.role("# Replication\r\n")).isEqualTo("unknown");
  }
}
