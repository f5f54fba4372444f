package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractLedgerContract;

/** The embedded ledger against the admission and usage contract. */
class InMemoryLedgerContractTest extends AbstractLedgerContract<InMemoryLedger> {
  @Override
  protected InMemoryLedger newLedger() {
    return new InMemoryLedger();
  }
}
