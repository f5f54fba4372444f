package io.clauderelay.embedded;

import io.clauderelay.domain.contract.AbstractSettingsStoreContract;
import io.clauderelay.domain.port.SettingsStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The persistent embedded SettingsStore against the one contract every store passes. */
class PersistentSettingsStoreContractTest extends AbstractSettingsStoreContract {
  @RegisterExtension
  final TempStores stores = new TempStores();

  @Override
  protected SettingsStore newStore() {
    return stores.fresh().settings();
  }
}
