package io.clauderelay.redis;

import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A cluster-wide lock for periodic jobs (cleanup, price refresh, OAuth refresh): one node of the
 * cluster runs each. The lock is a key holding its owner's id with a TTL, so a node that dies while
 * holding it blocks the job for at most the TTL; release and renew compare the owner first, so a
 * node whose lock expired cannot free or extend the lock another node has taken since.
 * Owners must be unique per holder (e.g. node id + job run id).
 */
public final class RedisJobLock {
  private static final LuaScript RELEASE = LuaScript.load("lock_release");
  private static final LuaScript RENEW = LuaScript.load("lock_renew");

  private final RedisCommands redis;

  public RedisJobLock(RedisCommands redis) {
    this.redis = redis;
  }

  /** Takes the lock for {@code ttl} if nobody holds it (SET NX PX); true when {@code owner} now holds it. */
  public CompletionStage<Boolean> tryAcquire(String name, String owner, Duration ttl) {
    return redis.send(Request.cmd(Command.SET).arg(RedisKeys.jobLock(name)).arg(owner).arg("NX").arg("PX")
        .arg(millis(ttl)))
        .thenApply(r -> r != null && "OK".equals(r.toString()));
  }

  /** Extends the lock to {@code ttl} from now if {@code owner} still holds it; true when it did. */
  public CompletionStage<Boolean> renew(String name, String owner, Duration ttl) {
    return redis.eval(RENEW, List.of(RedisKeys.jobLock(name)), List.of(owner, Long.toString(millis(ttl))))
        .thenApply(r -> Replies.asLong(r) == 1);
  }

  /** Frees the lock if {@code owner} holds it; true when it did, false (and nothing changes) otherwise. */
  public CompletionStage<Boolean> release(String name, String owner) {
    return redis.eval(RELEASE, List.of(RedisKeys.jobLock(name)), List.of(owner))
        .thenApply(r -> Replies.asLong(r) == 1);
  }

  private static long millis(Duration ttl) {
    if (ttl.toMillis() < 1) throw new IllegalArgumentException("lock TTL must be at least 1 ms");
    return ttl.toMillis();
  }
}
