package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractTurnGateContract;
import io.clauderelay.domain.port.TurnGate;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis turn gate against its contract, on a real redis-server. */
class RedisTurnGateContractTest extends AbstractTurnGateContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected TurnGate newGate() {
    redis.flush();
    return new RedisTurnGate(redis.commands());
  }
}
