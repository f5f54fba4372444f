package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractLedgerContract;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Redis ledger against the admission and usage contract, on a real redis-server. */
class RedisLedgerContractTest extends AbstractLedgerContract<RedisLedger> {
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
  protected RedisLedger newLedger() {
    redis.flush();
    return new RedisLedger(redis.commands());
  }
}
