package io.clauderelay.redis;

import io.clauderelay.domain.port.ImportProgress;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Import marks on Redis: one HASH per scope, no TTL (a later rerun must still see them). */
public final class RedisImportProgress implements ImportProgress {
  private final RedisCommands redis;

  public RedisImportProgress(RedisCommands redis) {
    this.redis = redis;
  }

  @Override
  public CompletionStage<Map<String, String>> marks(String scope) {
    return redis.send(Request.cmd(Command.HGETALL).arg(RedisKeys.importMarks(scope))).thenApply(Replies::hash);
  }

  @Override
  public CompletionStage<Void> mark(String scope, Map<String, String> marks) {
    if (marks.isEmpty()) return CompletableFuture.completedFuture(null);
    Request hset = Request.cmd(Command.HSET).arg(RedisKeys.importMarks(scope));
    marks.forEach((k, v) -> hset.arg(k).arg(v));
    return redis.send(hset).thenApply(r -> (Void) null);
  }

}
