package io.clauderelay.redis;

import io.clauderelay.domain.port.LoginThrottle;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Failed-login counters on Redis, so a lockout holds on every node: one counter per subject whose
 * TTL is first the window and then the lockout (one INCR+PEXPIRE script, one slot per subject).
 */
public final class RedisLoginThrottle implements LoginThrottle {
  private static final LuaScript FAIL = LuaScript.load("login_fail");
  private static final LuaScript STATUS = LuaScript.load("login_status");

  private final RedisCommands redis;

  public RedisLoginThrottle(RedisCommands redis) {
    this.redis = redis;
  }

  @Override
  public CompletionStage<Duration> recordFailure(String subject, int maxFailures, Duration window, Duration lockout) {
    return redis.eval(FAIL, List.of(RedisKeys.loginFailures(subject)), List.of(Integer.toString(maxFailures),
        Long.toString(Math.max(1, window.toMillis())), Long.toString(Math.max(1, lockout.toMillis()))))
        .thenApply(r -> Duration.ofMillis(Math.max(0, Replies.asLong(r))));
  }

  @Override
  public CompletionStage<Duration> lockedFor(String subject, int maxFailures) {
    return redis.eval(STATUS, List.of(RedisKeys.loginFailures(subject)), List.of(Integer.toString(maxFailures)))
        .thenApply(r -> Duration.ofMillis(Math.max(0, Replies.asLong(r))));
  }

  @Override
  public CompletionStage<Void> clear(String subject) {
    return redis.send(Request.cmd(Command.DEL).arg(RedisKeys.loginFailures(subject))).thenApply(r -> null);
  }
}
