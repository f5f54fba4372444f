package io.clauderelay.redis;

import io.clauderelay.domain.memory.AccountStateEntries;
import io.clauderelay.domain.memory.AccountStateEntries.Kept;
import io.clauderelay.domain.memory.LedgerEntries;
import io.clauderelay.domain.port.StateTransfer;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageTotals;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Usage and account runtime on Redis read into, and written from, the flat entries the embedded
 * store keeps ({@link StateTransfer}), so {@code ./relay export} / {@code import} move a team between
 * the two. Reading scans the relay's keys ({@link RedisKeys} names them); writing sets each key with
 * the TTL the live scripts give it. For the command line only: it waits on each reply, so it runs on
 * a worker thread and never on an event loop.
 */
public final class RedisStateTransfer implements StateTransfer {
  private final RedisCommands redis;

  public RedisStateTransfer(RedisCommands redis) {
    this.redis = redis;
  }

  @Override
  public CompletionStage<Map<String, Object>> usageEntries(Instant now) {
    return CompletableFuture.supplyAsync(() -> {
      Map<String, Object> out = new HashMap<>();
      for (String k : scan(RedisKeys.PREFIX + "{key:*")) RedisUsageKeys.read(this, k, out);
      for (String k : scan(RedisKeys.PREFIX + "{usage}:*")) RedisUsageKeys.read(this, k, out);
      return out;
    });
  }

  @Override
  public CompletionStage<Void> loadUsageEntries(Map<String, Object> entries, Instant now) {
    return CompletableFuture.runAsync(() -> {
      List<Request> batch = new ArrayList<>();
      entries.forEach((name, value) -> batch.addAll(RedisUsageKeys.write(name, value, now)));
      send(batch);
    });
  }

  @Override
  public CompletionStage<Map<String, Object>> accountStateEntries(Instant now) {
    return CompletableFuture.supplyAsync(() -> {
      Map<String, Object> out = new HashMap<>();
      Map<String, Kept> kept = new HashMap<>();
      for (String k : scan(RedisKeys.PREFIX + "{acct:*")) RedisAccountKeys.read(this, k, kept, out);
      kept.forEach((id, v) -> out.put(LedgerEntries.name(AccountStateEntries.STATE, id), v));
      return out;
    });
  }

  @Override
  public CompletionStage<Void> loadAccountStateEntries(Map<String, Object> entries, Instant now) {
    return CompletableFuture.runAsync(() -> {
      List<Request> batch = new ArrayList<>();
      entries.forEach((name, value) -> batch.addAll(RedisAccountKeys.write(name, value, now)));
      send(batch);
    });
  }

  Response call(Request r) {
    return redis.send(r).toCompletableFuture().join();
  }

  Map<String, String> hash(String key) {
    return Replies.hash(call(Request.cmd(Command.HGETALL).arg(key)));
  }

  String string(String key) {
    return Replies.asString(call(Request.cmd(Command.GET).arg(key)));
  }

  List<UsageRecord> records(String key) {
    // The kept records only: the list runs up to 32 past them between trims.
    Response r = call(Request.cmd(Command.LRANGE).arg(key).arg(0).arg(RedisLedger.RECORDS_KEPT - 1));
    List<UsageRecord> out = new ArrayList<>();
    for (int i = 0; i < r.size(); i++) out.add(UsageRecordJson.read(r.get(i).toString()));
    return out;
  }

  private void send(List<Request> requests) {
    for (int from = 0; from < requests.size(); from += 500) {
      List<Request> part = requests.subList(from, Math.min(requests.size(), from + 500));
      redis.batch(() -> part).toCompletableFuture().join();
    }
  }

  private List<String> scan(String pattern) {
    List<String> keys = new ArrayList<>();
    String cursor = "0";
    do {
      Response r = call(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000));
      cursor = r.get(0).toString();
      for (Response k : r.get(1)) keys.add(k.toString());
    } while (!cursor.equals("0"));
    return keys;
  }

  static UsageTotals totals(Map<String, String> h) {
    return TotalsFields.totals(h);
  }

  static Map<String, UsageTotals> scoped(Map<String, String> h) {
    return TotalsFields.scoped(h);
  }
}
