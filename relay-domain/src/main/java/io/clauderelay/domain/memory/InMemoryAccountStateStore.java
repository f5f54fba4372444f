package io.clauderelay.domain.memory;

import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.port.AccountStateStore;
import io.clauderelay.domain.time.TimeBuckets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The embedded account runtime store. Concurrency slots are leases with an expiry, so the slot of
 * a request that never released (a crash, a lost callback) frees itself; cool-downs and leases are
 * judged against the {@code now} each call passes.
 */
public final class InMemoryAccountStateStore implements AccountStateStore {

  static final class State {
    Instant lastUsedAt;
    Instant coolingUntil;
    String coolingReason;
    final Map<String, Instant> leaseExpiry = new HashMap<>();
    final Map<String, Instant> familyCoolingUntil = new HashMap<>();
    String windowStatus;
    ClaudePlan plan = ClaudePlan.UNKNOWN;

    int liveLeases(Instant now) {
      leaseExpiry.values().removeIf(expiry -> !now.isBefore(expiry));
      return leaseExpiry.size();
    }
  }

  final Map<String, State> states = new HashMap<>();
  private final TimeBuckets buckets;
  private final InMemoryLedger ledger;

  /** Today's cost is counted per UTC day, from a ledger of its own (nothing settles into it). */
  public InMemoryAccountStateStore() {
    this(new TimeBuckets(ZoneOffset.UTC), new InMemoryLedger());
  }

  /**
   * Today's cost is what {@code ledger}'s settlements added to each account's day (once per request
   * id), per day of the operator's offset ({@code TIMEZONE_OFFSET}).
   */
  public InMemoryAccountStateStore(TimeBuckets buckets, InMemoryLedger ledger) {
    this.buckets = buckets;
    this.ledger = ledger;
  }

  @Override
  public synchronized CompletionStage<Map<String, AccountRuntime>> runtime(Collection<String> accountIds, Instant now) {
    Map<String, AccountRuntime> out = new LinkedHashMap<>();
    String day = buckets.day(now);
    for (String id : accountIds) {
      State s = states.get(id);
      long cost = ledger.accountDayCost(id, day);
      if (s == null) {
        out.put(id, cost == 0 ? AccountRuntime.IDLE : new AccountRuntime(null, null, null, 0, cost));
        continue;
      }
      boolean cooling = s.coolingUntil != null && now.isBefore(s.coolingUntil);
      s.familyCoolingUntil.values().removeIf(until -> !now.isBefore(until));
      out.put(id, new AccountRuntime(s.lastUsedAt, cooling ? s.coolingUntil : null, cooling ? s.coolingReason : null,
          s.liveLeases(now), cost, s.familyCoolingUntil, s.windowStatus, s.plan));
    }
    return done(out);
  }

  @Override
  public synchronized CompletionStage<Boolean> acquire(String accountId, String requestId, int max, Duration ttl,
      Instant now) {
    State s = state(accountId);
    int live = s.liveLeases(now);
    // Re-acquiring a held slot only extends it, so a retried call cannot take two slots.
    if (!s.leaseExpiry.containsKey(requestId) && max > 0 && live >= max) return done(false);
    s.leaseExpiry.put(requestId, now.plus(ttl));
    return done(true);
  }

  @Override
  public synchronized CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> requestIdsByAccount,
      Instant now, Duration ttl) {
    int renewed = 0;
    Instant until = now.plus(ttl);
    for (Map.Entry<String, ? extends Collection<String>> e : requestIdsByAccount.entrySet()) {
      State s = states.get(e.getKey());
      if (s == null) continue;
      for (String id : e.getValue()) {
        Instant expiry = s.leaseExpiry.get(id);
        if (expiry == null || !now.isBefore(expiry)) continue;
        if (until.isAfter(expiry)) s.leaseExpiry.put(id, until);
        renewed++;
      }
    }
    return done(renewed);
  }

  @Override
  public synchronized CompletionStage<Void> release(String accountId, String requestId, Instant now) {
    State s = state(accountId);
    s.leaseExpiry.remove(requestId);
    if (s.lastUsedAt == null || now.isAfter(s.lastUsedAt)) s.lastUsedAt = now;
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Void> coolDown(String accountId, Instant until, String reason) {
    State s = state(accountId);
    s.coolingUntil = until;
    s.coolingReason = until == null ? null : (reason == null ? "" : reason);
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Void> coolDownFamily(String accountId, String family, Instant until,
      String reason) {
    State s = state(accountId);
    if (until == null) s.familyCoolingUntil.remove(family);
    else s.familyCoolingUntil.put(family, until);
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Void> recordWindowStatus(String accountId, String status) {
    state(accountId).windowStatus = status;
    return done(null);
  }

  @Override
  public synchronized CompletionStage<Void> recordPlan(String accountId, ClaudePlan plan) {
    state(accountId).plan = plan == null ? ClaudePlan.UNKNOWN : plan;
    return done(null);
  }

  /** Drops expired leases and cool-downs; returns how many leases it freed. The periodic cleanup calls it. */
  public synchronized int purgeExpired(Instant now) {
    int freed = 0;
    for (State s : states.values()) {
      int before = s.leaseExpiry.size();
      freed += before - s.liveLeases(now);
      if (s.coolingUntil != null && !now.isBefore(s.coolingUntil)) {
        s.coolingUntil = null;
        s.coolingReason = null;
      }
    }
    return freed;
  }

  private State state(String accountId) {
    return states.computeIfAbsent(accountId, x -> new State());
  }

  private static <T> CompletionStage<T> done(T value) {
    return CompletableFuture.completedFuture(value);
  }
}
