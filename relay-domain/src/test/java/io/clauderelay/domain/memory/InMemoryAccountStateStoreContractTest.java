package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractAccountStateStoreContract;
import io.clauderelay.domain.port.AccountStateStore;

class InMemoryAccountStateStoreContractTest extends AbstractAccountStateStoreContract {
  @Override
  protected AccountStateStore newStore() {
    return new InMemoryAccountStateStore();
  }
}
