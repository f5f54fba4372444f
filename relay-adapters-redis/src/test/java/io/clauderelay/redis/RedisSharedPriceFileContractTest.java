package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractSharedPriceFileContract;
import io.clauderelay.domain.port.SharedPriceFile;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis shared price file against its contract, on a real redis-server. */
class RedisSharedPriceFileContractTest extends AbstractSharedPriceFileContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected SharedPriceFile newStore() {
    redis.flush();
    return new RedisSharedPriceFile(redis.commands());
  }
}
