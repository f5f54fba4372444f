package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractAccountStateStoreContract;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.time.TimeBuckets;

class InMemoryAccountStateStoreContractTest extends AbstractAccountStateStoreContract {
  private InMemoryLedger ledger;

  @Override
  protected AccountStateStore newStore() {
    ledger = new InMemoryLedger();
    return new InMemoryAccountStateStore(TimeBuckets.ofHours(0), ledger);
  }

  @Override
  protected UsageLedger ledger() {
    return ledger;
  }
}
