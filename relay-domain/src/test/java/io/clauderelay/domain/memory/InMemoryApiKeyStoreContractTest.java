package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractApiKeyStoreContract;
import io.clauderelay.domain.port.ApiKeyStore;

/** The embedded key store against the key store contract. */
class InMemoryApiKeyStoreContractTest extends AbstractApiKeyStoreContract {
  @Override
  protected ApiKeyStore newStore() {
    return new InMemoryApiKeyStore();
  }
}
