package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractSubscriptionWindowStoreContract;
import io.clauderelay.domain.port.SubscriptionWindowStore;

/** The in-memory subscription windows against their contract. */
class InMemorySubscriptionWindowStoreContractTest extends AbstractSubscriptionWindowStoreContract {
  @Override
  protected SubscriptionWindowStore newStore() {
    return new InMemorySubscriptionWindowStore();
  }
}
