package io.clauderelay.redis;

import io.clauderelay.domain.admission.QueueEntry;
import io.clauderelay.domain.port.AdmissionQueue;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The admission queue shared by every node: per key a sorted set of tickets by a sequence number
 * (first come, first served across nodes) and one of their expiries, under the key's hash tag
 * {@code {key:<id>}} so every script touches one slot (Redis Cluster ready). Kept apart from the
 * admission and settlement scripts: a ticket never holds a lease.
 */
public final class RedisAdmissionQueue implements AdmissionQueue {
  private static final LuaScript ENTER = LuaScript.load("queue_enter");
  private static final LuaScript LOOK = LuaScript.load("queue_look");
  private static final LuaScript LEAVE = LuaScript.load("queue_leave");

  private final RedisCommands redis;

  public RedisAdmissionQueue(RedisCommands redis) {
    this.redis = redis;
  }

  /** The line, the expiries and the sequence counter of a key. */
  static List<String> keys(String keyId) {
    String tag = RedisKeys.PREFIX + "{key:" + keyId + "}:queue";
    return List.of(tag, tag + ":expiry", tag + ":seq");
  }

  @Override
  public CompletionStage<QueueEntry> enter(String keyId, String ticket, int maxSize, Instant now, Instant expiresAt,
      boolean mustWait) {
    return redis.eval(ENTER, keys(keyId), List.of(ticket, Integer.toString(maxSize),
        Long.toString(now.toEpochMilli()), Long.toString(expiresAt.toEpochMilli()), mustWait ? "1" : "0"))
        .thenApply(r -> {
          int n = r.get(1).toInteger();
          return switch (r.get(0).toInteger()) {
            case 0 -> new QueueEntry.Pass();
            case 1 -> new QueueEntry.Waiting(n);
            default -> new QueueEntry.Full(n);
          };
        });
  }

  @Override
  public CompletionStage<Integer> ahead(String keyId, String ticket, Instant now) {
    return look(keyId, ticket, now).thenApply(r -> r.get(0).toInteger());
  }

  @Override
  public CompletionStage<Void> leave(String keyId, String ticket) {
    return redis.eval(LEAVE, keys(keyId), List.of(ticket)).thenApply(r -> null);
  }

  @Override
  public CompletionStage<Integer> length(String keyId, Instant now) {
    return look(keyId, "", now).thenApply(r -> r.get(1).toInteger());
  }

  private CompletionStage<Response> look(String keyId, String ticket, Instant now) {
    return redis.eval(LOOK, keys(keyId), List.of(Long.toString(now.toEpochMilli()), ticket));
  }
}
