package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractAdmissionQueueContract;
import io.clauderelay.domain.port.AdmissionQueue;

/** The single-node admission queue against the admission queue contract. */
class InMemoryAdmissionQueueContractTest extends AbstractAdmissionQueueContract {
  @Override
  protected AdmissionQueue newQueue() {
    return new InMemoryAdmissionQueue();
  }
}
