package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractApiKeyStoreContract;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis key store against the key store contract, on a real redis-server. */
class RedisApiKeyStoreContractTest extends AbstractApiKeyStoreContract {
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
  protected ApiKeyStore newStore() {
    redis.flush();
    return new RedisApiKeyStore(redis.commands());
  }
}
