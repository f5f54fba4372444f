package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractSubscriptionWindowStoreContract;
import io.clauderelay.domain.port.SubscriptionWindowStore;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis subscription windows against their contract, on a real redis-server. */
class RedisSubscriptionWindowStoreContractTest extends AbstractSubscriptionWindowStoreContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected SubscriptionWindowStore newStore() {
    redis.flush();
    return new RedisSubscriptionWindowStore(redis.commands());
  }
}
