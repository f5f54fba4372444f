package io.clauderelay.embedded;

import io.clauderelay.domain.contract.AbstractAdminStoreContract;
import io.clauderelay.domain.port.AdminStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The persistent embedded AdminStore against the one contract every store passes. */
class PersistentAdminStoreContractTest extends AbstractAdminStoreContract {
  @RegisterExtension
  final TempStores stores = new TempStores();

  @Override
  protected AdminStore newStore() {
    return stores.fresh().admin();
  }
}
