package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractStickySessionStoreContract;
import io.clauderelay.domain.port.StickySessionStore;
import java.time.Duration;
import java.time.Instant;

class InMemoryStickySessionStoreContractTest extends AbstractStickySessionStoreContract {
  private final MutableClock clock = new MutableClock(Instant.parse("2025-06-01T12:00:00Z"));

  @Override
  protected StickySessionStore newStore() {
    return new InMemoryStickySessionStore(clock);
  }

  @Override
  protected void elapse(Duration d) {
    clock.advance(d);
  }
}
