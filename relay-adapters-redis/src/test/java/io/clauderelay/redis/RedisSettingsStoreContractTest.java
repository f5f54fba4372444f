package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractSettingsStoreContract;
import io.clauderelay.domain.port.SettingsStore;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis settings store against the settings store contract, on a real redis-server. */
class RedisSettingsStoreContractTest extends AbstractSettingsStoreContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected SettingsStore newStore() {
    redis.flush();
    return new RedisSettingsStore(redis.commands());
  }
}
