package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractAccountStateStoreContract;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis account runtime store against the account state contract, on a real redis-server. */
class RedisAccountStateStoreContractTest extends AbstractAccountStateStoreContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected AccountStateStore newStore() {
    redis.flush();
    return new RedisAccountStateStore(redis.commands());
  }

  @Override
  protected UsageLedger ledger() {
    return new RedisLedger(redis.commands());
  }
}
