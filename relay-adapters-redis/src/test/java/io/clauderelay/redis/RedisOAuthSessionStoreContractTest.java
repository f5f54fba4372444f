package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractOAuthSessionStoreContract;
import io.clauderelay.domain.port.OAuthSessionStore;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis onboarding-session store against the contract, on a real redis-server. */
class RedisOAuthSessionStoreContractTest extends AbstractOAuthSessionStoreContract {
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
  protected OAuthSessionStore newStore() {
    redis.flush();
    return new RedisOAuthSessionStore(redis.commands());
  }
}
