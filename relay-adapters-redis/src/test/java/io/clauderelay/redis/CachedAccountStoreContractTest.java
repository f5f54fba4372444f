package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractAccountStoreContract;
import io.clauderelay.domain.port.AccountStore;
import io.clauderelay.redis.testing.RedisFixture;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node's cached account catalogue (over Redis) against the same contract as every store. */
class CachedAccountStoreContractTest extends AbstractAccountStoreContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected AccountStore newStore() {
    redis.flush();
    return new CachedAccountStore(new RedisAccountStore(redis.commands()), Duration.ofHours(1), System::nanoTime,
        id -> {});
  }
}
