package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractAdminStoreContract;
import io.clauderelay.domain.port.AdminStore;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis admin store against the admin store contract, on a real redis-server. */
class RedisAdminStoreContractTest extends AbstractAdminStoreContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected AdminStore newStore() {
    redis.flush();
    return new RedisAdminStore(redis.commands());
  }
}
