package io.clauderelay.server.lease;

import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.port.AccountStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Account state whose concurrency slots, once taken, are renewed by the node until released. */
final class RenewedAccountSlots implements AccountStateStore {
  private final AccountStateStore inner;
  private final LiveLeases live;

  RenewedAccountSlots(AccountStateStore inner, LiveLeases live) {
    this.inner = inner;
    this.live = live;
  }

  @Override
  public CompletionStage<Map<String, AccountRuntime>> runtime(Collection<String> accountIds, Instant now) {
    return inner.runtime(accountIds, now);
  }

  @Override
  public CompletionStage<Boolean> acquire(String accountId, String requestId, int max, Duration ttl, Instant now) {
    return inner.acquire(accountId, requestId, max, ttl, now).thenApply(taken -> {
      if (taken) live.add(accountId, requestId);
      return taken;
    });
  }

  @Override
  public CompletionStage<Void> release(String accountId, String requestId, Instant now) {
    live.remove(accountId, requestId);
    return inner.release(accountId, requestId, now);
  }

  @Override
  public CompletionStage<Integer> renew(Map<String, ? extends Collection<String>> requestIdsByAccount, Instant now,
      Duration ttl) {
    return inner.renew(requestIdsByAccount, now, ttl);
  }

  @Override
  public CompletionStage<Void> coolDown(String accountId, Instant until, String reason) {
    return inner.coolDown(accountId, until, reason);
  }

  @Override
  public CompletionStage<Void> coolDownFamily(String accountId, String family, Instant until, String reason) {
    return inner.coolDownFamily(accountId, family, until, reason);
  }

  @Override
  public CompletionStage<Void> recordWindowStatus(String accountId, String status) {
    return inner.recordWindowStatus(accountId, status);
  }

  @Override
  public CompletionStage<Void> recordPlan(String accountId, ClaudePlan plan) {
    return inner.recordPlan(accountId, plan);
  }

  @Override
  public CompletionStage<Long> addCost(String accountId, Instant at, long micros) {
    return inner.addCost(accountId, at, micros);
  }
}
