package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractSettingsStoreContract;
import io.clauderelay.domain.port.SettingsStore;

/** The embedded settings store against the settings store contract. */
class InMemorySettingsStoreContractTest extends AbstractSettingsStoreContract {
  @Override
  protected SettingsStore newStore() {
    return new InMemorySettingsStore();
  }
}
