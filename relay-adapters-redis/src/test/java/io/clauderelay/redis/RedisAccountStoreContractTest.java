package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractAccountStoreContract;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis account store against the account store contract, on a real redis-server. */
class RedisAccountStoreContractTest extends AbstractAccountStoreContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected AccountStore newStore() {
    redis.flush();
    return new RedisAccountStore(redis.commands());
  }
}
