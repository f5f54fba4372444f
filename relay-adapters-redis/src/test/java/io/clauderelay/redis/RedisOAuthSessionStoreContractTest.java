package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractOAuthSessionStoreContract;
import io.clauderelay.domain.port.OAuthSessionStore;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis onboarding-session store against the contract, on a real redis-server. */
class RedisOAuthSessionStoreContractTest extends AbstractOAuthSessionStoreContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected OAuthSessionStore newStore() {
    redis.flush();
    return new RedisOAuthSessionStore(redis.commands());
  }
}
