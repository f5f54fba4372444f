package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractAccountErrorLogContract;
import io.clauderelay.domain.port.AccountErrorLog;

class InMemoryAccountErrorLogContractTest extends AbstractAccountErrorLogContract {
  @Override
  protected AccountErrorLog newLog() {
    return new InMemoryAccountErrorLog(CAPACITY);
  }
}
