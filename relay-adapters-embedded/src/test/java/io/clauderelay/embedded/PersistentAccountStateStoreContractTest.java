package io.clauderelay.embedded;

import io.clauderelay.domain.contract.AbstractAccountStateStoreContract;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.port.UsageLedger;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The persistent embedded AccountStateStore against the one contract every store passes. */
class PersistentAccountStateStoreContractTest extends AbstractAccountStateStoreContract {
  @RegisterExtension
  final TempStores stores = new TempStores();

  private EmbeddedStore store;

  @Override
  protected AccountStateStore newStore() {
    store = stores.fresh();
    return store.accountState();
  }

  @Override
  protected UsageLedger ledger() {
    return store.ledger();
  }
}
