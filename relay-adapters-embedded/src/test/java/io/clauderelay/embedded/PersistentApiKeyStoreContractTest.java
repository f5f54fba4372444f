package io.clauderelay.embedded;

import io.clauderelay.domain.contract.AbstractApiKeyStoreContract;
import io.clauderelay.domain.port.ApiKeyStore;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The persistent embedded ApiKeyStore against the one contract every store passes. */
class PersistentApiKeyStoreContractTest extends AbstractApiKeyStoreContract {
  @RegisterExtension
  final TempStores stores = new TempStores();

  @Override
  protected ApiKeyStore newStore() {
    return stores.fresh().keys();
  }
}
