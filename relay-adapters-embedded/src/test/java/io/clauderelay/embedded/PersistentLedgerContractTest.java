package io.clauderelay.embedded;

import io.clauderelay.domain.contract.AbstractLedgerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The persistent embedded ledger against the admission and usage contract. */
class PersistentLedgerContractTest extends AbstractLedgerContract<PersistentLedger> {
  @RegisterExtension
  final TempStores stores = new TempStores();

  @Override
  protected PersistentLedger newLedger() {
    return stores.fresh().ledger();
  }
}
