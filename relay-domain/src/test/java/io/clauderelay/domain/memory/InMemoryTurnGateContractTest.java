package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractTurnGateContract;
import io.clauderelay.domain.port.TurnGate;

/** The single-node turn gate against its contract. */
class InMemoryTurnGateContractTest extends AbstractTurnGateContract {
  @Override
  protected TurnGate newGate() {
    return new InMemoryTurnGate();
  }
}
