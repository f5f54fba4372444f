package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractLoginThrottleContract;
import io.clauderelay.domain.port.LoginThrottle;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis login throttle against the login throttle contract, on a real redis-server. */
class RedisLoginThrottleContractTest extends AbstractLoginThrottleContract {
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
  protected LoginThrottle newThrottle() {
    redis.flush();
    return new RedisLoginThrottle(redis.commands());
  }
}
