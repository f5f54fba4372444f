package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractAdminStoreContract;
import io.clauderelay.domain.port.AdminStore;

/** The embedded admin store against the admin store contract. */
class InMemoryAdminStoreContractTest extends AbstractAdminStoreContract {
  @Override
  protected AdminStore newStore() {
    return new InMemoryAdminStore();
  }
}
