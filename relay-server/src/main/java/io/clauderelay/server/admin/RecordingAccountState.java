package io.clauderelay.server.admin;

import io.clauderelay.domain.account.AccountRuntime;
import io.clauderelay.domain.account.ClaudePlan;
import io.clauderelay.domain.port.AccountStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** Passes everything to the real account state store and notes each cool-down in the error history. */
public final class RecordingAccountState implements AccountStateStore {
  private final AccountStateStore inner;
  private final ErrorHistory history;
  private final Clock clock;

  public RecordingAccountState(AccountStateStore inner, ErrorHistory history, Clock clock) {
    this.inner = inner;
    this.history = history;
    this.clock = clock;
  }

  @Override
  public CompletionStage<Map<String, AccountRuntime>> runtime(Collection<String> accountIds, Instant now) {
    return inner.runtime(accountIds, now);
  }

  @Override
  public CompletionStage<Boolean> acquire(String accountId, String requestId, int max, Duration ttl, Instant now) {
    return inner.acquire(accountId, requestId, max, ttl, now);
  }

  @Override
  public CompletionStage<Void> release(String accountId, String requestId, Instant now) {
    return inner.release(accountId, requestId, now);
  }

  @Override
  public CompletionStage<Void> coolDown(String accountId, Instant until, String reason) {
    if (until != null) history.add(accountId, new ErrorHistory.Event(clock.instant(), until, reason));
    return inner.coolDown(accountId, until, reason);
  }

  @Override
  public CompletionStage<Void> coolDownFamily(String accountId, String family, Instant until, String reason) {
    if (until != null) history.add(accountId, new ErrorHistory.Event(clock.instant(), until, reason + " (" + family + ")"));
    return inner.coolDownFamily(accountId, family, until, reason);
  }

  // The port's defaults would drop these; a decorator must pass every operation on.
  @Override
  public CompletionStage<Void> recordWindowStatus(String accountId, String status) {
    return inner.recordWindowStatus(accountId, status);
  }

  @Override
  public CompletionStage<Void> recordPlan(String accountId, ClaudePlan plan) {
    return inner.recordPlan(accountId, plan);
  }

  /** The wrapped store (Redis adapters expose extra operations on their concrete type). */
  public AccountStateStore inner() {
    return inner;
  }
}
