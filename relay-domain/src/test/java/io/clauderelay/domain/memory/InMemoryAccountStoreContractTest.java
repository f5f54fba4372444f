package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractAccountStoreContract;
import io.clauderelay.domain.port.AccountStore;

class InMemoryAccountStoreContractTest extends AbstractAccountStoreContract {
  @Override
  protected AccountStore newStore() {
    return new InMemoryAccountStore();
  }
}
