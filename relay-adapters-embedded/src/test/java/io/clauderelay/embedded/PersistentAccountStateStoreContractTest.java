package io.clauderelay.embedded;

import io.clauderelay.domain.contract.AbstractAccountStateStoreContract;
import io.clauderelay.domain.port.AccountStateStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The persistent embedded AccountStateStore against the one contract every store passes. */
class PersistentAccountStateStoreContractTest extends AbstractAccountStateStoreContract {
  @RegisterExtension
  final TempStores stores = new TempStores();

  @Override
  protected AccountStateStore newStore() {
    return stores.fresh().accountState();
  }
}
