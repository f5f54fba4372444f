package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractLedgerContract;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis ledger against the admission and usage contract, on a real redis-server. */
class RedisLedgerContractTest extends AbstractLedgerContract<RedisLedger> {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected RedisLedger newLedger() {
    redis.flush();
    return new RedisLedger(redis.commands());
  }
}
