package io.clauderelay.domain.memory;

import io.clauderelay.domain.contract.AbstractLoginThrottleContract;
import io.clauderelay.domain.port.LoginThrottle;
import java.time.Clock;

/** The embedded login throttle against the login throttle contract. */
class InMemoryLoginThrottleContractTest extends AbstractLoginThrottleContract {
  @Override
  protected LoginThrottle newThrottle() {
    return new InMemoryLoginThrottle(Clock.systemUTC());
  }
}
