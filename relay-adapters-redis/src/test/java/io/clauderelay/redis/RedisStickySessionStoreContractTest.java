package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractStickySessionStoreContract;
import io.clauderelay.domain.port.StickySessionStore;
import io.clauderelay.redis.testing.RedisFixture;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis sticky-session store against its contract. TTLs run on the server's real clock, so
 * {@link #elapse} really sleeps; the suite's default one-second TTL leaves ample margin for loopback
 * round trips of about a millisecond.
 */
class RedisStickySessionStoreContractTest extends AbstractStickySessionStoreContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected StickySessionStore newStore() {
    redis.flush();
    return new RedisStickySessionStore(redis.commands());
  }

  @Override
  protected void elapse(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
