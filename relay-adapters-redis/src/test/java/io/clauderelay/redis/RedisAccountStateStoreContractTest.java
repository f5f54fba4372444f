package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractAccountStateStoreContract;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.redis.testing.RedisFixture;
import java.time.ZoneOffset;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis account runtime store against the account state contract, on a real redis-server. */
class RedisAccountStateStoreContractTest extends AbstractAccountStateStoreContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  private PendingTotals pending;

  @Override
  protected AccountStateStore newStore() {
    redis.flush();
    pending = new PendingTotals(redis.commands());
    return new RedisAccountStateStore(redis.commands(), new TimeBuckets(ZoneOffset.UTC), pending);
  }

  /** The node's ledger: its settlements' day totals are flushed before the store's runtime read. */
  @Override
  protected UsageLedger ledger() {
    return new RedisLedger(redis.commands(), pending);
  }
}
