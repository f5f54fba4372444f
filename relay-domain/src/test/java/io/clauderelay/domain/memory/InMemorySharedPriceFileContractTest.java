package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractSharedPriceFileContract;
import io.clauderelay.domain.port.SharedPriceFile;

class InMemorySharedPriceFileContractTest extends AbstractSharedPriceFileContract {
  @Override
  protected SharedPriceFile newStore() {
    return new InMemorySharedPriceFile();
  }
}
