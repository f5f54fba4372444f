package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractAccountStateStoreContract;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.redis.testing.RedisFixture;
import java.time.ZoneOffset;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The node's cached account runtime (over Redis) against the same contract as every store. */
class CachedAccountStateStoreContractTest extends AbstractAccountStateStoreContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  private PendingTotals pending;

  @Override
  protected AccountStateStore newStore() {
    redis.flush();
    TimeBuckets buckets = new TimeBuckets(ZoneOffset.UTC);
    pending = new PendingTotals(redis.commands());
    return new CachedAccountStateStore(new RedisAccountStateStore(redis.commands(), buckets, pending), buckets,
        System::nanoTime);
  }

  /** The node's ledger, sharing its pending totals with the store (as {@link RedisStores} wires them). */
  @Override
  protected UsageLedger ledger() {
    return new RedisLedger(redis.commands(), pending);
  }
}
