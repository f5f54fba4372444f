package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractAdminStoreContract;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis admin store against the admin store contract, on a real redis-server. */
class RedisAdminStoreContractTest extends AbstractAdminStoreContract {
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
  protected AdminStore newStore() {
    redis.flush();
    return new RedisAdminStore(redis.commands());
  }
}
