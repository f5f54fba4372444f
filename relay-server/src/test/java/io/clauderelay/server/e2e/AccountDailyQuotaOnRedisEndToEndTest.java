package io.clauderelay.server.e2e;

import io.clauderelay.redis.testing.RedisServerProcess;

/**
 * The account's {@code dailyQuota} on Redis: the settlement's own pipelined batch adds the
 * account's list-price cost (no separate write), and the node's runtime snapshot sees it.
 */
class AccountDailyQuotaOnRedisEndToEndTest extends AccountDailyQuotaEndToEndTest {
  RedisServerProcess redis;

  @Override
  RelayNode newNode() {
    redis = RedisServerProcess.start("quota");
    return RelayNode.onRedis(redis.port(), "quota");
  }

  @Override
  void afterNode() {
    if (redis != null) redis.close();
  }
}
