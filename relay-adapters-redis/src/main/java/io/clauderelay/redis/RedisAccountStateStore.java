package io.clauderelay.redis;

import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.time.TimeBuckets;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Account runtime state on Redis, shared by every node. Each account's data carries the hash tag
 * {@code {acct:<id>}}, so each write is one script in one slot, one round trip. Leases are a ZSET
 * scored by expiry and judged against the caller's {@code now}, exactly like the embedded store.
 * {@link #runtime} reads N accounts in one pipelined batch (one round trip, not atomic: a read).
 */
public final class RedisAccountStateStore implements AccountStateStore {
  private static final LuaScript ACQUIRE = LuaScript.load("account_acquire");
  private static final LuaScript RELEASE = LuaScript.load("account_release");
  private static final LuaScript COOL = LuaScript.load("account_cool");

  // Safety-net TTLs: decisions use the caller's time; these only bound what Redis keeps.
  static final Duration LEASE_GRACE = Duration.ofSeconds(30);
  static final Duration MIN_LEASE_KEY_TTL = Duration.ofSeconds(60);
  static final Duration COOL_DOWN_GRACE = Duration.ofMinutes(1);
  /** An account unused this long reads as never used, which least-recently-used rotation treats the same. */
  static final Duration LAST_USED_TTL = Duration.ofDays(30);

  private static final String FAMILY = "family:";
  private static final String WINDOW_STATUS = "5h-status";
  private static final String PLAN = "plan";

  private static final int COMMANDS_PER_ACCOUNT = 5;

  private final RedisCommands redis;
  private final TimeBuckets buckets;
  private final PendingTotals pending;

  /** Today's cost is counted per UTC day. */
  public RedisAccountStateStore(RedisCommands redis) {
    this(redis, new TimeBuckets(ZoneOffset.UTC));
  }

  /** Today's cost is counted per day of the operator's offset ({@code TIMEZONE_OFFSET}). */
  public RedisAccountStateStore(RedisCommands redis, TimeBuckets buckets) {
    this(redis, buckets, null);
  }

  /**
   * {@code pending}: the node's aggregates not yet flushed (today's cost of an account is among
   * them); {@link #runtime} flushes them first, so this node reads its own settlements.
   */
  RedisAccountStateStore(RedisCommands redis, TimeBuckets buckets, PendingTotals pending) {
    this.redis = redis;
    this.buckets = buckets;
    this.pending = pending;
  }

  @Override
  public CompletionStage<Map<String, AccountRuntime>> runtime(Collection<String> accountIds, Instant now) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(accountIds));
    if (ids.isEmpty()) return CompletableFuture.completedFuture(new LinkedHashMap<>());
    long nowMs = now.toEpochMilli();
    String day = buckets.day(now);
    CompletionStage<Void> flushed = pending == null ? CompletableFuture.completedFuture(null) : pending.flush();
    // A failed flush stays pending (the next one sends it); the read goes ahead.
    return flushed.handle((v, e) -> null).thenCompose(f -> redis.batch(() -> {
      List<Request> requests = new ArrayList<>(ids.size() * COMMANDS_PER_ACCOUNT);
      for (String id : ids) {
        requests.add(Request.cmd(Command.ZCOUNT).arg(RedisKeys.accountLease(id)).arg("(" + nowMs).arg("+inf"));
        addStateReads(requests, id, day);
      }
      return requests;
    })).thenApply(rs -> {
      Map<String, AccountRuntime> out = new LinkedHashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        int at = i * COMMANDS_PER_ACCOUNT;
        int inFlight = (int) Replies.asLong(rs.get(at));
        String last = Replies.asString(rs.get(at + 1));
        Response cool = rs.get(at + 2);
        String until = cool == null ? null : Replies.asString(cool.get(0));
        boolean cooling = until != null && nowMs < Long.parseLong(until);
        long cost = Replies.asLong(rs.get(at + 3));
        Map<String, String> upstream = Replies.hash(rs.get(at + 4));
        AccountRuntime rt = new AccountRuntime(
            last == null ? null : Instant.ofEpochMilli(Long.parseLong(last)),
            cooling ? Instant.ofEpochMilli(Long.parseLong(until)) : null,
            cooling ? reason(cool.get(1)) : null,
            inFlight, cost);
        out.put(ids.get(i), upstream.isEmpty() ? rt : withUpstream(rt, upstream, nowMs));
      }
      return out;
    });
  }

  @Override
  public CompletionStage<Boolean> acquire(String accountId, String requestId, int max, Duration ttl, Instant now) {
    long keyTtl = Math.max(ttl.plus(LEASE_GRACE).toMillis(), MIN_LEASE_KEY_TTL.toMillis());
    return redis.eval(ACQUIRE, List.of(RedisKeys.accountLease(accountId)),
        List.of(Long.toString(now.toEpochMilli()), requestId, Long.toString(now.plus(ttl).toEpochMilli()),
            Integer.toString(max), Long.toString(keyTtl)))
        .thenApply(r -> Replies.asLong(r) == 1);
  }

  @Override
  public CompletionStage<Void> release(String accountId, String requestId, Instant now) {
    return redis.eval(RELEASE, List.of(RedisKeys.accountLease(accountId), RedisKeys.accountLastUsed(accountId)),
        List.of(requestId, Long.toString(now.toEpochMilli()), Long.toString(LAST_USED_TTL.toMillis())))
        .thenApply(r -> null);
  }

  @Override
  public CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> requestIdsByAccount, Instant now,
      Duration ttl) {
    Duration keyTtl = Duration.ofMillis(Math.max(ttl.plus(LEASE_GRACE).toMillis(), MIN_LEASE_KEY_TTL.toMillis()));
    return LeaseRenewals.renew(redis, requestIdsByAccount, now, ttl, keyTtl, id -> List.of(RedisKeys.accountLease(id)));
  }

  @Override
  public CompletionStage<Void> coolDown(String accountId, Instant until, String reason) {
    return redis.eval(COOL, List.of(RedisKeys.accountCoolDown(accountId)),
        List.of(until == null ? "" : Long.toString(until.toEpochMilli()), reason == null ? "" : reason,
            Long.toString(COOL_DOWN_GRACE.toMillis())))
        .thenApply(r -> null);
  }

  /** Family cool-downs live beside the plan in one hash without a TTL; a past {@code until} reads as none. */
  @Override
  public CompletionStage<Void> coolDownFamily(String accountId, String family, Instant until, String reason) {
    Request r = until == null
        ? Request.cmd(Command.HDEL).arg(RedisKeys.accountUpstream(accountId)).arg(FAMILY + family)
        : Request.cmd(Command.HSET).arg(RedisKeys.accountUpstream(accountId)).arg(FAMILY + family)
            .arg(Long.toString(until.toEpochMilli()));
    return redis.send(r).thenApply(x -> null);
  }

  @Override
  public CompletionStage<Void> recordWindowStatus(String accountId, String status) {
    return redis.send(Request.cmd(Command.HSET).arg(RedisKeys.accountUpstream(accountId)).arg(WINDOW_STATUS)
        .arg(status == null ? "" : status)).thenApply(x -> null);
  }

  @Override
  public CompletionStage<Void> recordPlan(String accountId, ClaudePlan plan) {
    return redis.send(Request.cmd(Command.HSET).arg(RedisKeys.accountUpstream(accountId)).arg(PLAN)
        .arg((plan == null ? ClaudePlan.UNKNOWN : plan).id())).thenApply(x -> null);
  }

  static AccountRuntime withUpstream(AccountRuntime rt, Map<String, String> fields, long nowMs) {
    Map<String, Instant> families = new HashMap<>();
    fields.forEach((k, v) -> {
      if (k.startsWith(FAMILY) && !v.isEmpty() && Long.parseLong(v) > nowMs) {
        families.put(k.substring(FAMILY.length()), Instant.ofEpochMilli(Long.parseLong(v)));
      }
    });
    String window = fields.get(WINDOW_STATUS);
    return rt.withUpstreamFacts(families, window == null || window.isEmpty() ? null : window,
        ClaudePlan.parse(fields.get(PLAN)));
  }

  /**
   * What a node's runtime cache ({@link CachedAccountStateStore}) keeps of one account: live leases
   * (request id → expiry ms), last use, cool-down (null = none) and the cost served on {@code day}.
   */
  record AccountSnapshot(Map<String, Long> leases, Long lastUsedMs, Long coolUntilMs, String coolReason, String day,
      long dayCostMicros, Map<String, String> upstream) {}

  /**
   * One pipelined round trip for any number of accounts: first raises {@code last-used} of the
   * accounts this node used without a Redis lease ({@code account_release.lua} with no request id,
   * so it only moves forward), then reads each id's snapshot as of {@code now}. Not atomic: a read.
   * With {@code flushTotals} (a cold read on the request path) the node's pending totals are
   * flushed first (a round trip only when there are any), so today's cost includes this node's own
   * settlements; the periodic refresh leaves that to the flush timer.
   */
  CompletionStage<Map<String, AccountSnapshot>> snapshot(Map<String, Instant> lastUsedToFlush,
      Collection<String> accountIds, Instant now, boolean flushTotals) {
    List<String> ids = new ArrayList<>(new LinkedHashSet<>(accountIds));
    List<Map.Entry<String, Instant>> flush = new ArrayList<>(lastUsedToFlush.entrySet());
    if (ids.isEmpty() && flush.isEmpty()) return CompletableFuture.completedFuture(new LinkedHashMap<>());
    long nowMs = now.toEpochMilli();
    String day = buckets.day(now);
    CompletionStage<Void> flushed = pending == null || !flushTotals
        ? CompletableFuture.completedFuture(null)
        : pending.flush();
    // A failed flush stays pending; the snapshot is read all the same.
    return flushed.handle((v, e) -> null).thenCompose(f -> redis.evalBatch(bySha -> {
      List<Request> requests = new ArrayList<>(flush.size() + ids.size() * COMMANDS_PER_ACCOUNT);
      for (Map.Entry<String, Instant> e : flush) {
        requests.add(new RedisCommands.ScriptCall(RELEASE,
            List.of(RedisKeys.accountLease(e.getKey()), RedisKeys.accountLastUsed(e.getKey())),
            List.of("", Long.toString(e.getValue().toEpochMilli()), Long.toString(LAST_USED_TTL.toMillis())))
            .request(bySha));
      }
      for (String id : ids) {
        requests.add(Request.cmd(Command.ZRANGEBYSCORE).arg(RedisKeys.accountLease(id)).arg("(" + nowMs).arg("+inf")
            .arg("WITHSCORES"));
        addStateReads(requests, id, day);
      }
      return requests;
    })).thenApply(rs -> {
      Map<String, AccountSnapshot> out = new LinkedHashMap<>();
      for (int i = 0; i < ids.size(); i++) {
        int at = flush.size() + i * COMMANDS_PER_ACCOUNT;
        String last = Replies.asString(rs.get(at + 1));
        Response cool = rs.get(at + 2);
        String until = cool == null ? null : Replies.asString(cool.get(0));
        out.put(ids.get(i), new AccountSnapshot(scored(rs.get(at)), last == null ? null : Long.parseLong(last),
            until == null ? null : Long.parseLong(until), until == null ? null : reason(cool.get(1)), day,
            Replies.asLong(rs.get(at + 3)), Replies.hash(rs.get(at + 4))));
      }
      return out;
    });
  }

  /**
   * Today's cost of an account is its list-price ("real") total in the day totals, which the
   * settling node adds to (through {@link PendingTotals}) only when settle.lua answered "written":
   * no write of its own, so it is never counted twice on a replay.
   */
  static String accountDayCostField(String accountId) {
    return "real:account:" + accountId;
  }

  /**
   * The reads both runtime views make after an account's lease read, in this order: last used,
   * cool-down (until, reason), today's cost (from the day totals), upstream-reported state.
   */
  private static void addStateReads(List<Request> requests, String id, String day) {
    requests.add(Request.cmd(Command.GET).arg(RedisKeys.accountLastUsed(id)));
    requests.add(Request.cmd(Command.HMGET).arg(RedisKeys.accountCoolDown(id)).arg("until").arg("reason"));
    requests.add(Request.cmd(Command.HGET).arg(RedisKeys.dayTotals(day)).arg(accountDayCostField(id)));
    requests.add(Request.cmd(Command.HGETALL).arg(RedisKeys.accountUpstream(id)));
  }

  /** A WITHSCORES reply as member → score: flat pairs (RESP2) or an array of pairs (RESP3). */
  private static Map<String, Long> scored(Response r) {
    Map<String, Long> m = new LinkedHashMap<>();
    if (r == null || r.size() == 0) return m;
    if (r.get(0).type() == ResponseType.MULTI) {
      for (Response pair : r) m.put(pair.get(0).toString(), (long) Double.parseDouble(pair.get(1).toString()));
    } else {
      for (int i = 0; i + 1 < r.size(); i += 2)
        m.put(r.get(i).toString(), (long) Double.parseDouble(r.get(i + 1).toString()));
    }
    return m;
  }

  private static String reason(Response r) {
    String s = Replies.asString(r);
    return s == null ? "" : s;
  }
}
