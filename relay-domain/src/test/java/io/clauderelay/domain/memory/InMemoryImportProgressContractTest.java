package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractImportProgressContract;
import io.clauderelay.domain.port.ImportProgress;

/** The embedded import marks against the import-progress contract. */
class InMemoryImportProgressContractTest extends AbstractImportProgressContract {
  @Override
  protected ImportProgress newProgress() {
    return new InMemoryImportProgress();
  }
}
