package io.clauderelay.embedded;

import io.clauderelay.domain.contract.AbstractAccountStoreContract;
import io.clauderelay.domain.port.AccountStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The persistent embedded AccountStore against the one contract every store passes. */
class PersistentAccountStoreContractTest extends AbstractAccountStoreContract {
  @RegisterExtension
  final TempStores stores = new TempStores();

  @Override
  protected AccountStore newStore() {
    return stores.fresh().accounts();
  }
}
