package io.clauderelay.redis;

import io.clauderelay.domain.port.StickySessionStore;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Sticky sessions on Redis: one STRING per session with a PX TTL, which Redis expires by itself on
 * its own clock. Finding a session renews its TTL in the same command (GETEX PX, Redis 6.2+), one
 * round trip. Each session is its own hash tag, so sessions spread over slots in a cluster.
 *
 * @deprecated see {@link StickySessionStore}: sessions live in the ledger ({@code cr:{key:<k>}:sticky:<s>}).
 */
@Deprecated
public final class RedisStickySessionStore implements StickySessionStore {
  private final RedisCommands redis;

  public RedisStickySessionStore(RedisCommands redis) {
    this.redis = redis;
  }

  @Override
  public CompletionStage<Optional<String>> find(String sessionId, Duration ttl) {
    return redis.send(Request.cmd(Command.GETEX).arg(RedisKeys.sticky(sessionId)).arg("PX").arg(millis(ttl)))
        .thenApply(r -> Optional.ofNullable(Replies.asString(r)));
  }

  @Override
  public CompletionStage<Void> bind(String sessionId, String accountId, Duration ttl) {
    return redis.send(Request.cmd(Command.SET).arg(RedisKeys.sticky(sessionId)).arg(accountId).arg("PX").arg(millis(ttl)))
        .thenApply(r -> null);
  }

  @Override
  public CompletionStage<Void> forget(String sessionId) {
    return redis.send(Request.cmd(Command.DEL).arg(RedisKeys.sticky(sessionId))).thenApply(r -> null);
  }

  // Redis refuses PX 0; a sub-millisecond TTL still means "expire about now".
  private static long millis(Duration ttl) {
    return Math.max(1, ttl.toMillis());
  }
}
