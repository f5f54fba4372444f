package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractAdmissionQueueContract;
import io.clauderelay.domain.port.AdmissionQueue;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis admission queue against the admission queue contract, on a real redis-server. */
class RedisAdmissionQueueContractTest extends AbstractAdmissionQueueContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected AdmissionQueue newQueue() {
    redis.flush();
    return new RedisAdmissionQueue(redis.commands());
  }
}
