package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractApiKeyStoreContract;
import io.clauderelay.domain.port.ApiKeyStore;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis key store against the key store contract, on a real redis-server. */
class RedisApiKeyStoreContractTest extends AbstractApiKeyStoreContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected ApiKeyStore newStore() {
    redis.flush();
    return new RedisApiKeyStore(redis.commands());
  }
}
