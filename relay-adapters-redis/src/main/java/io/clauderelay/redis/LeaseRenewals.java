package io.clauderelay.redis;

import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Renews many owners' concurrency leases in one pipelined round trip: one {@code lease_renew.lua}
 * per owner (each owner's keys share one hash tag, so every script stays in one slot), all sent
 * together. Used for relay keys' and accounts' slots alike.
 */
final class LeaseRenewals {
  private static final LuaScript RENEW = LuaScript.load("lease_renew");

  private LeaseRenewals() {}

  /**
   * @param keysOf the lease ZSET first, then the keys whose TTL must follow it, for an owner id
   * @param keyTtl what those keys' TTL is raised to (never lowered)
   */
  static CompletionStage<Integer> renew(RedisCommands redis, Map<String, ? extends Collection<String>> leaseIdsByOwner,
      Instant now, Duration ttl, Duration keyTtl, Function<String, List<String>> keysOf) {
    List<RedisCommands.ScriptCall> calls = new ArrayList<>();
    String nowMs = Long.toString(now.toEpochMilli());
    String expiry = Long.toString(now.plus(ttl).toEpochMilli());
    String keyTtlMs = Long.toString(keyTtl.toMillis());
    leaseIdsByOwner.forEach((owner, ids) -> {
      if (ids.isEmpty()) return;
      List<String> args = new ArrayList<>(ids.size() + 3);
      args.add(nowMs);
      args.add(expiry);
      args.add(keyTtlMs);
      args.addAll(ids);
      calls.add(new RedisCommands.ScriptCall(RENEW, keysOf.apply(owner), args));
    });
    if (calls.isEmpty()) return CompletableFuture.completedFuture(0);
    return redis.evalBatch(bySha -> {
      List<Request> requests = new ArrayList<>(calls.size());
      for (RedisCommands.ScriptCall c : calls) requests.add(c.request(bySha));
      return requests;
    }).thenApply(rs -> {
      int renewed = 0;
      for (Response r : rs) renewed += (int) Replies.asLong(r);
      return renewed;
    });
  }
}
