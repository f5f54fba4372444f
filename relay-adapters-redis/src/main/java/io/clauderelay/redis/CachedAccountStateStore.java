package io.clauderelay.redis;

import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.time.TimeBuckets;
import io.clauderelay.redis.RedisAccountStateStore.AccountSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;

/**
 * Account runtime for the request path without a round trip per request. Each node keeps a
 * snapshot of every account it schedules (leases, last use, cool-down, today's cost), re-read in
 * one pipelined batch by {@link #refresh} (a periodic timer, e.g. every 500 ms), and lays its own
 * changes over it at once:
 * <ul>
 *   <li>{@code acquire} with {@code max > 0} is the authoritative Redis script (a cap holds across
 *       nodes); with {@code max == 0} (unlimited) the slot is only counted in this node.
 *   <li>{@code release} of a Redis slot is the Redis script; of a local one it only records the
 *       use, flushed to {@code last-used} (never backwards) in the next refresh batch.
 *   <li>{@code coolDown} is written to Redis at once (rare), so every node sees it within one refresh.
 * </ul>
 * A local change stays laid over the snapshot until a snapshot read started after the change
 * reached Redis, so a refresh in flight never undoes it. Accounts not yet in the snapshot are read
 * once, on first use.
 */
public final class CachedAccountStateStore implements AccountStateStore {
  private record Lease(String accountId, Instant expiresAt, boolean remote) {}

  /** A local cool-down (null until = cleared) and when its write reached Redis (if it has). */
  private record Cool(Instant until, String reason, boolean landed, long landedAt) {
    boolean inSnapshotStartedAt(long started) {
      return landed && landedAt - started < 0;
    }
  }

  /** A Redis lease this node released, hidden from snapshots read before the release landed. */
  private record Released(String accountId, boolean landed, long landedAt) {
    boolean inSnapshotStartedAt(long started) {
      return landed && landedAt - started < 0;
    }
  }

  private final RedisAccountStateStore redis;
  private final TimeBuckets buckets;
  private final LongSupplier nanoTime;

  private final Map<String, AccountSnapshot> snapshot = new HashMap<>();
  private final Map<String, Lease> held = new HashMap<>();
  private final Map<String, Released> released = new HashMap<>();
  private final Map<String, Cool> cools = new HashMap<>();
  private final Map<String, Instant> lastUsed = new HashMap<>();
  private final Map<String, Instant> lastUsedToFlush = new HashMap<>();
  private boolean refreshing;

  public CachedAccountStateStore(RedisAccountStateStore redis, TimeBuckets buckets, LongSupplier nanoTime) {
    this.redis = redis;
    this.buckets = buckets;
    this.nanoTime = nanoTime;
  }

  @Override
  public CompletionStage<Map<String, AccountRuntime>> runtime(Collection<String> accountIds, Instant now) {
    List<String> missing;
    synchronized (this) {
      missing = accountIds.stream().distinct().filter(id -> !snapshot.containsKey(id)).toList();
      if (missing.isEmpty()) return CompletableFuture.completedFuture(compute(accountIds, now));
    }
    long started = nanoTime.getAsLong();
    return redis.snapshot(Map.of(), missing, now, true).thenApply(read -> {
      synchronized (this) {
        install(read, started);
        return compute(accountIds, now);
      }
    });
  }

  /**
   * Re-reads every account this node has scheduled, and flushes its pending last uses, in one
   * pipelined batch. At most one refresh runs at a time; a failed one changes nothing.
   */
  public CompletionStage<Void> refresh(Instant now) {
    Map<String, Instant> flush;
    List<String> ids;
    synchronized (this) {
      if (refreshing) return CompletableFuture.completedFuture(null);
      refreshing = true;
      held.values().removeIf(l -> !now.isBefore(l.expiresAt()));
      flush = new HashMap<>(lastUsedToFlush);
      lastUsedToFlush.clear();
      ids = new ArrayList<>(snapshot.keySet());
    }
    long started = nanoTime.getAsLong();
    return redis.snapshot(flush, ids, now, false).handle((read, err) -> {
      synchronized (this) {
        refreshing = false;
        if (err != null) {
          flush.forEach((id, at) -> lastUsedToFlush.merge(id, at, CachedAccountStateStore::later));
        } else {
          install(read, started);
        }
      }
      return null;
    });
  }

  @Override
  public CompletionStage<Boolean> acquire(String accountId, String requestId, int max, Duration ttl, Instant now) {
    if (max <= 0) {
      synchronized (this) {
        held.put(requestId, new Lease(accountId, now.plus(ttl), false));
      }
      return CompletableFuture.completedFuture(true);
    }
    return redis.acquire(accountId, requestId, max, ttl, now).thenApply(taken -> {
      if (taken) {
        synchronized (this) {
          held.put(requestId, new Lease(accountId, now.plus(ttl), true));
          released.remove(requestId);
        }
      }
      return taken;
    });
  }

  @Override
  public CompletionStage<Void> release(String accountId, String requestId, Instant now) {
    Lease lease;
    synchronized (this) {
      lease = held.remove(requestId);
      lastUsed.merge(accountId, now, CachedAccountStateStore::later);
      if (lease != null && !lease.remote()) {
        lastUsedToFlush.merge(accountId, now, CachedAccountStateStore::later);
        return CompletableFuture.completedFuture(null);
      }
      released.put(requestId, new Released(accountId, false, 0));
    }
    // A Redis slot, or one this node does not know (taken before a restart): the script is idempotent.
    return redis.release(accountId, requestId, now).whenComplete((v, err) -> {
      synchronized (this) {
        released.computeIfPresent(requestId, (id, r) -> new Released(r.accountId(), true, nanoTime.getAsLong()));
      }
    });
  }

  /**
   * Slots of unlimited accounts live only here (no Redis lease): renewed in place. The others are
   * renewed in Redis, in one round trip, and their local copy follows.
   */
  @Override
  public CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> requestIdsByAccount, Instant now,
      Duration ttl) {
    Map<String, List<String>> remote = new HashMap<>();
    int local = 0;
    Instant until = now.plus(ttl);
    synchronized (this) {
      for (Map.Entry<String, ? extends Collection<String>> e : requestIdsByAccount.entrySet()) {
        for (String id : e.getValue()) {
          Lease l = held.get(id);
          if (l != null && !l.remote()) {
            if (!now.isBefore(l.expiresAt())) continue;
            if (until.isAfter(l.expiresAt())) held.put(id, new Lease(l.accountId(), until, false));
            local++;
          } else {
            remote.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(id);
          }
        }
      }
    }
    if (remote.isEmpty()) return CompletableFuture.completedFuture(local);
    int renewedHere = local;
    return redis.renew(remote, now, ttl).thenApply(n -> {
      synchronized (this) {
        remote.values().forEach(ids -> ids.forEach(id -> held.computeIfPresent(id,
            (k, l) -> l.remote() && now.isBefore(l.expiresAt()) && until.isAfter(l.expiresAt())
                ? new Lease(l.accountId(), until, true)
                : l)));
      }
      return n + renewedHere;
    });
  }

  @Override
  public CompletionStage<Void> coolDown(String accountId, Instant until, String reason) {
    Cool pending = new Cool(until, until == null ? null : (reason == null ? "" : reason), false, 0);
    synchronized (this) {
      cools.put(accountId, pending);
    }
    return redis.coolDown(accountId, until, reason).whenComplete((v, err) -> {
      synchronized (this) {
        // Failed or not, from now on a fresher snapshot is the better source.
        cools.computeIfPresent(accountId, (id, c) -> c == pending
            ? new Cool(c.until(), c.reason(), true, nanoTime.getAsLong())
            : c);
      }
    });
  }

  /**
   * Subscription-account facts (family cool-downs, 5-hour status, plan) are rare writes: straight
   * to Redis, then an immediate refresh so this node schedules by them at once. The port's
   * defaults would instead cool the whole account or drop the fact.
   */
  @Override
  public CompletionStage<Void> coolDownFamily(String accountId, String family, Instant until, String reason) {
    return redis.coolDownFamily(accountId, family, until, reason).thenCompose(v -> refreshNow());
  }

  @Override
  public CompletionStage<Void> recordWindowStatus(String accountId, String status) {
    return redis.recordWindowStatus(accountId, status);
  }

  @Override
  public CompletionStage<Void> recordPlan(String accountId, ClaudePlan plan) {
    return redis.recordPlan(accountId, plan).thenCompose(v -> refreshNow());
  }

  private CompletionStage<Void> refreshNow() {
    return refresh(Instant.now()).exceptionally(err -> null);
  }

  /** Accounts in the snapshot (for tests and metrics). */
  public synchronized Set<String> known() {
    return new HashSet<>(snapshot.keySet());
  }

  private void install(Map<String, AccountSnapshot> read, long started) {
    snapshot.putAll(read);
    // Local changes that reached Redis before this read began are in it now.
    released.values().removeIf(r -> r.inSnapshotStartedAt(started) && read.containsKey(r.accountId()));
    cools.entrySet().removeIf(e -> e.getValue().inSnapshotStartedAt(started) && read.containsKey(e.getKey()));
    // Releases on accounts this node never reads: a later first read will start after them.
    released.values().removeIf(r -> r.landed() && !snapshot.containsKey(r.accountId()));
  }

  private Map<String, AccountRuntime> compute(Collection<String> accountIds, Instant now) {
    long nowMs = now.toEpochMilli();
    String day = buckets.day(now);
    Map<String, AccountRuntime> out = new LinkedHashMap<>();
    for (String id : accountIds) {
      AccountSnapshot snap = snapshot.get(id);
      Set<String> live = new HashSet<>();
      snap.leases().forEach((requestId, expiry) -> {
        if (expiry > nowMs && !released.containsKey(requestId)) live.add(requestId);
      });
      held.forEach((requestId, lease) -> {
        if (lease.accountId().equals(id) && now.isBefore(lease.expiresAt())) live.add(requestId);
      });
      Instant last = later(snap.lastUsedMs() == null ? null : Instant.ofEpochMilli(snap.lastUsedMs()),
          lastUsed.get(id));
      Cool cool = cools.get(id);
      Instant until = cool != null
          ? cool.until()
          : snap.coolUntilMs() == null ? null : Instant.ofEpochMilli(snap.coolUntilMs());
      String reason = cool != null ? cool.reason() : snap.coolReason();
      boolean cooling = until != null && now.isBefore(until);
      AccountRuntime rt = new AccountRuntime(last, cooling ? until : null, cooling ? reason : null, live.size(),
          day.equals(snap.day()) ? snap.dayCostMicros() : 0);
      out.put(id, snap.upstream().isEmpty() ? rt : RedisAccountStateStore.withUpstream(rt, snap.upstream(), nowMs));
    }
    return out;
  }

  private static Instant later(Instant a, Instant b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.isAfter(b) ? a : b;
  }
}
