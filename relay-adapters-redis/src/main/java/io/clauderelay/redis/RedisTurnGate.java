package io.clauderelay.redis;

import io.clauderelay.domain.port.TurnGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Each subscription account's turn in one hash {@code cr:{acct:<id>}:turn} (holder, until, left),
 * taken and let go by a script in the account's slot, so every node sees one turn per account.
 */
public final class RedisTurnGate implements TurnGate {
  private static final LuaScript ENTER = LuaScript.load("turn_enter");
  private static final LuaScript LEAVE = LuaScript.load("turn_leave");

  private final RedisCommands redis;

  public RedisTurnGate(RedisCommands redis) {
    this.redis = redis;
  }

  static String key(String accountId) {
    return RedisKeys.PREFIX + "{acct:" + accountId + "}:turn";
  }

  @Override
  public CompletionStage<Duration> enter(String accountId, String requestId, Instant now, Duration gap,
      Duration holdTtl) {
    return redis.eval(ENTER, List.of(key(accountId)), List.of(requestId, Long.toString(now.toEpochMilli()),
        Long.toString(gap.toMillis()), Long.toString(holdTtl.toMillis())))
        .thenApply(r -> Duration.ofMillis(Math.max(0, Replies.asLong(r))));
  }

  @Override
  public CompletionStage<Void> leave(String accountId, String requestId, Instant now) {
    return redis.eval(LEAVE, List.of(key(accountId)), List.of(requestId, Long.toString(now.toEpochMilli())))
        .thenApply(r -> null);
  }
}
