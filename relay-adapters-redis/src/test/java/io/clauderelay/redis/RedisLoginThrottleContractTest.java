package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractLoginThrottleContract;
import io.clauderelay.domain.port.LoginThrottle;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis login throttle against the login throttle contract, on a real redis-server. */
class RedisLoginThrottleContractTest extends AbstractLoginThrottleContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected LoginThrottle newThrottle() {
    redis.flush();
    return new RedisLoginThrottle(redis.commands());
  }
}
