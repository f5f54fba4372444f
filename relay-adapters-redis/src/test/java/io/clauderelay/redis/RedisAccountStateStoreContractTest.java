package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractAccountStateStoreContract;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis account runtime store against the account state contract, on a real redis-server. */
class RedisAccountStateStoreContractTest extends AbstractAccountStateStoreContract {
  private static RedisFixture redis;

  @BeforeAll
  static void startRedis() {
    redis = RedisFixture.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  protected AccountStateStore newStore() {
    redis.flush();
    return new RedisAccountStateStore(redis.commands());
  }
}
