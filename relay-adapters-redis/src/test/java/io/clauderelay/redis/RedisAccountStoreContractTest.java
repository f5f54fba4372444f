package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractAccountStoreContract;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis account store against the account store contract, on a real redis-server. */
class RedisAccountStoreContractTest extends AbstractAccountStoreContract {
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
  protected AccountStore newStore() {
    redis.flush();
    return new RedisAccountStore(redis.commands());
  }
}
