package io.clauderelay.redis;

import io.clauderelay.domain.contract.AbstractImportProgressContract;
import io.clauderelay.domain.port.ImportProgress;
import io.clauderelay.redis.testing.RedisFixture;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Redis import marks against the import-progress contract, on a real redis-server. */
class RedisImportProgressContractTest extends AbstractImportProgressContract {
  @RegisterExtension
  static final RedisFixture redis = RedisFixture.perClass();

  @Override
  protected ImportProgress newProgress() {
    redis.flush();
    return new RedisImportProgress(redis.commands());
  }
}
