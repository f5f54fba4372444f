package io.clauderelay.redis;

import io.clauderelay.domain.port.UsageLedger;
import io.clauderelay.domain.usage.UsageBuckets;
import io.clauderelay.domain.usage.UsageRecord;
import io.clauderelay.domain.usage.UsageSettlement;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One node's aggregate increments not yet on Redis: usage and per-model totals, last use, and the
 * day's global, per-account and per-model totals with the minute series. A settlement adds to them
 * only after its script answered "written" (so exactly once per request id), and {@link #flush}
 * writes them in one round trip, one {@code totals_flush.lua} per hash tag (a Cluster slot). Each
 * flush is numbered; a flush that failed may have landed in some slots, so it is resent unchanged
 * (same number: applied at most once per slot) before anything newer goes out. The node flushes
 * every {@link #INTERVAL} and before every read of these aggregates, so its own reads are exact and
 * another node's settlements are at most that interval late; a node that dies loses at most that
 * interval of aggregates (never a record or a cost counter, which settle.lua writes at once).
 * The flush also sets the TTL of the settled-marker buckets written since the last one, so that
 * settle.lua need not PEXPIRE per request.
 */
public final class PendingTotals {
  /** How often the node flushes: the bound on how late another node's reports can be (plus one round trip). */
  public static final Duration INTERVAL = Duration.ofSeconds(1);
  static final Duration MARK_TTL = Duration.ofDays(1);
  private static final LuaScript FLUSH = LuaScript.load("totals_flush");

  private final RedisCommands redis;
  private final String node = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
  private long seq;
  /** hash tag → Redis key → its pending increments, in insertion order. */
  private Map<String, Map<String, Hash>> pending = new HashMap<>();
  /** A flush that failed: sent again, unchanged, before the next one. */
  private Flush unconfirmed;
  private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
  /** Settlements sent and not answered yet: a flush waits for them, so a read sees what ran before it. */
  private final Set<CompletableFuture<?>> settling = ConcurrentHashMap.newKeySet();

  PendingTotals(RedisCommands redis) {
    this.redis = redis;
  }

  /** A hash's increments (field → delta) and TTL, or a last-use maximum. */
  private static final class Hash {
    final String ttl;
    final Map<String, Long> add = new LinkedHashMap<>();
    long lastUsedMs = -1;
    String lastUsedAt;
    boolean expireOnly;

    Hash(String ttl) {
      this.ttl = ttl;
    }
  }

  private record Flush(long seq, List<RedisCommands.ScriptCall> calls) {}

  /**
   * Adds what one written settlement contributes to the aggregates (settle.lua answered 1), and
   * the TTL of the settled-marker bucket of {@code markHour} that it was written to.
   */
  synchronized void add(UsageSettlement s, long markHour) {
    UsageRecord r = s.record();
    String k = r.keyId();
    UsageBuckets b = s.buckets();
    long[] v = values(r);
    hash(RedisKeys.settledMarks(k, markHour), RedisLedger.SETTLED_MARKER_TTL).expireOnly = true;
    inc(RedisKeys.usageTotal(k), null, "", v);
    inc(RedisKeys.usageDay(k, b.day()), RedisLedger.DAY_TTL, "", v);
    inc(RedisKeys.usageMonth(k, b.month()), RedisLedger.MONTH_TTL, "", v);
    inc(RedisKeys.usageHour(k, b.hour()), RedisLedger.HOUR_TTL, "", v);
    inc(RedisKeys.usageWeek(k, b.week()), RedisLedger.WEEK_TTL, "", v);
    inc(RedisKeys.modelsTotal(k), null, ":" + r.model(), v);
    inc(RedisKeys.modelsDay(k, b.day()), RedisLedger.DAY_TTL, ":" + r.model(), v);
    Hash meta = hash(RedisKeys.meta(k), null);
    long at = r.at().toEpochMilli();
    if (at > meta.lastUsedMs) {
      meta.lastUsedMs = at;
      meta.lastUsedAt = r.at().toString();
    }
    String day = RedisKeys.dayTotals(b.day());
    inc(day, RedisLedger.DAY_TTL, ":global", v);
    if (!r.accountId().isEmpty()) inc(day, RedisLedger.DAY_TTL, ":account:" + r.accountId(), v);
    inc(day, RedisLedger.DAY_TTL, ":model:" + r.model(), v);
    inc(RedisKeys.minuteTotals(UsageLedger.epochMinute(r.at())), RedisLedger.MINUTE_TTL, "", v);
  }

  /**
   * A settlement on its way: until it is answered (and, if written, added), flushes wait for it.
   * Without this a read right after a request could flush before the settlement's answer arrived
   * and miss what settle.lua had already written.
   */
  <T> CompletableFuture<T> track(CompletableFuture<T> settlement) {
    settling.add(settlement);
    settlement.whenComplete((v, e) -> settling.remove(settlement));
    return settlement;
  }

  /**
   * Writes everything added so far, once the settlements already sent are answered (after any
   * earlier flush, in order). Completes when it is on Redis; fails if Redis did not confirm it, in
   * which case it stays pending and goes out again.
   */
  public CompletionStage<Void> flush() {
    CompletableFuture<?>[] sent = settling.toArray(CompletableFuture[]::new);
    CompletableFuture<Void> answered = CompletableFuture.allOf(sent).handle((v, e) -> null);
    CompletableFuture<Void> next;
    synchronized (this) {
      CompletableFuture<Void> before = last;
      next = answered.thenCompose(v -> before.handle((x, e) -> null)).thenCompose(v -> sendAll())
          .toCompletableFuture();
      last = next;
    }
    return next;
  }

  /** Whether anything waits to be flushed (tests; the node's stop). */
  synchronized boolean isEmpty() {
    return pending.isEmpty() && unconfirmed == null;
  }

  private CompletionStage<Void> sendAll() {
    Flush f;
    boolean retry;
    synchronized (this) {
      retry = unconfirmed != null;
      f = retry ? unconfirmed : take();
    }
    if (f == null) return CompletableFuture.completedFuture(null);
    return send(f).thenCompose(v -> retry ? sendAll() : CompletableFuture.completedFuture(null));
  }

  private CompletionStage<Void> send(Flush f) {
    return redis.evalBatch(bySha -> f.calls().stream().map(c -> c.request(bySha)).toList())
        .<Void>thenApply(rs -> {
          for (Response r : rs) {
            if (r != null && r.type() == ResponseType.ERROR) throw new IllegalStateException(r.toString());
          }
          return null;
        })
        .whenComplete((v, e) -> {
          synchronized (this) {
            unconfirmed = e == null ? null : f;
          }
        });
  }

  /** Takes the pending increments as one numbered flush (caller holds the lock). */
  private Flush take() {
    if (pending.isEmpty()) return null;
    long n = ++seq;
    List<RedisCommands.ScriptCall> calls = new ArrayList<>(pending.size());
    pending.forEach((tag, hashes) -> {
      List<String> keys = new ArrayList<>(hashes.size() + 1);
      List<String> args = new ArrayList<>();
      keys.add(RedisKeys.PREFIX + "{" + tag + "}:flushed:" + node);
      args.add(Long.toString(n));
      args.add(Long.toString(MARK_TTL.toMillis()));
      hashes.forEach((key, h) -> {
        keys.add(key);
        if (h.expireOnly) {
          args.add("x");
          args.add(h.ttl);
        } else if (h.lastUsedAt != null) {
          args.add("m");
          args.add(Long.toString(h.lastUsedMs));
          args.add(h.lastUsedAt);
        } else {
          args.add("i");
          args.add(h.ttl);
          args.add(Integer.toString(h.add.size()));
          h.add.forEach((field, delta) -> {
            args.add(field);
            args.add(Long.toString(delta));
          });
        }
      });
      calls.add(new RedisCommands.ScriptCall(FLUSH, keys, args));
    });
    pending = new HashMap<>();
    return new Flush(n, calls);
  }

  private void inc(String key, Duration ttl, String scope, long[] v) {
    Hash h = hash(key, ttl);
    for (int i = 0; i < v.length; i++) {
      if (v[i] != 0) h.add.merge(TotalsFields.METRICS.get(i) + scope, v[i], Long::sum);
    }
  }

  private Hash hash(String key, Duration ttl) {
    return pending.computeIfAbsent(tag(key), t -> new LinkedHashMap<>())
        .computeIfAbsent(key, x -> new Hash(ttl == null ? "" : Long.toString(ttl.toMillis())));
  }

  /** The hash tag of a key name: what Redis Cluster hashes to choose the slot. */
  static String tag(String key) {
    int open = key.indexOf('{');
    int close = key.indexOf('}', open + 1);
    return key.substring(open + 1, close);
  }

  private static long[] values(UsageRecord r) {
    var t = r.tokens();
    return new long[]{1, t.input(), t.output(), t.cacheWrite5m(), t.cacheWrite1h(), t.cacheRead(), r.ratedCostMicros(),
        r.cost().totalMicros()};
  }
}
